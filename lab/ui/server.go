// Package ui is pglab's live page: a lab drawn as it runs (the DCS and
// Patroni's leader key, the two PostgreSQL nodes, HAProxy and its
// servers, the replication and the routes), fed by bench's sampler
// (lab/measure) through lab/target and pushed to the page as server-sent
// events; a chart of a writer's acknowledged writes and errors with the
// faults marked; the current step of a walkthrough; and actions (faults,
// switchover, load) that each show the command they are the same as.
//
// The server binds loopback only, every request carries a random token,
// and state-changing requests are same-origin POSTs. The page is one
// self-contained HTML document embedded in the binary, in es, ru or en.
package ui

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/session"
)

// Labs are the labs a server can show.
type Labs interface {
	// List names the labs there are now.
	List() []string
	// State is a lab's recorded state (to tell a new lab under an old name).
	State(name string) (*labdir.State, error)
	// Open connects to a lab.
	Open(name string) (runtime.Lab, error)
}

// RegistryLabs are the labs of this host, connected through their runtime.
type RegistryLabs struct{ Runtimes runtime.Registry }

func (r RegistryLabs) List() []string                           { return labdir.List() }
func (r RegistryLabs) State(name string) (*labdir.State, error) { return labdir.Load(name) }
func (r RegistryLabs) Open(name string) (runtime.Lab, error) {
	return session.Connect(r.Runtimes, name)
}

// Options configure a server.
type Options struct {
	Labs  Labs
	Token string // "" makes one (NewToken)
	Lang  string // the page's language unless the URL says (?lang=); "" is en
	Lab   string // the lab the page opens on; "" the first there is
	// Pglab is how the commands shown are typed: "pglab".
	Pglab string
}

// Server serves the page, its event streams and its actions.
type Server struct {
	o     Options
	g     *guard
	pages map[string][]byte // the page in each language

	ctx      context.Context // the watchers' lifetime: the server's
	mu       sync.Mutex
	hubs     map[string]*hub
	watchers map[string]*watcher
	refs     map[string]int
}

//go:embed assets
var assets embed.FS

// New makes a server; its watchers live until ctx ends.
func New(ctx context.Context, o Options) (*Server, error) {
	if o.Token == "" {
		o.Token = NewToken()
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	if err := CheckLang(o.Lang); err != nil {
		return nil, err
	}
	if o.Pglab == "" {
		o.Pglab = "pglab"
	}
	if o.Labs == nil {
		return nil, errors.New("ui: no labs")
	}
	s := &Server{o: o, g: newGuard(o.Token), pages: map[string][]byte{}, ctx: ctx,
		hubs: map[string]*hub{}, watchers: map[string]*watcher{}, refs: map[string]int{}}
	for _, lang := range Langs {
		p, err := page(lang)
		if err != nil {
			return nil, err
		}
		s.pages[lang] = p
	}
	return s, nil
}

// page is the HTML document with its style, script and words inlined: one
// request, nothing fetched from elsewhere.
func page(lang string) ([]byte, error) {
	read := func(name string) (string, error) {
		b, err := assets.ReadFile("assets/" + name)
		return string(b), err
	}
	doc, err := read("index.html")
	if err != nil {
		return nil, err
	}
	css, err := read("app.css")
	if err != nil {
		return nil, err
	}
	js, err := read("app.js")
	if err != nil {
		return nil, err
	}
	w, _ := json.Marshal(catalogue(lang))
	r := strings.NewReplacer("{{lang}}", lang, "{{title}}", html.EscapeString(catalogue(lang)["title"]),
		"/*{{css}}*/", css, "/*{{js}}*/", js, "{{words}}", string(w)) // json.Marshal escapes <, > and & for a script element
	return []byte(r.Replace(doc)), nil
}

// Token is the server's token.
func (s *Server) Token() string { return s.o.Token }

// Handler serves the page (/), the labs (/labs), a lab's events
// (/events?lab=NAME) and actions (POST /action).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /labs", s.labs)
	mux.HandleFunc("GET /events", s.events)
	mux.HandleFunc("/action", s.action)
	return mux
}

