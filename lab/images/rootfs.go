package images

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/moby/moby/client"
	"golang.org/x/sys/unix"

	"github.com/pglab/pglab/lab/progress"
)

// DefaultCacheDir keeps the root filesystem tarball between builds,
// outside any repository (it is about 100 MB and never committed).
const DefaultCacheDir = "/var/cache/pglab"

// RootfsTarball is where the cached root filesystem of Suite lives. Its
// name carries a hash of the files pglab adds to it, so changing them
// makes a new one instead of reusing a stale cache.
func RootfsTarball(cacheDir, mirror string) string {
	h := sha256.New()
	files := rootfsFiles(mirror)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%s\x00", n, files[n])
	}
	return filepath.Join(cacheDir, fmt.Sprintf("debian-%s-minbase-%s-%s.tar", Suite, runtime.GOARCH, hex.EncodeToString(h.Sum(nil))[:8]))
}

// importBase imports the Debian root filesystem as Base, making the
// tarball first when it is not cached.
func importBase(ctx context.Context, cli *client.Client, o Options, status *progress.Status) error {
	tarball := RootfsTarball(o.CacheDir, o.Mirror)
	if _, err := os.Stat(tarball); err != nil || o.FreshRootfs {
		if err := makeRootfs(ctx, o, tarball, status); err != nil {
			return err
		}
	} else {
		status.Info("using the cached root filesystem %s (--fresh-rootfs makes a new one)", tarball)
	}
	f, err := os.Open(tarball)
	if err != nil {
		return fmt.Errorf("import %s: %w", Base, err)
	}
	defer f.Close()
	res, err := cli.ImageImport(ctx, client.ImageImportSource{Source: f, SourceName: "-"}, Base, client.ImageImportOptions{
		// A tarball carries no image config: give it what a Debian image
		// has, or a later `ENV PATH=...:${PATH}` would expand to nothing.
		Changes: []string{
			"ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
			"ENV LANG=C.UTF-8",
			`CMD ["bash"]`,
			"LABEL " + LabelImage + "=debian-" + Suite,
		},
		Message: "debootstrap --variant=minbase " + Suite,
	})
	if err != nil {
		return fmt.Errorf("import %s: %w", Base, err)
	}
	defer res.Close()
	if tail, err := readStream(res, status); err != nil {
		return fmt.Errorf("import %s: %w\n%s", Base, err, tail)
	}
	return nil
}

// makeRootfs runs debootstrap (a host program: it needs root, chroot and
// the Debian mirror) into a scratch directory of cacheDir and packs the
// result into tarball.
func makeRootfs(ctx context.Context, o Options, tarball string, status *progress.Status) error {
	debootstrap, err := exec.LookPath("debootstrap")
	if err != nil {
		return errors.New("debootstrap not found: install it (`apt-get install -y debootstrap`)")
	}
	if os.Geteuid() != 0 {
		return errors.New("debootstrap needs root (it chroots and creates device files): run `pglab images build` as root")
	}
	if err := os.MkdirAll(o.CacheDir, 0o755); err != nil {
		return fmt.Errorf("cache directory: %w", err)
	}
	scratch, err := os.MkdirTemp(o.CacheDir, "rootfs-")
	if err != nil {
		return fmt.Errorf("cache directory: %w", err)
	}
	defer removeScratch(scratch)
	rootfs := filepath.Join(scratch, "rootfs")
	logPath := filepath.Join(scratch, "debootstrap.log")

	status.Info("debootstrap --variant=minbase %s from %s (about a minute)", Suite, o.Mirror)
	if err := runLogged(ctx, logPath, debootstrap, "--variant=minbase", "--components=main", "--arch="+debArch(), Suite, rootfs, o.Mirror); err != nil {
		return fmt.Errorf("debootstrap %s: %w; last lines of its log:\n%s", Suite, err, tailFile(logPath, 15))
	}
	if err := tweakRootfs(rootfs, o.Mirror); err != nil {
		return fmt.Errorf("prepare root filesystem: %w", err)
	}
	tmp := tarball + ".tmp"
	// The host's tar keeps hard links, device files and numeric owners as they are.
	if err := runLogged(ctx, logPath, "tar", "--numeric-owner", "-C", rootfs, "-cf", tmp, "."); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("pack root filesystem: %w\n%s", err, tailFile(logPath, 10))
	}
	if err := os.Rename(tmp, tarball); err != nil {
		return err
	}
	// Older tarballs (other pglab versions' files) are not used any more.
	old, _ := filepath.Glob(filepath.Join(o.CacheDir, "debian-"+Suite+"-minbase-*.tar"))
	for _, p := range old {
		if p != tarball {
			os.Remove(p)
		}
	}
	if fi, err := os.Stat(tarball); err == nil {
		status.Info("cached %s (%d MB)", tarball, fi.Size()>>20)
	}
	return nil
}

