package embedded

import (
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// Patroni starts PostgreSQL detached: the postmaster runs in a session of
// its own and its parent exits at once, so it is an orphan, reparented to
// the nearest subreaper or to PID 1. When it exits it stays a zombie until
// that parent reaps it, and Patroni, which waits for the postmaster's pid
// to vanish (psutil), waits with it: on a graceful stop it neither
// finishes nor lets the replica's status request through meanwhile. A
// host's init (systemd) reaps at once; a sandbox's or container's may not
// (this machine's PID 1 took ~0.45 s, which was a fifth of every graceful
// stop's write outage). So the lab's process adopts the orphans of what it
// starts and reaps them as they exit, as docker's --init does for a
// container.

var adoptOnce sync.Once

// adoptOrphans makes this process the subreaper of its descendants and
// reaps the orphans among them as they exit. It only reaps children in
// another session than this process's: the ones it starts itself (Patroni,
// HAProxy, nft, version checks) share its session and are waited for by
// whoever started them, so their exit status is never taken from them.
func adoptOrphans() error {
	var err error
	adoptOnce.Do(func() {
		if err = unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
			return
		}
		sid, _ := unix.Getsid(0)
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, syscall.SIGCHLD)
		go func() {
			for range ch { // signals coalesce: each one reaps every orphan that is gone
				reapOrphans(os.Getpid(), sid)
			}
		}()
	})
	return err
}

// reapOrphans waits for every zombie child of self whose session is not
// sid.
func reapOrphans(self, sid int) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, ok := readStat(pid)
		if !ok || st.ppid != self || st.state != 'Z' || st.session == sid {
			continue
		}
		var ws unix.WaitStatus
		_, _ = unix.Wait4(pid, &ws, unix.WNOHANG, nil)
	}
}

// ParentPID is a process's parent (0 when it is gone): the lab's process
// for every postmaster of a running lab.
func ParentPID(pid int) int {
	st, _ := readStat(pid)
	return st.ppid
}

type procStat struct {
	state         byte
	ppid, session int
}

// readStat reads a process's state, parent and session from
// /proc/PID/stat (they stay readable while it is a zombie).
func readStat(pid int) (procStat, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, false
	}
	return parseStat(string(b))
}

// parseStat parses "PID (COMM) STATE PPID PGRP SESSION ...". COMM may hold
// spaces and parentheses, so the fields start after the last ')'.
func parseStat(s string) (procStat, bool) {
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return procStat{}, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 4 || len(f[0]) != 1 {
		return procStat{}, false
	}
	var st procStat
	var err error
	st.state = f[0][0]
	if st.ppid, err = strconv.Atoi(f[1]); err != nil {
		return procStat{}, false
	}
	if st.session, err = strconv.Atoi(f[3]); err != nil {
		return procStat{}, false
	}
	return st, true
}
