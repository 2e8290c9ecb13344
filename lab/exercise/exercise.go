// Package exercise knows the corrected exercise directory: which embedded
// file lands where, and how to write it out with a fresh set of secrets.
package exercise

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pglab/pglab"
	"github.com/pglab/pglab/lab/provenance"
)

// File is one file of the exercise directory.
type File struct {
	Path     string // where it lives in the exercise directory, slash-separated
	Embedded string // where it lives in the embedded tree
	About    string // one line for `pglab files`
}

// Profile is one exercise's stack: its files and where the runtimes find
// the compose file, the balancer's config and each node's Patroni config.
type Profile struct {
	Name    string
	About   string
	Files   []File
	Compose string            // embedded path of the compose file
	HAProxy string            // embedded path of haproxy.cfg
	Patroni map[string]string // compose service -> embedded path of its Patroni config
	// Exercise is the catalog's exercise (scenarios/exercises.yaml) this
	// stack is the answer to.
	Exercise string
	// ReportByLanguage: a report of a run on this stack covers the
	// exercises of its language (both in English), not only Exercise: the
	// operations test's stack answers the lab's general questions too.
	ReportByLanguage bool
}

// Etcd is the operations test: three etcd members, postgres1/postgres2, HAProxy.
var Etcd = Profile{
	Name:  "etcd",
	About: "the operations test: etcd1..3, postgres1/postgres2 (PostgreSQL 12), haproxy",
	Files: []File{
		{"Dockerfile", "Dockerfile", "PostgreSQL 12 + Patroni (etcd3) + PostGIS 3 image, runs as postgres"},
		{"docker-compose.yaml", "docker-compose.yaml", "etcd1..3, postgres1..2 and haproxy on one network"},
		{"postgres1-conf/patroni.yml", "assets/postgres1-conf/patroni.yml", "Patroni config of postgres1, mounted at /etc/patroni"},
		{"postgres2-conf/patroni.yml", "assets/postgres2-conf/patroni.yml", "Patroni config of postgres2, mounted at /etc/patroni"},
		{"haproxy/haproxy.cfg", "assets/haproxy/haproxy.cfg", "HAProxy: 5432 to the Patroni primary (check /primary on 8008), stats on 7000"},
	},
	Compose: "docker-compose.yaml",
	HAProxy: "assets/haproxy/haproxy.cfg",
	Patroni: map[string]string{
		"postgres1": "assets/postgres1-conf/patroni.yml",
		"postgres2": "assets/postgres2-conf/patroni.yml",
	},
	Exercise:         "ops",
	ReportByLanguage: true,
}

// ZooKeeper is the HA lab: ZooKeeper, pg-master/pg-slave, postgres_entrypoint.
var ZooKeeper = Profile{
	Name:  "zookeeper",
	About: "the HA lab: zoo (ZooKeeper), pg-master/pg-slave (PostgreSQL 15), haproxy as postgres_entrypoint",
	Files: []File{
		{"Dockerfile", "assets/zookeeper/Dockerfile", "PostgreSQL 15 + Patroni (ZooKeeper) image with both Patroni configs copied in, runs as postgres"},
		{"docker-compose.yml", "assets/zookeeper/docker-compose.yml", "pg-master (5433), pg-slave (5434), zoo (2181), haproxy as postgres_entrypoint (5432, stats 7000)"},
		{"postgres0.yml", "assets/zookeeper/postgres0.yml", "Patroni config of pg-master (postgresql0), copied into the image"},
		{"postgres1.yml", "assets/zookeeper/postgres1.yml", "Patroni config of pg-slave (postgresql1), copied into the image"},
		{"haproxy.cfg", "assets/zookeeper/haproxy.cfg", "HAProxy: 5432 to the node whose Patroni answers 200 on GET /, stats on 7000"},
	},
	Compose: "assets/zookeeper/docker-compose.yml",
	HAProxy: "assets/zookeeper/haproxy.cfg",
	Patroni: map[string]string{
		"pg-master": "assets/zookeeper/postgres0.yml",
		"pg-slave":  "assets/zookeeper/postgres1.yml",
	},
	Exercise: "lab",
}

// Profiles lists every profile; the first is the default.
var Profiles = []Profile{Etcd, ZooKeeper}

// DefaultProfile is the operations test's stack.
const DefaultProfile = "etcd"

