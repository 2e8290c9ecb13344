package images

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// PrintBuilt prints what a build made: each image, its size and how long
// it took (or that it existed).
func PrintBuilt(w io.Writer, res []Result, took time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "IMAGE\tSIZE\tBUILT")
	for _, r := range res {
		built := "existed"
		if r.Built {
			built = r.Duration.Round(100 * time.Millisecond).String()
		}
		fmt.Fprintf(tw, "%s\t%d MB\t%s\n", r.Ref, r.Size>>20, built)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nDone in %s. Use them with docker-compose: eval \"$(pglab images env)\"\n", took.Round(time.Second))
}

// List prints which of the set's images exist locally, and how to build
// the missing ones.
func List(ctx context.Context, w io.Writer) error {
	cli, err := Connect(ctx)
	if err != nil {
		return err
	}
	defer cli.Close()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "IMAGE\tSIZE\tWHAT")
	missing := 0
	for _, img := range Set() {
		size := "missing"
		if ok, _, err := Inspect(ctx, cli, img.Ref); err != nil {
			return err
		} else if ok {
			size = fmt.Sprintf("%d MB", Size(ctx, cli, img.Ref)>>20)
		} else {
			missing++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", img.Ref, size, img.About)
	}
	tw.Flush()
	if missing > 0 {
		fmt.Fprintln(w, "\nBuild the missing ones with `pglab images build`.")
	}
	return nil
}
