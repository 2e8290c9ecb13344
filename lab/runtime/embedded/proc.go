package embedded

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// proc is one host process of the lab (Patroni or HAProxy), in its own
// process group so that a Ctrl-C on pglab's terminal reaches pglab only:
// pglab decides how each part stops.
type proc struct {
	name string
	cmd  *exec.Cmd
	log  *os.File
	done chan struct{}
	err  error // set before done closes
}

// procSpec says how to start a process.
type procSpec struct {
	name    string
	argv    []string
	env     []string
	dir     string
	cred    *syscall.Credential
	logPath string
}

func startProc(s procSpec) (*proc, error) {
	log, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", s.name, err)
	}
	cmd := exec.Command(s.argv[0], s.argv[1:]...)
	cmd.Env = s.env
	cmd.Dir = s.dir
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Setpgid:    true,
		Credential: s.cred,
		// If pglab itself dies, its children go too instead of running on unsupervised.
		Pdeathsig: syscall.SIGKILL,
	}
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("start %s: %w", s.name, err)
	}
	p := &proc{name: s.name, cmd: cmd, log: log, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		log.Close()
		close(p.done)
	}()
	return p, nil
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// signalGroup signals the process's whole group.
func (p *proc) signalGroup(sig syscall.Signal) {
	_ = syscall.Kill(-p.pid(), sig)
}

// stop sends sig to the group, waits up to grace, then kills the group.
func (p *proc) stop(sig syscall.Signal, grace time.Duration) {
	if p.exited() {
		return
	}
	p.signalGroup(sig)
	select {
	case <-p.done:
	case <-time.After(grace):
		p.signalGroup(syscall.SIGKILL)
		<-p.done
	}
}

// postmasterPID reads the PID PostgreSQL wrote in its data directory, or 0.
func postmasterPID(dataDir string) int {
	f, err := os.Open(dataDir + "/postmaster.pid")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(sc.Text()))
	return pid
}

// alive says whether a process exists and is not a zombie.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	st, ok := readStat(pid)
	return ok && st.state != 'Z'
}

// killPostmaster kills a PostgreSQL server and its backends. Patroni starts
// the postmaster in a session of its own, so the group is the server.
func killPostmaster(dataDir string, sig syscall.Signal) (int, error) {
	pid := postmasterPID(dataDir)
	if !alive(pid) || !isPostgres(pid) {
		return 0, nil
	}
	if err := syscall.Kill(-pid, sig); err != nil {
		if err := syscall.Kill(pid, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
			return pid, err
		}
	}
	return pid, nil
}

// isPostgres guards against a stale postmaster.pid naming a recycled PID.
func isPostgres(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	return err == nil && strings.Contains(string(b), "postgres")
}

// waitGone waits until pid (not necessarily our child) has exited, using a
// pidfd, which becomes readable when the process ends.
func waitGone(pid int, timeout time.Duration) bool {
	fd, err := unix.PidfdOpen(pid, 0)
	if err != nil {
		return !alive(pid) // ESRCH: already gone
	}
	defer unix.Close(fd)
	deadline := time.Now().Add(timeout)
	for {
		ms := int(time.Until(deadline).Milliseconds())
		if ms <= 0 {
			return !alive(pid)
		}
		n, err := unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}, ms)
		if err == unix.EINTR {
			continue
		}
		// A zombie child of someone else also counts as gone.
		return (err == nil && n > 0) || !alive(pid)
	}
}

// tail returns the last n lines of a log file, for error messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
