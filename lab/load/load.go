// Package load is the background writer a failover is measured with: it
// writes one row per transaction through the balancer, each with a
// sequence number, the client's send and acknowledge times and the
// server's timeline and address, reconnects when the connection breaks,
// and records every error with its time. What the client was told
// (acknowledged or not) is later compared with what the new primary holds.
package load

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Limits: the writer is a probe, not a benchmark, and must never outlive
// its scenario.
const (
	MaxRate        = 200
	DefaultRate    = 100
	MaxDuration    = 10 * time.Minute
	DefaultTimeout = time.Second
	// connectTimeout: while HAProxy has no server UP it holds a new
	// connection instead of refusing it, so a long connect timeout would
	// add its own length to the measured gap.
	connectTimeout = 500 * time.Millisecond
	// reconnectEvery spaces connection attempts while the balancer has no
	// primary, so an outage costs a bounded number of attempts.
	reconnectEvery = 50 * time.Millisecond
)

// Table is where the writer's rows go; run tells one run's rows from another's.
const Table = "pglab_load"

// CreateTable is the DDL of Table.
const CreateTable = `create table if not exists ` + Table + ` (
  run text not null,
  seq bigint not null,
  sent_at timestamptz not null,
  timeline int not null,
  server_addr inet,
  server_port int,
  primary key (run, seq))`

// insertSQL writes one row and returns where it landed. The timeline is
// the current WAL file's (its first 8 hex digits): right after a promotion
// pg_control_checkpoint() still shows the old timeline until the next
// checkpoint, while the WAL being written is already on the new one.
const insertSQL = `insert into ` + Table + ` (run, seq, sent_at, timeline, server_addr, server_port)
values ($1, $2, $3, ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int, inet_server_addr(), inet_server_port())
returning timeline, coalesce(host(server_addr), ''), coalesce(server_port, 0)`

// Options configure a writer.
type Options struct {
	Addr     string // host:port of the balancer
	User     string
	Password string
	Database string
	Run      string        // tag of this run's rows
	Rate     int           // transactions per second; 0 = DefaultRate, at most MaxRate
	Max      time.Duration // the writer stops by itself after this long; 0 = MaxDuration
	// Timeout bounds one connection attempt and one transaction: a frozen
	// server must not hold the writer for longer.
	Timeout time.Duration
}

// Write is one insert as the client saw it.
type Write struct {
	Seq      int64     `json:"seq"`
	Sent     time.Time `json:"sent"`
	Acked    time.Time `json:"acked,omitzero"` // zero when not acknowledged
	Timeline int       `json:"timeline,omitempty"`
	Server   string    `json:"server,omitempty"` // addr:port the row landed on
	Err      string    `json:"err,omitempty"`
}

// OK says whether the server acknowledged the write.
func (w Write) OK() bool { return !w.Acked.IsZero() }

// Error is a failure with its time: a write or a connection attempt.
type Error struct {
	At  time.Time `json:"at"`
	Op  string    `json:"op"` // connect, write
	Msg string    `json:"msg"`
}

// Writer is a running writer.
type Writer struct {
	o      Options
	cancel context.CancelFunc
	done   chan struct{}

	mu     sync.Mutex
	writes []Write
	errs   []Error
}

// ConnString is a libpq URL for host:port with a connect timeout.
func ConnString(addr, user, password, db string, timeout time.Duration) string {
	secs := int(timeout.Seconds())
	if secs < 1 {
		secs = 1
	}
	u := url.URL{Scheme: "postgres", User: url.UserPassword(user, password), Host: addr, Path: "/" + db,
		RawQuery: fmt.Sprintf("sslmode=disable&connect_timeout=%d&application_name=pglab-load", secs)}
	return u.String()
}

func (o *Options) defaults() error {
	if o.Rate == 0 {
		o.Rate = DefaultRate
	}
	if o.Rate < 0 || o.Rate > MaxRate {
		return fmt.Errorf("load rate %d/s: choose 1..%d", o.Rate, MaxRate)
	}
	if o.Max <= 0 || o.Max > MaxDuration {
		o.Max = MaxDuration
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Database == "" {
		o.Database = "postgres"
	}
	if o.Run == "" {
		return errors.New("load: no run tag")
	}
	return nil
}

func (o Options) connect(ctx context.Context) (*pgx.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, min(o.Timeout, connectTimeout))
	defer cancel()
	cfg, err := pgx.ParseConfig(ConnString(o.Addr, o.User, o.Password, o.Database, o.Timeout))
	if err != nil {
		return nil, err
	}
	// The simple protocol: no prepared statements to lose when a
	// reconnect lands on another server.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	return pgx.ConnectConfig(ctx, cfg)
}

