// Package ui holds the end-to-end test of pglab ui: a real embedded lab,
// the page in Debian's Chromium driven headless with chromedp, a kill of
// the leader from the page's button, and the page showing the failover.
// It skips under -short and where the host lacks the stack or Chromium.
package ui

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
)

func TestMain(m *testing.M) { e2etest.Main(m) }

const chromium = "/usr/bin/chromium"

// artefacts is where the screenshots go: $PGLAB_UI_ARTEFACTS when set
// (kept), else the test's temporary directory.
func artefacts(t *testing.T) string {
	if d := os.Getenv("PGLAB_UI_ARTEFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// serve starts `pglab ui` on the env's lab and returns the page's URL; the
// server is interrupted and reaped at the end.
func serve(t *testing.T, e *e2etest.Env) string {
	cmd := e.Command("ui", "--listen", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Errorf("pglab ui did not stop within 10s of Ctrl-C")
		}
	})
	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+/\?\S+`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u := urlRE.FindString(sc.Text()); u != "" {
				found <- u
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(30 * time.Second):
		t.Fatal("pglab ui printed no URL within 30s")
		return ""
	}
}

// leaderChange is one entry of the page's log of leader changes.
type leaderChange struct {
	Leader  string `json:"leader"`
	Sampled int64  `json:"sampled"` // the sampler's round began (ms)
	DCSAt   int64  `json:"dcsAt"`   // the sampler read the leader key (ms)
	Shown   int64  `json:"shown"`   // the page had drawn it (ms)
}

// TestKillTheLeaderFromThePage: the page shows the lab, its kill button
// kills the leader, and the page then shows the other node as leader and
// HAProxy's server switched to it.
func TestKillTheLeaderFromThePage(t *testing.T) {
	e2etest.NeedStack(t)
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no Chromium at %s (apt-get install chromium)", chromium)
	}
	for _, profile := range []string{"etcd", "zookeeper"} {
		t.Run(profile, func(t *testing.T) {
			if profile == "zookeeper" {
				e2etest.NeedZooKeeper(t)
			}
			killFromThePage(t, profile)
		})
	}
}

func killFromThePage(t *testing.T, profile string) {
	e := e2etest.NewEnv(t, "ui-e2e-"+profile)
	e.Must("up", "-d", "--timing", "fast", "--profile", profile)
	page := serve(t, e)
	dir := filepath.Join(artefacts(t), profile)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	// Chromium puts its singleton socket in $TMPDIR/org.chromium.Chromium.*
	// and leaves it there when it is killed: give it the test's own
	// temporary directory, removed after the browser is (cleanups run last
	// registered first).
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.WindowSize(1280, 900),
		chromedp.Env("TMPDIR="+t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel)

	// Before: one primary, HAProxy sending to it.
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	ready := `document.querySelector('g.node[data-role="primary"]') && document.querySelector('g.server[data-up="true"]') && document.querySelector('button[data-action="kill"]') ? document.body.dataset.leader : null`
	leader, err := chromedp.Run(ctx, chromedp.Poll[string](ready, chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		t.Fatalf("the page did not show a primary, a route and the actions: %v", err)
	}
	nodes, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.pglab.labInfo.nodes`))
	if err != nil || len(nodes) != 2 || !slices.Contains(nodes, leader) {
		t.Fatalf("the page shows leader %q of the nodes %v (%v)", leader, nodes, err)
	}
	other := e2etest.Other(nodes, leader)

	// A load from the page's toggle: the chart moves.
	if err := chromedp.Do(ctx, chromedp.Click(`#load`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.pglab.load.filter(p => p.on && p.acked > 0).length >= 3 && document.querySelector("#chart polyline.acked") !== null`,
		chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("the page's load toggle charted no acknowledged writes within 60s: %v", err)
	}
	shoot(t, ctx, filepath.Join(dir, "before.png"))

	// The kill, from the page's button.
	clicked := time.Now()
	if err := chromedp.Do(ctx, chromedp.Click(fmt.Sprintf(`button[data-action="kill"][data-node=%q]`, leader))); err != nil {
		t.Fatal(err)
	}
	shown := fmt.Sprintf(`document.body.dataset.leader === %q &&
		document.querySelector('g.server[data-server=%q]')?.dataset.up === "true" &&
		document.querySelector('g.server[data-server=%q]')?.dataset.up !== "true"`, other, other, leader)
	deadline := 90 * time.Second
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](shown, chromedp.WithPollingTimeout(deadline), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		last, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`document.body.dataset.leader + " " + [...document.querySelectorAll("g.server")].map(g => g.dataset.server + "=" + g.dataset.status).join(" ")`))
		shoot(t, context.WithoutCancel(ctx), filepath.Join(dir, "after-timeout.png"))
		t.Fatalf("waited %s for the page to show %s as leader and HAProxy sending to it; it showed: %s (%v)", deadline, other, last, err)
	}
	seen := time.Now()
	// The writes come back through HAProxy, and the chart marks the kill.
	back := fmt.Sprintf(`window.pglab.load.some(p => p.at > %d && p.acked > 0) && document.querySelector("#chart line.fault") !== null`, time.Now().Add(time.Second).UnixMilli())
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](back, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Errorf("after the failover the chart showed no acknowledged writes, or no fault mark, within 60s: %v", err)
	}
	shoot(t, ctx, filepath.Join(dir, "after.png"))
	gap, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`window.pglab.load.filter(p => p.on && p.at > %d && p.acked === 0).length`, clicked.UnixMilli())))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the chart shows %d seconds without an acknowledged write after the kill", gap)
	if err := chromedp.Do(ctx, chromedp.Click(`#load`)); err != nil {
		t.Fatal(err)
	}

	// The page's own record: when the sampler read the new leader key and
	// when the page had drawn it; and the command the kill is the same as.
	logJSON, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(window.pglab.leaderLog)`))
	if err != nil {
		t.Fatal(err)
	}
	command, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#log li[data-action="kill"] code')].map(c => c.textContent).join("\n")`))
	if err != nil {
		t.Fatal(err)
	}
	var changes []leaderChange
	if err := json.Unmarshal([]byte(logJSON), &changes); err != nil {
		t.Fatal(err)
	}
	var first *leaderChange
	for i := range changes {
		if changes[i].Leader == other {
			first = &changes[i]
			break
		}
	}
	if first == nil {
		t.Fatalf("the page's log of leaders %s has no %s", logJSON, other)
	}
	lag := time.Duration(first.Shown-first.DCSAt) * time.Millisecond
	t.Logf("kill clicked → page shows %s as leader and routed: %s; sampler read the new leader key %s after the click, the page drew it %s later",
		other, seen.Sub(clicked).Round(10*time.Millisecond), time.UnixMilli(first.DCSAt).Sub(clicked).Round(10*time.Millisecond), lag)
	if lag > time.Second {
		t.Errorf("the page drew the new leader %s after the sampler read it (goal 0.5s)", lag)
	}
	if want := "pglab --name " + e.Name + " kill " + leader; !strings.Contains(command, want) {
		t.Errorf("the page's log shows %q for the kill, want %q", command, want)
	}
	// The CLI agrees with the page.
	if leaders, _ := e2etest.Roles(e.Status()); len(leaders) != 1 || leaders[0] != other {
		t.Errorf("pglab status: leaders %v, the page showed %s", leaders, other)
	}
	// The same page in Russian: its words from the catalogue, the lab's
	// state replayed at once.
	if err := chromedp.Do(ctx, chromedp.Navigate(page+"&lang=ru")); err != nil {
		t.Fatal(err)
	}
	kill, err := chromedp.Run(ctx, chromedp.Poll[string](`document.querySelector('button[data-action="kill"]')?.textContent`, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil || kill != "убить" {
		t.Errorf("the Russian page's kill button reads %q (%v), want убить", kill, err)
	}
	shoot(t, ctx, filepath.Join(dir, "after.ru.png"))
	t.Logf("screenshots: %s, %s, after.ru.png", filepath.Join(dir, "before.png"), filepath.Join(dir, "after.png"))
}

func shoot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", path, err)
		return
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Error(err)
	}
}
