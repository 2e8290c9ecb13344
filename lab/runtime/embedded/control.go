package embedded

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pglab/pglab/lab/labdir"
)

// The supervisor answers a small HTTP API on a unix socket in the lab
// directory, so that `pglab status`, `stop`, `kill`, `start` and `down` in
// another terminal reach the process that hosts the etcd members.

func socketPath(dir string) string { return filepath.Join(dir, "control.sock") }

// Snapshot is the supervisor's view of the lab.
type Snapshot struct {
	Phase string      `json:"phase"`
	PID   int         `json:"pid"`
	Nodes []NodeState `json:"nodes"`
}

func (l *Lab) serveControl() error {
	path := socketPath(l.State.Dir)
	_ = os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("control socket: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/status", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, Snapshot{Phase: l.Phase(), PID: os.Getpid(), Nodes: l.Nodes()})
	})
	mux.HandleFunc("POST /v1/nodes/{node}/{action}", func(w http.ResponseWriter, r *http.Request) {
		a := Action(r.PathValue("action"))
		if a != Stop && a != Kill && a != Begin && a != Pause && a != Resume && a != Partition && a != Heal {
			http.Error(w, "unknown action "+string(a), http.StatusBadRequest)
			return
		}
		at, err := l.Do(r.PathValue("node"), a)
		if err != nil {
			code := http.StatusConflict
			if errors.Is(err, ErrUnknownNode) {
				code = http.StatusNotFound
			}
			http.Error(w, err.Error(), code)
			return
		}
		writeJSON(w, Done{Verified: at, Nodes: l.Nodes()})
	})
	mux.HandleFunc("POST /v1/down", func(w http.ResponseWriter, r *http.Request) {
		keep := r.URL.Query().Get("keep-data") == "true"
		select {
		case l.downReq <- keep:
			writeJSON(w, map[string]bool{"accepted": true})
		default:
			http.Error(w, "the lab is already stopping", http.StatusConflict)
		}
	})
	srv := &http.Server{Handler: mux}
	l.srv = srv
	go srv.Serve(ln)
	return nil
}

func (l *Lab) stopControl() {
	if l.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = l.srv.Shutdown(ctx)
	}
}

// DownRequested delivers a `pglab down` from another process: the value
// says whether to keep the data.
func (l *Lab) DownRequested() <-chan bool { return l.downReq }

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// Client talks to a lab's supervisor.
type Client struct {
	State *labdir.State
	http  *http.Client
}

// ErrNotRunning is wrapped when the lab's supervisor does not answer.
var ErrNotRunning = errors.New("lab is not running")

// Connect finds a lab by name.
func Connect(name string) (*Client, error) {
	st, err := labdir.Load(name)
	if err != nil {
		return nil, err
	}
	sock := socketPath(st.Dir)
	return &Client{State: st, http: &http.Client{
		Timeout: 90 * time.Second,
		Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		}},
	}}, nil
}

func (c *Client) call(ctx context.Context, method, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, "http://lab"+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("lab %q: %w (its process %d is gone; `%s` cleans up)", c.State.Name, ErrNotRunning, c.State.PID, labdir.Hint(c.State.Name, "down"))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return errors.New(strings.TrimSpace(string(msg)))
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// Status asks the supervisor for its snapshot.
func (c *Client) Status(ctx context.Context) (Snapshot, error) {
	var s Snapshot
	err := c.call(ctx, http.MethodGet, "/v1/status", &s)
	return s, err
}

// Done is the supervisor's answer to an action: when it was seen in
// effect (verify.go), and the nodes' states after it.
type Done struct {
	Verified time.Time   `json:"verified"`
	Nodes    []NodeState `json:"nodes"`
}

// Do applies a fault-injection action to a node; it returns once the
// fault is seen in effect, with the moment it was first seen so.
func (c *Client) Do(ctx context.Context, node string, a Action) (time.Time, error) {
	var d Done
	if err := c.call(ctx, http.MethodPost, "/v1/nodes/"+node+"/"+string(a), &d); err != nil {
		return time.Time{}, err
	}
	return d.Verified, nil
}

// Down asks the supervisor to tear the lab down and waits for it to exit.
func (c *Client) Down(ctx context.Context, keepData bool) error {
	q := "false"
	if keepData {
		q = "true"
	}
	if err := c.call(ctx, http.MethodPost, "/v1/down?keep-data="+q, nil); err != nil {
		return err
	}
	if !waitGone(c.State.PID, 2*time.Minute) {
		return fmt.Errorf("lab %q: process %d still running 2m after down", c.State.Name, c.State.PID)
	}
	return nil
}
