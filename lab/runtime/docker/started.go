package docker

import (
	"context"
	"fmt"
	"github.com/pglab/pglab/lab/labdir"
	"net"
	"path"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pglab/pglab/lab/lint"
	"github.com/pglab/pglab/lab/progress"
	"github.com/pglab/pglab/lab/topology"
	"github.com/pglab/pglab/lab/wait"
)

// A Patroni config a start script writes (a here-document in an
// entrypoint, a template run.sh fills in) is not in the answer's files:
// lint's layout lacks its path, superuser and passwords. Once the node
// runs, its container says: Patroni's own process names the file it was
// started with, and that file (and the process's PATRONI_* variables,
// which Patroni lays over it) holds the rest.

// procList prints every process of the container: pid, cwd and argv (its
// words separated by \001), without ps (not every image has it).
const procList = `for p in /proc/[0-9]*; do c=$(tr '\000' '\001' < "$p/cmdline" 2>/dev/null) || continue; if [ -n "$c" ]; then printf '%s\t%s\t%s\n' "${p#/proc/}" "$(readlink "$p/cwd")" "$c"; fi; done`

// startedPatroni is Patroni's process among a container's (procList's
// output): its pid, its argv, and the config path it was started with,
// made absolute against its working directory. ok is false when no
// process is Patroni's (not started yet) or it names no file.
func startedPatroni(procs string) (pid string, argv []string, config string, ok bool) {
	for _, line := range strings.Split(procs, "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			continue
		}
		words := strings.Split(strings.TrimRight(f[2], "\x01"), "\x01")
		i := 0
		if strings.HasPrefix(path.Base(words[0]), "python") && len(words) > 1 {
			i = 1 // python3 /usr/bin/patroni FILE: a script's interpreter
		}
		if path.Base(words[i]) != "patroni" {
			continue // su -c "patroni FILE", a shell, patronictl: not Patroni itself
		}
		for _, w := range words[i+1:] {
			if strings.HasPrefix(w, "-") {
				continue
			}
			if !path.IsAbs(w) {
				w = path.Join(f[1], w)
			}
			return f[0], words, w, true
		}
	}
	return "", nil, "", false
}

// startedConfig is what a running Patroni's config and environment say
// of a node: member name, superuser, passwords and REST port (PATRONI_*
// variables over the file, as Patroni reads them).
func startedConfig(file []byte, environ string) (lint.NodeLayout, error) {
	var c struct {
		Name    string `yaml:"name"`
		RestAPI struct {
			Listen string `yaml:"listen"`
		} `yaml:"restapi"`
		PostgreSQL struct {
			Authentication struct {
				Superuser struct {
					Username string `yaml:"username"`
					Password string `yaml:"password"`
				} `yaml:"superuser"`
				Replication struct {
					Password string `yaml:"password"`
				} `yaml:"replication"`
			} `yaml:"authentication"`
		} `yaml:"postgresql"`
	}
	if err := yaml.Unmarshal(file, &c); err != nil {
		return lint.NodeLayout{}, fmt.Errorf("its Patroni config is not YAML: %w", err)
	}
	n := lint.NodeLayout{Member: c.Name, Superuser: c.PostgreSQL.Authentication.Superuser.Username,
		SuperuserPassword:   c.PostgreSQL.Authentication.Superuser.Password,
		ReplicationPassword: c.PostgreSQL.Authentication.Replication.Password}
	listen := c.RestAPI.Listen
	for _, kv := range strings.Split(environ, "\x00") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "PATRONI_NAME":
			n.Member = v
		case "PATRONI_SUPERUSER_USERNAME":
			n.Superuser = v
		case "PATRONI_SUPERUSER_PASSWORD":
			n.SuperuserPassword = v
		case "PATRONI_REPLICATION_PASSWORD":
			n.ReplicationPassword = v
		case "PATRONI_RESTAPI_LISTEN":
			listen = v
		}
	}
	if _, p, err := net.SplitHostPort(listen); err == nil {
		if port, err := strconv.Atoi(p); err == nil && port != topology.PortPatroni {
			n.RESTPort = port
		}
	}
	return n, nil
}

