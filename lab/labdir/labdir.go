// Package labdir is where a lab keeps its state on the host: one directory
// per lab name, holding state.json, logs, data and the control socket, so
// that a second pglab invocation finds a running lab.
package labdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/exercise"
	"github.com/pglab/pglab/lab/provenance"
)

// DefaultName is the lab name when --name is not given.
const DefaultName = "pglab"

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,30}$`)

// CheckName rejects names that cannot be a directory or a Docker label.
func CheckName(name string) error {
	if !nameRE.MatchString(name) {
		return fmt.Errorf("lab name %q: use 1-31 lowercase letters, digits and dashes", name)
	}
	return nil
}

// Root is the directory holding every lab: $PGLAB_HOME, else /var/lib/pglab
// for root (PostgreSQL's user must reach its data, and /root is private),
// else $XDG_STATE_HOME/pglab or ~/.local/state/pglab.
func Root() string {
	if d := os.Getenv("PGLAB_HOME"); d != "" {
		return d
	}
	if os.Geteuid() == 0 {
		return "/var/lib/pglab"
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "pglab")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".local", "state", "pglab")
}

// Dir is a lab's directory.
func Dir(name string) string { return filepath.Join(Root(), name) }

// State is what a lab records about itself.
type State struct {
	Name      string           `json:"name"`
	Runtime   string           `json:"runtime"`
	Dir       string           `json:"dir"`
	Created   time.Time        `json:"created"`
	PID       int              `json:"pid"` // the process hosting the lab (embedded runtime)
	Ports     map[string]int   `json:"ports"`
	Secrets   exercise.Secrets `json:"secrets"`
	User      string           `json:"user,omitempty"` // who runs PostgreSQL
	PGBin     string           `json:"pg_bin,omitempty"`
	PGVersion string           `json:"pg_version,omitempty"`
	// From is the exercise directory a docker lab was booted from (--from),
	// "" for the embedded files.
	From    string `json:"from,omitempty"`
	Timing  string `json:"timing,omitempty"`
	Profile string `json:"profile,omitempty"` // exercise profile: etcd (default) or zookeeper
	// Source is the exercise files the lab was booted from, recorded by
	// runtimes that run them as they are (containers).
	Source *provenance.Manifest `json:"source,omitempty"`
	// Substitutions are the images a docker lab booted --from someone's
	// files runs instead of theirs (FROM → TO, and where), said in the
	// feedback: a grade never hides that it ran something else.
	Substitutions []Substitution `json:"substitutions,omitempty"`
	// Readings are what a docker lab booted --from someone's files read
	// from their running containers because the files did not say it (a
	// config a start script writes), said in the feedback like the
	// substitutions: a grade says where its credentials came from.
	Readings []Reading `json:"readings,omitempty"`
}

// What a Reading read from a running container.
const (
	ReadPath                = "config-path"
	ReadMember              = "member"
	ReadSuperuser           = "superuser"
	ReadSuperuserPassword   = "superuser-password"
	ReadReplicationPassword = "replication-password"
	ReadRESTPort            = "rest-port"
)

// Reading is what was read from one node's running container: its
// Patroni's command line, the config file it names, and which values
// (Read*) came from there.
type Reading struct {
	Service string   `json:"service"`
	Command string   `json:"command"`
	Config  string   `json:"config"`
	Read    []string `json:"read"`
}

// String is the reading in English, for logs.
func (r Reading) String() string {
	return fmt.Sprintf("the running container: Patroni's command line %q and %s (%s)", r.Command, r.Config, strings.Join(r.Read, ", "))
}

// Kinds of substitution.
const (
	SubstImage      = "image"       // a service runs image To instead of its From
	SubstBuild      = "build"       // a service's Dockerfile (From) built with other images (Changes)
	SubstReference  = "reference"   // a service's Dockerfile not built: runs on To with Mounts
	SubstBinDir     = "bin-dir"     // PATRONI_POSTGRESQL_BIN_DIR set to To (the reference image's)
	SubstUser       = "user"        // a reference run as To, the user its Dockerfile leaves
	SubstExtended   = "extended"    // the reference image To with the Debian packages Changes, a locale and a data directory
	SubstNoPackages = "no-packages" // the packages Changes could not be added to To (Text: why)
	SubstShim       = "shim"        // the programs Changes run the stand-in image's own
	SubstReplicas   = "replicas"    // a service that is no node of the exercise, asked for From containers, runs To (one)
)

// Substitution is one thing a docker lab runs instead of what someone's
// files ask for, recorded as data so each reader gets it in their own
// language (lab/report words it).
type Substitution struct {
	Kind    string `json:"kind"`
	Service string `json:"service"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
	// Changes are a build's replaced image references, "FROM → TO".
	Changes []string `json:"changes,omitempty"`
	// Mounts are a reference run's configs, "SOURCE:TARGET".
	Mounts []string `json:"mounts,omitempty"`
	// Text is a substitution recorded as an English sentence by an
	// earlier pglab, kept as it was.
	Text string `json:"text,omitempty"`
}

