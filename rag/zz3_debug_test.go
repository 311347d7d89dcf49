package rag

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"
)

func TestZZFeatures(t *testing.T) {
	if os.Getenv("FEAT") == "" {
		t.Skip()
	}
	svc, cases := goldenService(t)
	l := svc.lib
	ctx := context.Background()
	rep, _ := svc.Evaluate(ctx, cases)
	res := map[string]bool{}
	for _, r := range rep.Results {
		res[r.Case.ID] = r.Correct
	}
	for _, gc := range cases {
		if gc.Split != "dev" || gc.Follows != "" {
			continue
		}
		q := gc.Question
		in := readIntent(q)
		if in.meta != noMeta || in.broad {
			continue
		}
		qt := l.queryTerms(q)
		ps, _ := l.retrieve(ctx, q, qt, in, Filter{}, defaultAnswerOptions().Passages)
		cs := l.scoreSentences(qt, in, ps)
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
		if len(cs) == 0 {
			continue
		}
		c := cs[0]
		win := []map[string]bool{stemSet(c.quote.Text, c.doc.Language), stemSet(c.doc.Title, c.doc.Language)}
		if c.prev != nil {
			win = append(win, stemSet(c.prev.quote.Text, c.doc.Language))
		}
		if c.next != nil {
			win = append(win, stemSet(c.next.quote.Text, c.doc.Language))
		}
		sent := win[0]
		// unmatched concepts in the sentence alone and in the window
		var missS, missW float64
		var missed []string
		for _, k := range qt.keys {
			ms := qt.match(k, sent)
			mw := 0.0
			for _, s := range win {
				mw = max(mw, qt.match(k, s))
			}
			missS += (1 - ms) * qt.weight[k]
			missW += (1 - mw) * qt.weight[k]
			if mw < 0.5 {
				tag := ""
				if qt.absent[k] {
					tag = "!"
				}
				missed = append(missed, fmt.Sprintf("%s%s(%.2f,%.2f)", tag, k, qt.weight[k]/qt.total, mw))
			}
		}
		ok := "ok "
		if !res[gc.ID] {
			ok = "BAD"
		}
		fmt.Printf("%s %-10s ans=%v sc=%.2f missS=%.2f missW=%.2f top=%.2f %v | %s\n", ok, gc.Category, gc.Answerable, c.score, missS/qt.total, missW/qt.total, qt.weight[qt.keys[0]], missed, q)
	}
}