// Prepare creates the table through the balancer, retrying until deadline.
func Prepare(ctx context.Context, o Options, deadline time.Duration) error {
	if err := o.defaults(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	var last error
	for {
		c, err := o.connect(ctx)
		if err == nil {
			_, err = c.Exec(ctx, CreateTable)
			c.Close(context.Background())
			if err == nil {
				return nil
			}
		}
		last = err
		select {
		case <-ctx.Done():
			return fmt.Errorf("create %s through %s: no success within %s; last error: %w", Table, o.Addr, deadline, last)
		case <-time.After(reconnectEvery * 4):
		}
	}
}

// Start starts writing in the background; Stop ends it. The table must
// exist (Prepare).
func Start(ctx context.Context, o Options) (*Writer, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.Max)
	w := &Writer{o: o, cancel: cancel, done: make(chan struct{})}
	go w.loop(ctx)
	return w, nil
}

func (w *Writer) loop(ctx context.Context) {
	defer close(w.done)
	tick := time.NewTicker(time.Second / time.Duration(w.o.Rate))
	defer tick.Stop()
	var conn *pgx.Conn
	defer func() {
		if conn != nil {
			conn.Close(context.Background())
		}
	}()
	var seq int64
	var lastAttempt time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if conn == nil {
			if time.Since(lastAttempt) < reconnectEvery {
				continue
			}
			lastAttempt = time.Now()
			c, err := w.o.connect(ctx)
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				w.fail(time.Now(), "connect", err)
				continue
			}
			conn = c
		}
		seq++
		wr := Write{Seq: seq, Sent: time.Now()}
		tctx, cancel := context.WithTimeout(ctx, w.o.Timeout)
		var tl, port int
		var addr string
		err := conn.QueryRow(tctx, insertSQL, w.o.Run, seq, wr.Sent).Scan(&tl, &addr, &port)
		cancel()
		if err != nil {
			if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return // stopped mid-write: the outcome is unknown, not an error
			}
			wr.Err = err.Error()
			w.record(wr)
			w.fail(time.Now(), "write", err)
			// Any error may leave the session unusable (terminated, read
			// only after a demotion): start over on a fresh connection.
			conn.Close(context.Background())
			conn = nil
			continue
		}
		wr.Acked, wr.Timeline, wr.Server = time.Now(), tl, fmt.Sprintf("%s:%d", addr, port)
		w.record(wr)
	}
}

func (w *Writer) record(wr Write) {
	w.mu.Lock()
	w.writes = append(w.writes, wr)
	w.mu.Unlock()
}

func (w *Writer) fail(at time.Time, op string, err error) {
	w.mu.Lock()
	w.errs = append(w.errs, Error{At: at, Op: op, Msg: err.Error()})
	w.mu.Unlock()
}

// Stop ends the writer and returns every write and error, in order.
func (w *Writer) Stop() ([]Write, []Error) {
	w.cancel()
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Write(nil), w.writes...), append([]Error(nil), w.errs...)
}

// Acked counts the acknowledged writes so far.
func (w *Writer) Acked() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, x := range w.writes {
		if x.OK() {
			n++
		}
	}
	return n
}

// ReadBack returns the sequence numbers of run's rows on the server at
// addr (the new primary, asked directly rather than through the balancer).
func ReadBack(ctx context.Context, o Options, addr string) (map[int64]bool, error) {
	o.Addr = addr
	if err := o.defaults(); err != nil {
		return nil, err
	}
	c, err := o.connect(ctx)
	if err != nil {
		return nil, fmt.Errorf("read back from %s: %w", addr, err)
	}
	defer c.Close(context.Background())
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	rows, err := c.Query(ctx, `select seq from `+Table+` where run = $1`, o.Run)
	if err != nil {
		return nil, fmt.Errorf("read back from %s: %w", addr, err)
	}
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("read back from %s: %w", addr, err)
	}
	out := make(map[int64]bool, len(seqs))
	for _, s := range seqs {
		out[s] = true
	}
	return out, nil
}

// Counts are the writes acknowledged and the failures (writes not
// acknowledged, failed connection attempts) so far: a live chart's
// running totals.
func (w *Writer) Counts() (acked, failed int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, x := range w.writes {
		if x.OK() {
			acked++
		} else {
			failed++
		}
	}
	for _, e := range w.errs {
		if e.Op != "write" {
			failed++
		}
	}
	return acked, failed
}