func debArch() string {
	switch runtime.GOARCH {
	case "386":
		return "i386"
	case "arm":
		return "armhf"
	}
	return runtime.GOARCH // amd64, arm64, ppc64le, s390x, riscv64
}

// rootfsFiles are the files pglab adds to the root filesystem so that it
// behaves like Debian's official container images: package scripts never
// start services, documentation and translations are not installed, apt
// deletes the packages it downloaded (about 170 MB in the PostgreSQL
// image otherwise), and apt sees the updates and security suites too.
func rootfsFiles(mirror string) map[string]string {
	const clean = `"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";`
	return map[string]string{
		"usr/sbin/policy-rc.d": "#!/bin/sh\n# No service starts inside an image build (pglab).\nexit 101\n",
		"etc/dpkg/dpkg.cfg.d/pglab-excludes": "# Containers need no documentation or translations (pglab).\n" +
			"path-exclude /usr/share/doc/*\npath-include /usr/share/doc/*/copyright\n" +
			"path-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\npath-exclude /usr/share/locale/*\n",
		"etc/apt/apt.conf.d/pglab": "APT::Install-Recommends \"false\";\nAPT::Install-Suggests \"false\";\n" +
			"DPkg::Post-Invoke { " + clean + " };\nAPT::Update::Post-Invoke { " + clean + " };\n" +
			"Dir::Cache::pkgcache \"\";\nDir::Cache::srcpkgcache \"\";\n",
		"etc/apt/sources.list": fmt.Sprintf("deb %s %s main\ndeb %s %s-updates main\ndeb http://deb.debian.org/debian-security %s-security main\n",
			mirror, Suite, mirror, Suite, Suite),
	}
}

// tweakRootfs adds rootfsFiles and drops what debootstrap downloaded.
func tweakRootfs(root, mirror string) error {
	for rel, content := range rootfsFiles(mirror) {
		mode := os.FileMode(0o644)
		if strings.HasPrefix(rel, "usr/sbin/") {
			mode = 0o755
		}
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			return err
		}
	}
	for _, glob := range []string{"var/cache/apt/archives/*.deb", "var/lib/apt/lists/*_*", "var/log/*.log", "etc/resolv.conf", "etc/hostname"} {
		matches, _ := filepath.Glob(filepath.Join(root, glob))
		for _, m := range matches {
			if err := os.Remove(m); err != nil {
				return err
			}
		}
	}
	return nil
}

// runLogged runs a host program in its own process group, appending its
// output to logPath; a cancelled ctx kills the whole group (debootstrap's
// chrooted dpkg included).
func runLogged(ctx context.Context, logPath, prog string, args ...string) error {
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer log.Close()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", context.Cause(ctx))
		}
		return err
	}
	return nil
}

// removeScratch deletes debootstrap's scratch directory, unmounting first
// whatever an interrupted debootstrap left mounted in it (proc, sys): a
// plain recursive delete would otherwise walk into those file systems.
func removeScratch(dir string) {
	if mounts := mountsUnder(dir); len(mounts) > 0 {
		for _, m := range mounts {
			_ = unix.Unmount(m, unix.MNT_DETACH)
		}
		if left := mountsUnder(dir); len(left) > 0 {
			fmt.Fprintf(os.Stderr, "pglab: left %s in place: still mounted: %v\n", dir, left)
			return
		}
	}
	os.RemoveAll(dir)
}

// mountsUnder lists mount points below dir, deepest first.
func mountsUnder(dir string) []string {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 5 {
			continue
		}
		// mountinfo escapes spaces as \040; our scratch paths have none.
		if mp := fields[4]; strings.HasPrefix(mp, dir+"/") {
			out = append(out, mp)
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func tailFile(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	t := &tailLines{n: n}
	t.add(string(b))
	return t.String()
}
