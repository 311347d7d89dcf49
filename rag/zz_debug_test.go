package rag

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"
)

func TestZZDebug(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	svc, _ := goldenService(t)
	l := svc.lib
	ctx := context.Background()
	in := readIntent(q)
	qt := l.queryTerms(q)
	fmt.Printf("intent %+v\nkeys %v weights %v focus %v absent %v total %.3f\n", in, qt.keys, qt.weight, qt.focus, qt.absent, qt.total)
	pool, _ := l.Search(ctx, q, Filter{}, 40)
	for i, p := range pool {
		fmt.Printf("pool %d %.3f %s | %.80s\n", i, p.Score, p.Doc.Title, p.Chunk.Text)
	}
	ps, _ := l.retrieve(ctx, q, qt, in, Filter{}, defaultAnswerOptions().Passages)
	cs := l.scoreSentences(qt, in, ps)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	for i, c := range cs {
		if i > 15 {
			break
		}
		fmt.Printf("cand %.3f typed=%v focus=%v [%s] %.140s\n", c.score, c.typed, c.focus, c.doc.Title, c.quote.Text)
	}
}
