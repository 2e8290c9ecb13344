package ui

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"strings"
)

// TokenHeader carries the token on the page's own requests (actions): a
// form or an image of another site cannot set a header, and a script of
// another site that tries needs a CORS preflight this server never grants.
const TokenHeader = "X-Pglab-Token"

// NewToken is a random token of 128 bits, in hex.
func NewToken() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return hex.EncodeToString(b)
}

// Why a request is refused; each is one line the refused client reads.
var (
	errToken    = errors.New("pglab ui: missing or wrong token: open the URL pglab ui printed")
	errHost     = errors.New("pglab ui: serves 127.0.0.1 and localhost only")
	errCrossOut = errors.New("pglab ui: cross-site request refused")
	errMethod   = errors.New("pglab ui: an action is a POST")
)

// guard checks every request against the server's token and the
// loopback rule: reads (the page, the event stream) carry the token in
// the URL, since an EventSource cannot set headers; state-changing
// requests must be POSTs, same-origin (Sec-Fetch-Site, Origin: Go's
// CrossOriginProtection) and carry the token in TokenHeader, never in the
// URL alone.
type guard struct {
	token string
	cop   *http.CrossOriginProtection
}

func newGuard(token string) *guard {
	return &guard{token: token, cop: http.NewCrossOriginProtection()}
}

func (g *guard) same(s string) bool {
	return s != "" && subtle.ConstantTimeCompare([]byte(s), []byte(g.token)) == 1
}

// loopback says whether the Host header names this machine's loopback: a
// page of another site whose name is made to resolve to 127.0.0.1 (DNS
// rebinding) sends its own name.
func loopback(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// read allows a GET that carries the token in its URL.
func (g *guard) read(r *http.Request) error {
	if !loopback(r.Host) {
		return errHost
	}
	if !g.same(r.URL.Query().Get("token")) && !g.same(r.Header.Get(TokenHeader)) {
		return errToken
	}
	return nil
}

// write allows a same-origin POST that carries the token in its header.
func (g *guard) write(r *http.Request) error {
	if !loopback(r.Host) {
		return errHost
	}
	if r.Method != http.MethodPost {
		return errMethod
	}
	if err := g.cop.Check(r); err != nil {
		return errCrossOut
	}
	if !g.same(r.Header.Get(TokenHeader)) {
		return errToken
	}
	return nil
}

// refuse answers a refused request with its one line.
func refuse(w http.ResponseWriter, err error) {
	code := http.StatusForbidden
	if errors.Is(err, errMethod) {
		code = http.StatusMethodNotAllowed
	}
	http.Error(w, err.Error(), code)
}