// ProfileByName finds a profile; "" is the default one.
func ProfileByName(name string) (Profile, error) {
	if name == "" {
		name = DefaultProfile
	}
	var names []string
	for _, p := range Profiles {
		if p.Name == name {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return Profile{}, fmt.Errorf("profile %q: choose one of %s", name, strings.Join(names, ", "))
}

// Files lists the default profile's exercise directory in the order a reader meets them.
var Files = Etcd.Files

// EnvFile is the generated secrets file docker compose reads on its own.
const EnvFile = ".env"

// Read returns the embedded content of one of the default profile's files.
func Read(path string) ([]byte, error) { return Etcd.Read(path) }

// Read returns the embedded content of one of the profile's files.
func (p Profile) Read(path string) ([]byte, error) {
	for _, f := range p.Files {
		if f.Path == path {
			return fs.ReadFile(pglab.Files, f.Embedded)
		}
	}
	return nil, fmt.Errorf("no exercise file %q in profile %s (see `pglab files --profile %s`)", path, p.Name, p.Name)
}

// Manifest is the provenance of the profile's embedded files, pglab's own.
func (p Profile) Manifest() (provenance.Manifest, error) {
	files := map[string][]byte{}
	for _, f := range p.Files {
		b, err := fs.ReadFile(pglab.Files, f.Embedded)
		if err != nil {
			return provenance.Manifest{}, fmt.Errorf("read embedded %s: %w", f.Embedded, err)
		}
		files[f.Path] = b
	}
	return provenance.Of(files), nil
}

// Secrets are the per-lab passwords Patroni reads from its environment.
type Secrets struct {
	Superuser   string
	Replication string
	Rewind      string
}

// NewSecrets draws fresh random passwords.
func NewSecrets() (Secrets, error) {
	var s Secrets
	for _, p := range []*string{&s.Superuser, &s.Replication, &s.Rewind} {
		b := make([]byte, 15)
		if _, err := rand.Read(b); err != nil {
			return Secrets{}, fmt.Errorf("generate password: %w", err)
		}
		*p = strings.ToLower(base32.StdEncoding.EncodeToString(b))
	}
	return s, nil
}

// Env renders the secrets as docker compose's .env file.
func (s Secrets) Env() []byte {
	var b bytes.Buffer
	b.WriteString("# Generated by pglab init: passwords of this lab only. Keep this file private.\n")
	fmt.Fprintf(&b, "PATRONI_SUPERUSER_PASSWORD=%s\n", s.Superuser)
	fmt.Fprintf(&b, "PATRONI_REPLICATION_PASSWORD=%s\n", s.Replication)
	fmt.Fprintf(&b, "PATRONI_REWIND_PASSWORD=%s\n", s.Rewind)
	return b.Bytes()
}

// Values lists the secret strings, for redaction.
func (s Secrets) Values() []string { return []string{s.Superuser, s.Replication, s.Rewind} }

// ErrExists is returned by Init when a file is already there and force is off.
var ErrExists = errors.New("file exists")

// Init writes the default profile's exercise directory.
func Init(dir string, force bool) ([]string, error) { return Etcd.Init(dir, force) }

// Init writes the exercise directory: every embedded file, byte for byte, and
// a fresh .env (0600). Without force it writes nothing if any target exists,
// so a half-written directory never replaces someone's work.
func (p Profile) Init(dir string, force bool) ([]string, error) {
	targets := make([]string, 0, len(p.Files)+1)
	for _, f := range p.Files {
		targets = append(targets, f.Path)
	}
	targets = append(targets, EnvFile)
	if !force {
		for _, t := range targets {
			if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(t))); err == nil {
				return nil, fmt.Errorf("%s: %w (use --force to overwrite)", filepath.Join(dir, t), ErrExists)
			}
		}
	}
	secrets, err := NewSecrets()
	if err != nil {
		return nil, err
	}
	for _, f := range p.Files {
		data, err := fs.ReadFile(pglab.Files, f.Embedded)
		if err != nil {
			return nil, fmt.Errorf("read embedded %s: %w", f.Embedded, err)
		}
		if err := writeFile(dir, f.Path, data, 0o644); err != nil {
			return nil, err
		}
	}
	if err := writeFile(dir, EnvFile, secrets.Env(), 0o600); err != nil {
		return nil, err
	}
	return targets, nil
}

func writeFile(dir, rel string, data []byte, mode os.FileMode) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("init %s: %w", rel, err)
	}
	if err := os.WriteFile(p, data, mode); err != nil {
		return fmt.Errorf("init %s: %w", rel, err)
	}
	// WriteFile keeps the mode of an existing file; secrets must end up 0600.
	if err := os.Chmod(p, mode); err != nil {
		return fmt.Errorf("init %s: %w", rel, err)
	}
	return nil
}
