package ui

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pglab/pglab/lab/labdir"
	"github.com/pglab/pglab/lab/measure"
	"github.com/pglab/pglab/lab/runtime"
	"github.com/pglab/pglab/lab/runtime/fake"
)

// fakeLabs are the labs of a test: one fake lab (Patroni's REST API and
// HAProxy's stats page from memory, a real etcd member holding the
// leader key), which can be made to go away and come back.
type fakeLabs struct {
	lab *fake.Lab
	mu  sync.Mutex
	off bool
}

func (f *fakeLabs) gone(off bool) { f.mu.Lock(); f.off = off; f.mu.Unlock() }

func (f *fakeLabs) List() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.off {
		return nil
	}
	return []string{f.lab.State().Name}
}

func (f *fakeLabs) State(name string) (*labdir.State, error) {
	if !slices.Contains(f.List(), name) {
		return nil, labdir.ErrNoLab
	}
	return f.lab.State(), nil
}

func (f *fakeLabs) Open(name string) (runtime.Lab, error) {
	if !slices.Contains(f.List(), name) {
		return nil, fmt.Errorf("lab %q: %w", name, labdir.ErrNoLab)
	}
	return f.lab, nil
}

const token = "0123456789abcdef0123456789abcdef"

// start serves a fake lab "t" with the token.
func start(t *testing.T) (*httptest.Server, *fakeLabs) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	l, err := fake.Start(ctx, "t", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Down(context.Background(), false) })
	labs := &fakeLabs{lab: l}
	srv, err := New(ctx, Options{Labs: labs, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return hs, labs
}

// stream reads a lab's server-sent events.
type stream struct {
	t    *testing.T
	body io.Closer
	ev   chan [2]string
}

func events(t *testing.T, hs *httptest.Server, lab string) *stream {
	t.Helper()
	resp, err := http.Get(hs.URL + "/events?lab=" + lab + "&token=" + token)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET /events: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	s := &stream{t: t, body: resp.Body, ev: make(chan [2]string, 1024)}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(s.ev)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		kind := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				kind = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				s.ev <- [2]string{kind, strings.TrimPrefix(line, "data: ")}
			}
		}
	}()
	return s
}

// until reads events until one of kind satisfies ok, and fails saying
// what it saw last when none does within timeout.
func until[T any](s *stream, kind string, timeout time.Duration, what string, ok func(T) bool) T {
	s.t.Helper()
	deadline := time.After(timeout)
	last := "nothing"
	for {
		select {
		case e, open := <-s.ev:
			if !open {
				s.t.Fatalf("waiting for %s: the stream ended; last %s", what, last)
			}
			if e[0] != kind {
				continue
			}
			last = e[1]
			var v T
			if err := json.Unmarshal([]byte(e[1]), &v); err != nil {
				s.t.Fatalf("event %s: %v: %s", kind, err, e[1])
			}
			if ok(v) {
				return v
			}
		case <-deadline:
			s.t.Fatalf("waited %s for %s; last %s event: %s", timeout, what, kind, last)
		}
	}
}

func post(t *testing.T, hs *httptest.Server, body string, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/action", strings.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func server(v View, name string) ServerView {
	for _, s := range v.Balancer.Servers {
		if s.Name == name {
			return s
		}
	}
	return ServerView{}
}