// String is the substitution in English, for consoles and the CSV.
func (s Substitution) String() string {
	switch s.Kind {
	case SubstImage:
		return fmt.Sprintf("%s: image %s → %s", s.Service, s.From, s.To)
	case SubstBuild:
		return fmt.Sprintf("%s: built from %s with %s", s.Service, s.From, strings.Join(s.Changes, ", "))
	case SubstReference:
		return fmt.Sprintf("%s: its Dockerfile not built; runs on %s with its configs mounted (%s)", s.Service, s.To, strings.Join(s.Mounts, ", "))
	case SubstBinDir:
		return fmt.Sprintf("%s: PATRONI_POSTGRESQL_BIN_DIR=%s (the reference image's PostgreSQL)", s.Service, s.To)
	case SubstUser:
		return fmt.Sprintf("%s: runs as %s, the user its Dockerfile leaves", s.Service, s.To)
	case SubstExtended:
		if len(s.Changes) == 0 {
			return fmt.Sprintf("%s: %s with the postgres images' en_US.UTF-8 locale and /var/lib/postgresql/data", s.Service, s.To)
		}
		return fmt.Sprintf("%s: %s with the Debian packages its Dockerfile installs, those Debian has (%s), and the postgres images' en_US.UTF-8 locale and /var/lib/postgresql/data", s.Service, s.To, strings.Join(s.Changes, " "))
	case SubstNoPackages:
		return fmt.Sprintf("%s: the packages its Dockerfile installs (%s) could not be added to %s (%s): it runs on the plain reference image", s.Service, strings.Join(s.Changes, " "), s.To, s.Text)
	case SubstShim:
		return fmt.Sprintf("%s: %s run the stand-in image's own programs", s.Service, strings.Join(s.Changes, ", "))
	case SubstReplicas:
		return fmt.Sprintf("%s: runs %s container instead of the %s its deploy.replicas or scale asks for (it is no node of the exercise)", s.Service, s.To, s.From)
	}
	return s.Text
}

// UnmarshalJSON reads a substitution, or the sentence an earlier pglab
// recorded in its place.
func (s *Substitution) UnmarshalJSON(b []byte) error {
	var text string
	if json.Unmarshal(b, &text) == nil {
		*s = Substitution{Text: text}
		return nil
	}
	type plain Substitution
	return json.Unmarshal(b, (*plain)(s))
}

const stateFile = "state.json"

// ErrNoLab is returned when no lab of that name exists.
var ErrNoLab = errors.New("no such lab")

// Load reads a lab's state.
func Load(name string) (*State, error) {
	b, err := os.ReadFile(filepath.Join(Dir(name), stateFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("lab %q: %w (start one with `%s`)", name, ErrNoLab, Hint(name, "up", "-d"))
	}
	if err != nil {
		return nil, fmt.Errorf("lab %q: %w", name, err)
	}
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("lab %q: broken %s: %w", name, stateFile, err)
	}
	return &s, nil
}

// Save writes the state, 0600: it holds the lab's passwords.
func (s *State) Save() error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(s.Dir, stateFile+".tmp")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("save lab state: %w", err)
	}
	return os.Rename(tmp, filepath.Join(s.Dir, stateFile))
}

// List names the labs that have a state file.
func List() []string {
	entries, _ := os.ReadDir(Root())
	var names []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(Root(), e.Name(), stateFile)); err == nil {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}