// security headers of every answer: nothing from elsewhere, no framing,
// the token never sent on as a referrer.
func secure(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	secure(w)
	if err := s.g.read(r); err != nil {
		refuse(w, err)
		return
	}
	lang := r.URL.Query().Get("lang")
	if CheckLang(lang) != nil {
		lang = s.o.Lang
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(s.pages[lang])
}

// LabsAnswer lists the labs and the one to open first.
type LabsAnswer struct {
	Labs    []string `json:"labs"`
	Default string   `json:"default"`
}

func (s *Server) labs(w http.ResponseWriter, r *http.Request) {
	secure(w)
	if err := s.g.read(r); err != nil {
		refuse(w, err)
		return
	}
	a := LabsAnswer{Labs: s.o.Labs.List(), Default: s.o.Lab}
	if a.Labs == nil {
		a.Labs = []string{}
	}
	if a.Default != "" && !contains(a.Labs, a.Default) {
		a.Labs = append(a.Labs, a.Default) // being booted: shown as gone until it is up
	}
	if a.Default == "" && len(a.Labs) > 0 {
		a.Default = a.Labs[0]
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(a)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// heartbeat keeps an idle stream open through anything that times out
// silent connections, and lets the server notice a page that left.
const heartbeat = 15 * time.Second

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	secure(w)
	if err := s.g.read(r); err != nil {
		refuse(w, err)
		return
	}
	name := r.URL.Query().Get("lab")
	if labdir.CheckName(name) != nil {
		http.Error(w, fmt.Sprintf("pglab ui: no lab named %q", name), http.StatusBadRequest)
		return
	}
	h := s.acquire(name)
	defer s.release(name)
	ch, replay, cancel := h.subscribe()
	defer cancel()
	w.Header().Set("Content-Type", "text/event-stream")
	rc := http.NewResponseController(w)
	// A page that lost the stream asks again after a second.
	if _, err := w.Write([]byte("retry: 1000\n\n")); err != nil {
		return
	}
	for _, ev := range replay {
		w.Write(ev)
	}
	if rc.Flush() != nil {
		return
	}
	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.ctx.Done():
			return
		case ev := <-ch:
			if _, err := w.Write(ev); err != nil {
				return
			}
		case <-beat.C:
			if _, err := w.Write([]byte(": beat\n\n")); err != nil {
				return
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// ActionRequest is what a page posts to /action.
type ActionRequest struct {
	Lab    string `json:"lab"`
	Action string `json:"action"` // stop, kill, start, pause, resume, partition, heal, switchover, load-on, load-off
	Node   string `json:"node,omitempty"`
}

func (s *Server) action(w http.ResponseWriter, r *http.Request) {
	secure(w)
	if err := s.g.write(r); err != nil {
		refuse(w, err)
		return
	}
	var req ActionRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil {
		http.Error(w, "pglab ui: action: "+err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	wt := s.watchers[req.Lab]
	s.mu.Unlock()
	if wt == nil {
		http.Error(w, fmt.Sprintf("pglab ui: lab %q is not watched: open its page first", req.Lab), http.StatusConflict)
		return
	}
	ev, err := wt.act(req.Action, req.Node)
	if err != nil {
		code := http.StatusConflict
		if errors.Is(err, errBadAction) {
			code = http.StatusBadRequest
		}
		http.Error(w, "pglab ui: "+err.Error(), code)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	json.NewEncoder(w).Encode(ev)
}

// hub is the lab's hub, made on first use and kept: a walkthrough's step
// waits there for the page that comes later.
func (s *Server) hub(name string) *hub {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hubs[name]
	if h == nil {
		h = newHub()
		s.hubs[name] = h
	}
	return h
}

// acquire starts watching a lab for one more page.
func (s *Server) acquire(name string) *hub {
	h := s.hub(name)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refs[name]++
	if s.watchers[name] == nil {
		wt := &watcher{s: s, name: name, hub: h}
		wt.start(s.ctx)
		s.watchers[name] = wt
	}
	return h
}

// lingerFor: a page that reloads finds its lab still watched (and its
// load still running) rather than starting over.
const lingerFor = 10 * time.Second

// release lets a page go; the lab stops being watched a while after its
// last page left.
func (s *Server) release(name string) {
	s.mu.Lock()
	s.refs[name]--
	s.mu.Unlock()
	time.AfterFunc(lingerFor, func() {
		s.mu.Lock()
		wt := s.watchers[name]
		if s.refs[name] > 0 || wt == nil {
			s.mu.Unlock()
			return
		}
		delete(s.watchers, name)
		s.mu.Unlock()
		wt.stop()
	})
}

// Close stops every watcher (and the writers they run).
func (s *Server) Close() {
	s.mu.Lock()
	ws := s.watchers
	s.watchers = map[string]*watcher{}
	s.mu.Unlock()
	for _, wt := range ws {
		wt.stop()
	}
}

// Listen binds addr, which must be a loopback address ("" is 127.0.0.1 on
// a free port), serves until ctx ends, and returns the page's URL with the
// token. done is closed once the server stopped.
func (s *Server) Listen(ctx context.Context, addr string) (pageURL string, done <-chan struct{}, err error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", nil, fmt.Errorf("--listen %q: want HOST:PORT, e.g. 127.0.0.1:8080", addr)
	}
	if !loopback(host) {
		return "", nil, fmt.Errorf("--listen %q: pglab ui binds loopback only (127.0.0.1, ::1 or localhost)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("--listen %s: %w", addr, err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	fin := make(chan struct{})
	go func() {
		srv.Serve(ln)
	}()
	go func() {
		defer close(fin)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		srv.Close()
		s.Close()
	}()
	q := url.Values{"token": {s.o.Token}}
	if s.o.Lab != "" {
		q.Set("lab", s.o.Lab)
	}
	return "http://" + ln.Addr().String() + "/?" + q.Encode(), fin, nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
