package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

func printStatus(ctx context.Context, w io.Writer, name string, asJSON bool) error {
	c, _, err := connect(name)
	if err != nil {
		return err
	}
	ls, err := c.LabStatus(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(ls)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE\tROLE\tSTATE\tTL\tLAG\tADDRESS\t")
	for _, n := range ls.Nodes {
		tl := ""
		if n.Timeline > 0 {
			tl = fmt.Sprint(n.Timeline)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", n.Name, dash(n.Role), n.State, dash(tl), dash(n.Lag), n.Address, n.Extra)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
