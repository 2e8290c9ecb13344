package lint

import (
	"os"
	"testing"
)

func TestZZ(t *testing.T) {
	fsys := os.DirFS("/work/batch43/answers/ines_carvajal")
	t.Log(templatePathRe.FindAllString("envsubst < /etc/patroni/patroni.yml.tpl > /etc/patroni/patroni.yml", -1))
	fs, _ := FS(fsys)
	for _, f := range fs {
		t.Log(f.String()[:80])
	}
}
