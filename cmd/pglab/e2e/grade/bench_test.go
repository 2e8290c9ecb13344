package grade

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pglab/pglab/cmd/pglab/e2e/e2etest"
	"github.com/pglab/pglab/lab/grade"
)

// benchClassSize is the class the issue asks to benchmark.
const benchClassSize = 10

// BenchmarkGradeClass grades a class of ten for real on the docker
// runtime, one at a time and two at a time: the test class's submissions
// in turn (good answers and each kind of mistake, so the class spends its
// time as a real one does: passing checks and waits that run to their
// timeouts). Each run grades a fresh copy under a fresh --out.
//
//	go test -run '^$' -bench GradeClass -benchtime 1x -timeout 90m ./cmd/pglab/e2e/grade
//
// Metrics: s/class (wall), s/submission (wall / 10), mean-took-s (each
// submission's own time, from its result.json), peak-labs-MiB (the sum of
// the graded labs' containers' memory, as `docker stats` counts it, sampled
// every second), pglab-MiB (pglab grade's own peak RSS).
func BenchmarkGradeClass(b *testing.B) {
	e2etest.NeedStack(b)
	e2etest.NeedDocker(b)
	for _, j := range []int{1, 2} {
		b.Run(fmt.Sprintf("j%d", j), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				gradeBenchClass(b, j)
			}
		})
	}
}

func gradeBenchClass(b *testing.B, j int) {
	b.StopTimer()
	prefix := fmt.Sprintf("gb%d", j)
	e := e2etest.NewEnv(b, prefix)
	dir := b.TempDir()
	classDir, out := filepath.Join(dir, "class"), filepath.Join(dir, "grades")
	var names []string
	for i := 0; i < benchClassSize; i++ {
		s := class[i%len(class)]
		name := fmt.Sprintf("%s-%d", s.name, i/len(class)+1)
		sd := filepath.Join(classDir, name)
		e.Must("init", "--profile", s.profile, sd)
		if s.mutate != nil {
			s.mutate(b, sd)
		}
		names = append(names, name)
	}
	b.Cleanup(func() {
		for _, n := range names {
			e2etest.NothingLeftInEngine(b, prefix+"-"+n)
		}
	})

	stop := make(chan struct{})
	var peak int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			peak = max(peak, labsMemory(prefix+"-"))
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	cmd := e.Command("grade", "-j", strconv.Itoa(j), "--prefix", prefix, "--out", out, classDir)
	b.StartTimer()
	start := time.Now()
	outb, err := cmd.CombinedOutput()
	wall := time.Since(start)
	b.StopTimer()
	close(stop)
	wg.Wait()
	if err != nil {
		b.Fatalf("pglab grade -j %d: %v\n%s", j, err, outb)
	}
	b.Logf("pglab grade -j %d (%s):\n%s", j, wall.Round(time.Second), outb)

	var took []float64
	for _, n := range names {
		r, err := grade.LoadResult(filepath.Join(out, n, "result.json"))
		if err != nil {
			b.Fatalf("%s: %v", n, err)
		}
		if r.Status != grade.Graded {
			b.Errorf("%s: %s (%s), want graded", n, r.Status, r.Why)
		}
		took = append(took, r.Took)
		b.Logf("%s: %.0f/%.0f in %.0f s", n, r.Score, r.Max, r.Took)
	}
	slices.Sort(took)
	var sum float64
	for _, t := range took {
		sum += t
	}
	rss := 0
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int(u.Maxrss / 1024) // Linux reports KiB
	}
	b.ReportMetric(wall.Seconds(), "s/class")
	b.ReportMetric(wall.Seconds()/benchClassSize, "s/submission")
	b.ReportMetric(sum/float64(len(took)), "mean-took-s")
	b.ReportMetric(took[len(took)/2], "median-took-s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-labs-MiB")
	b.ReportMetric(float64(rss), "pglab-MiB")
}

// labsMemory is the memory of every running container of the labs whose
// name starts with prefix, counted as `docker stats` does on cgroup v1
// (usage less inactive page cache).
func labsMemory(prefix string) int64 {
	out, err := exec.Command("docker", "ps", "--no-trunc", "--format", `{{.ID}} {{.Label "io.pglab.lab"}}`).Output()
	if err != nil {
		return 0
	}
	var sum int64
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		id, lab, _ := strings.Cut(line, " ")
		if id == "" || !strings.HasPrefix(lab, prefix) {
			continue
		}
		sum += containerMemory(id)
	}
	return sum
}

func containerMemory(id string) int64 {
	for _, dir := range []string{"/sys/fs/cgroup/memory/docker/" + id, "/sys/fs/cgroup/system.slice/docker-" + id + ".scope"} {
		if usage, ok := readInt(filepath.Join(dir, "memory.usage_in_bytes")); ok { // cgroup v1
			return usage - statField(filepath.Join(dir, "memory.stat"), "total_inactive_file")
		}
		if usage, ok := readInt(filepath.Join(dir, "memory.current")); ok { // cgroup v2
			return usage - statField(filepath.Join(dir, "memory.stat"), "inactive_file")
		}
	}
	return 0
}

func readInt(path string) (int64, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return n, err == nil
}

func statField(path, key string) int64 {
	b, _ := os.ReadFile(path)
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, " "); ok && k == key {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}
