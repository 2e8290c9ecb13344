package ui

import (
	"encoding/json"
	"fmt"
	"sync"
)

// hub fans one lab's events out to the pages watching it. Every event is
// encoded once, as a server-sent event; a page that joins late is sent
// what it needs to draw the lab at once: the last event of each kind that
// states something (the lab's view, the current step) and the recent
// history of the others (the load chart's points, the actions).
type hub struct {
	mu     sync.Mutex
	subs   map[chan []byte]struct{}
	last   map[string][]byte   // the last event of a kind
	recent map[string][][]byte // the last events of a kind, oldest first
	order  []string            // kinds in the order first seen, replayed so
}

// Kinds replayed in full, up to their length; any other kind replays its
// last event only.
var history = map[string]int{
	"load":   120, // two minutes of points, one a second
	"action": 20,
}

// subBuffer: events a slow page may fall behind by before it misses some;
// the next view supersedes a missed one.
const subBuffer = 64

func newHub() *hub {
	return &hub{subs: map[chan []byte]struct{}{}, last: map[string][]byte{}, recent: map[string][][]byte{}}
}

// encode is one server-sent event: its kind and its JSON on one data line.
func encode(kind string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("event %s: %w", kind, err)
	}
	return []byte("event: " + kind + "\ndata: " + string(b) + "\n\n"), nil
}

// publish sends an event to every page and keeps it for later ones.
func (h *hub) publish(kind string, v any) {
	ev, err := encode(kind, v)
	if err != nil {
		return // our own types: cannot fail
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, seen := h.last[kind]; !seen {
		if _, seen := h.recent[kind]; !seen {
			h.order = append(h.order, kind)
		}
	}
	if n, ok := history[kind]; ok {
		r := append(h.recent[kind], ev)
		if len(r) > n {
			r = r[len(r)-n:]
		}
		h.recent[kind] = r
	} else {
		h.last[kind] = ev
	}
	for ch := range h.subs {
		select {
		case ch <- ev:
		default: // this page is behind: it gets the next one
		}
	}
}

// forget drops what is kept of a kind (a load switched off has no chart).
func (h *hub) forget(kind string) {
	h.mu.Lock()
	delete(h.last, kind)
	delete(h.recent, kind)
	h.mu.Unlock()
}

// subscribe returns a channel of events and what a new page is sent
// first; cancel ends the subscription.
func (h *hub) subscribe() (ch chan []byte, replay [][]byte, cancel func()) {
	ch = make(chan []byte, subBuffer)
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range h.order {
		if ev, ok := h.last[k]; ok {
			replay = append(replay, ev)
		}
		replay = append(replay, h.recent[k]...)
	}
	h.subs[ch] = struct{}{}
	return ch, replay, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}

// watchers is how many pages watch.
func (h *hub) watchers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