// The stream carries the lab as the sampler sees it; a kill posted from
// the page reaches the lab's Do, is announced with the command it is the
// same as, and the stream then shows the other node leading and HAProxy
// sending to it.
func TestStreamShowsAKillFromThePage(t *testing.T) {
	hs, labs := start(t)
	s := events(t, hs, "t")
	up := until(s, "lab", 10*time.Second, "the lab up", func(e LabEvent) bool { return e.State == "up" })
	if !slices.Equal(up.Nodes, []string{"postgres1", "postgres2"}) {
		t.Errorf("lab event nodes %v", up.Nodes)
	}
	before := until(s, "view", 10*time.Second, "postgres1 leading, routed, streaming to postgres2", func(v View) bool {
		return v.DCS.Leader == "postgres1" && server(v, "postgres1").Up && len(v.Streams) == 1
	})
	if len(before.DCS.Members) != 3 || before.DCS.LeaseMS <= 0 || before.Streams[0] != (Stream{From: "postgres1", To: "postgres2"}) {
		t.Errorf("before: DCS %+v, streams %+v", before.DCS, before.Streams)
	}
	if before.Nodes[0].Role != "primary" || before.Nodes[1].Role != "replica" {
		t.Errorf("before: nodes %+v", before.Nodes)
	}

	code, body := post(t, hs, `{"lab":"t","action":"kill","node":"postgres1"}`, map[string]string{TokenHeader: token, "Sec-Fetch-Site": "same-origin"})
	if code != http.StatusAccepted {
		t.Fatalf("POST kill: %d %s", code, body)
	}
	done := until(s, "action", 10*time.Second, "the kill done", func(a ActionEvent) bool { return a.State == "done" })
	if done.Command != "pglab --name t kill postgres1" {
		t.Errorf("the kill is shown as %q", done.Command)
	}
	after := until(s, "view", 10*time.Second, "postgres2 leading and routed", func(v View) bool {
		return v.DCS.Leader == "postgres2" && server(v, "postgres2").Up && !server(v, "postgres1").Up
	})
	if after.Nodes[1].Role != "primary" {
		t.Errorf("after: nodes %+v", after.Nodes)
	}
	if got := labs.lab.Actions(); !slices.Equal(got, []string{"kill postgres1"}) {
		t.Errorf("the lab's Do saw %v", got)
	}

	// A page that joins now is sent the current view and the actions at once.
	late := events(t, hs, "t")
	until(late, "action", 5*time.Second, "the kill replayed", func(a ActionEvent) bool { return a.ID == done.ID })
	until(late, "view", 5*time.Second, "the current view", func(v View) bool { return v.DCS.Leader == "postgres2" })

	// The lab goes: the page is told, and told again when it is back.
	labs.gone(true)
	until(s, "lab", 10*time.Second, "the lab gone", func(e LabEvent) bool { return e.State == "gone" })
	labs.gone(false)
	until(s, "lab", 10*time.Second, "the lab back", func(e LabEvent) bool { return e.State == "up" })
	until(s, "view", 10*time.Second, "a view after the lab came back", func(v View) bool { return v.DCS.Leader == "postgres2" })
}

// Requests without the token, from elsewhere or of the wrong method are
// refused with one line, and a refused action changes nothing.
func TestGuardRefusesWhatIsNotThePage(t *testing.T) {
	hs, labs := start(t)
	events(t, hs, "t") // watched, so that an action would reach the lab
	get := func(path string, host string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, hs.URL+path, nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, c := range []struct {
		path, host string
		code       int
	}{
		{"/", "", http.StatusForbidden},
		{"/?token=wrong", "", http.StatusForbidden},
		{"/events?lab=t", "", http.StatusForbidden},
		{"/labs", "", http.StatusForbidden},
		{"/?token=" + token, "evil.example:80", http.StatusForbidden}, // DNS rebinding
		{"/?token=" + token, "", http.StatusOK},
		{"/?token=" + token, "localhost", http.StatusOK},
		{"/action?token=" + token, "", http.StatusMethodNotAllowed},
	} {
		code, body := get(c.path, c.host)
		if code != c.code {
			t.Errorf("GET %s (Host %q): %d, want %d: %s", c.path, c.host, code, c.code, body)
		}
		if code != http.StatusOK && strings.Count(strings.TrimSpace(body), "\n") != 0 {
			t.Errorf("GET %s refused with more than one line: %q", c.path, body)
		}
	}
	kill := `{"lab":"t","action":"kill","node":"postgres1"}`
	for _, c := range []struct {
		why string
		hdr map[string]string
	}{
		{"no token", map[string]string{}},
		{"wrong token", map[string]string{TokenHeader: "x" + token[1:]}},
		{"cross-site (Sec-Fetch-Site)", map[string]string{TokenHeader: token, "Sec-Fetch-Site": "cross-site"}},
		{"another origin", map[string]string{TokenHeader: token, "Origin": "http://evil.example"}},
	} {
		if code, body := post(t, hs, kill, c.hdr); code != http.StatusForbidden {
			t.Errorf("POST kill with %s: %d %s, want 403", c.why, code, body)
		}
	}
	// The token in the URL does not make a POST an action: a form of
	// another site could put it there, not in a header.
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/action?token="+token, strings.NewReader(kill))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST with the token in the URL only: %v %v", resp.Status, err)
	}
	if got := labs.lab.Actions(); len(got) != 0 {
		t.Errorf("refused requests reached the lab: %v", got)
	}
	if code, body := post(t, hs, `{"lab":"t","action":"explode","node":"postgres1"}`, map[string]string{TokenHeader: token}); code != http.StatusBadRequest || !strings.Contains(body, "choose stop, kill") {
		t.Errorf("an unknown action: %d %s", code, body)
	}
}