// needsStarted says whether the files left something of a node to its
// running container.
func needsStarted(n lint.NodeLayout) bool {
	return n.Path == "" || n.Superuser == "" || n.SuperuserPassword == "" || n.Member == ""
}

// startedTimeout bounds the wait for Patroni's process: its REST API is
// awaited after it, as long again, so a node whose Patroni never starts
// costs its boot this much more only.
const startedTimeout = time.Minute

// readStarted fills, for each node of someone's stack whose files do not
// say, its config path, member, superuser, passwords and REST port from
// its running container, records where they were read (the lab state's
// Readings, the boot's log) and uses the credentials from then on. It
// waits ≤ startedTimeout for Patroni to be started; a node that never
// shows one is left as the files say.
func (c *Client) readStarted(ctx context.Context, node string, status *progress.Status) {
	if c.layout == nil {
		return
	}
	have := c.layout.Nodes[node]
	if !needsStarted(have) {
		return
	}
	var pid, config string
	var argv []string
	err := wait.Until(ctx, node+"'s Patroni to be started", startedTimeout, func(ctx context.Context) (bool, string) {
		out, code, err := c.Exec(ctx, node, "0", "sh", "-c", procList)
		if err != nil || code != 0 {
			return false, fmt.Sprintf("listing its processes: %v %s", err, out)
		}
		var ok bool
		if pid, argv, config, ok = startedPatroni(out); !ok {
			return false, "no Patroni process naming a config file"
		}
		return true, ""
	})
	if err != nil {
		status.Info("%s: its Patroni config not read from the container: %v", node, err)
		return
	}
	file, code, err := c.Exec(ctx, node, "0", "cat", config)
	if err != nil || code != 0 {
		status.Info("%s: cannot read %s in the container: %v %s", node, config, err, file)
		return
	}
	environ, _, _ := c.Exec(ctx, node, "0", "cat", "/proc/"+pid+"/environ")
	got, err := startedConfig([]byte(file), environ)
	if err != nil {
		status.Info("%s: %s: %v", node, config, err)
		return
	}
	// The files' word stands where they said; the container fills the rest.
	var read []string
	fill := func(dst *string, v, what string) {
		if *dst == "" && v != "" {
			*dst = v
			read = append(read, what)
		}
	}
	fill(&have.Path, config, labdir.ReadPath)
	fill(&have.Member, got.Member, labdir.ReadMember)
	fill(&have.Superuser, got.Superuser, labdir.ReadSuperuser)
	fill(&have.SuperuserPassword, got.SuperuserPassword, labdir.ReadSuperuserPassword)
	fill(&have.ReplicationPassword, got.ReplicationPassword, labdir.ReadReplicationPassword)
	if have.RESTPort == 0 && got.RESTPort != 0 {
		have.RESTPort = got.RESTPort
		read = append(read, labdir.ReadRESTPort)
	}
	if len(read) == 0 {
		return
	}
	reading := labdir.Reading{Service: node, Command: strings.Join(argv, " "), Config: config, Read: read}
	c.State.Readings = append(c.State.Readings, reading)
	if c.layout.Nodes == nil {
		c.layout.Nodes = map[string]lint.NodeLayout{}
	}
	c.layout.Nodes[node] = have
	status.Info("%s: read from %s", node, reading)
	if have.SuperuserPassword != "" {
		c.State.Secrets.Superuser = have.SuperuserPassword
	}
	if have.ReplicationPassword != "" {
		c.State.Secrets.Replication = have.ReplicationPassword
	}
	if err := saveLayout(c.State.Dir, c.layout); err != nil {
		status.Info("%s: %v", node, err)
	}
	if err := c.State.Save(); err != nil {
		status.Info("%s: %v", node, err)
	}
}