func TestListenIsLoopbackOnly(t *testing.T) {
	srv, err := New(context.Background(), Options{Labs: &fakeLabs{}, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:80", "example.com:80"} {
		if _, _, err := srv.Listen(context.Background(), addr); err == nil || !strings.Contains(err.Error(), "loopback only") {
			t.Errorf("Listen(%q): %v, want a refusal naming loopback", addr, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	u, done, err := srv.Listen(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u, "http://127.0.0.1:") || !strings.Contains(u, "token="+token) {
		t.Errorf("URL %s", u)
	}
	cancel()
	<-done
}

// A page that falls behind does not hold the others up, and a late page
// is sent the last view and the recent history, capped.
func TestHubReplaysAndNeverBlocks(t *testing.T) {
	h := newHub()
	slow, _, cancel := h.subscribe()
	defer cancel()
	for i := range 500 {
		h.publish("view", map[string]int{"n": i})
		h.publish("load", LoadPoint{At: int64(i)})
	}
	if len(slow) != subBuffer {
		t.Errorf("a page that reads nothing holds %d events, want at most %d", len(slow), subBuffer)
	}
	_, replay, cancel2 := h.subscribe()
	defer cancel2()
	if len(replay) != 1+history["load"] {
		t.Fatalf("replay of %d events, want the last view and %d load points", len(replay), history["load"])
	}
	if !strings.Contains(string(replay[0]), `"n":499`) || !strings.Contains(string(replay[len(replay)-1]), `"at":499`) {
		t.Errorf("replay starts %q and ends %q", replay[0], replay[len(replay)-1])
	}
	if !strings.HasPrefix(string(replay[0]), "event: view\ndata: {") || !strings.HasSuffix(string(replay[0]), "}\n\n") {
		t.Errorf("not a server-sent event: %q", replay[0])
	}
}

// Every word of the page is there in each language, and the page is one
// document that fetches nothing from elsewhere.
func TestPageIsSelfContained(t *testing.T) {
	for k, tr := range words {
		for _, l := range Langs {
			if tr[l] == "" {
				t.Errorf("word %q has no %s", k, l)
			}
		}
	}
	for _, l := range Langs {
		p, err := page(l)
		if err != nil {
			t.Fatal(err)
		}
		s := string(p)
		// Nothing loaded from elsewhere: no source, link, import or
		// request to another origin (text such as a curl command shown
		// to the reader is fine).
		for _, bad := range []string{"src=", "<link rel=\"stylesheet", "@import", "url(http", "fetch(\"http", "EventSource(\"http", "{{"} {
			if i := strings.Index(s, bad); i >= 0 {
				t.Errorf("%s page: %q at %q", l, bad, s[max(0, i-40):min(len(s), i+40)])
			}
		}
	}
}

// The watcher samples at bench's pace until the lab is at rest again: a
// leader key whose lease runs out for longer than busyFor is still
// watched closely.
func TestSettled(t *testing.T) {
	rest := View{
		DCS:      DCSView{Leader: "a", Members: []DCSMember{{Name: "e", Up: true}}},
		Nodes:    []NodeState{{Name: "a", Primary: true, Reachable: true}, {Name: "b", Reachable: true}},
		Balancer: BalancerView{Servers: []ServerView{{Name: "a", Node: "a", Status: "UP", Up: true}, {Name: "b", Node: "b", Status: "DOWN"}}},
	}
	if !settled(rest) {
		t.Fatal("a lab at rest is not settled")
	}
	for why, change := range map[string]func(v *View){
		"a node silent":         func(v *View) { v.Nodes[1].Reachable = false },
		"no primary":            func(v *View) { v.Nodes[0].Primary = false },
		"the key elsewhere":     func(v *View) { v.DCS.Leader = "" },
		"a DCS member down":     func(v *View) { v.DCS.Members[0].Up = false },
		"HAProxy going down":    func(v *View) { v.Balancer.Servers[0].Status = "UP 1/3" },
		"HAProxy to both":       func(v *View) { v.Balancer.Servers[1].Up = true; v.Balancer.Servers[1].Status = "UP" },
		"HAProxy not answering": func(v *View) { v.Balancer.Error = true },
	} {
		v := rest
		v.Nodes = slices.Clone(rest.Nodes)
		v.DCS.Members = slices.Clone(rest.DCS.Members)
		v.Balancer.Servers = slices.Clone(rest.Balancer.Servers)
		change(&v)
		if settled(v) {
			t.Errorf("%s: settled", why)
		}
	}
}

// A view is drawn from every sample, Patroni's detail (every fifth) kept
// in between: a promotion shows at the next sample's /primary, an old
// primary that stopped saying so is not drawn as one, and a node whose
// detail stopped coming is shown unreachable.
func TestViewBetweenDetailRounds(t *testing.T) {
	l, err := fake.Start(context.Background(), "v", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Down(context.Background(), false)
	topo := l.Topology()
	t0 := time.Now()
	var mem seen
	detail := measure.Sample{At: t0, DCSLeader: "postgres1", Primary: map[string]bool{"postgres1": true}, Writable: map[string]bool{"postgres1": true},
		Balancer: map[string]string{"postgres1": "UP", "postgres2": "DOWN"},
		Detail: map[string]measure.NodeView{
			"postgres1": {Role: "primary", State: "running", Timeline: 1, Streaming: []string{"postgres2"}},
			"postgres2": {Role: "replica", State: "streaming", Timeline: 1, Lag: 2048},
		}}
	v := viewOf(topo, detail, map[string]bool{"etcd1": true}, &mem)
	if v.Nodes[0].Role != "primary" || v.Nodes[1].Role != "replica" || v.Nodes[1].Lag != 2048 || len(v.Streams) != 1 {
		t.Fatalf("detail round: %+v streams %+v", v.Nodes, v.Streams)
	}
	// 100 ms later, no detail: postgres2 was promoted, postgres1 is silent.
	next := measure.Sample{At: t0.Add(100 * time.Millisecond), DCSLeader: "postgres2", Primary: map[string]bool{"postgres2": true},
		Balancer: map[string]string{"postgres1": "DOWN", "postgres2": "UP"}}
	v = viewOf(topo, next, nil, &mem)
	if v.Nodes[1].Role != "primary" || !v.Nodes[1].Primary || v.Nodes[0].Role != "" {
		t.Errorf("between details: %+v", v.Nodes)
	}
	if !server(v, "postgres2").Up || server(v, "postgres1").Up || v.DCS.Leader != "postgres2" {
		t.Errorf("between details: balancer %+v, leader %q", v.Balancer, v.DCS.Leader)
	}
	// The next detail round has nothing from postgres1: unreachable.
	last := next
	last.At = t0.Add(500 * time.Millisecond)
	last.Detail = map[string]measure.NodeView{"postgres2": {Role: "primary", State: "running", Timeline: 2}}
	v = viewOf(topo, last, nil, &mem)
	if v.Nodes[0].Reachable || v.Nodes[1].Timeline != 2 {
		t.Errorf("after the detail round: %+v", v.Nodes)
	}
}
