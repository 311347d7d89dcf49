package rag

import (
	"context"
	"testing"
	"time"
)

// BenchmarkAnswerer measures the extractive answerer's own share of an
// offline ask: each iteration runs the hybrid search an ask makes (the
// same query and pool) and then the whole ask, and reports the medians of
// both and of their difference, which is what the answerer adds (reading
// the passages, scoring their sentences, writing the answer). With
// readings=cold the cache of chunk readings (reading.go) is emptied before
// each ask, as for chunks no recent question has read.
func BenchmarkAnswerer(b *testing.B) {
	ctx := context.Background()
	qs, _ := benchQueries()
	for _, n := range benchSizes {
		for _, cold := range []bool{true, false} {
			name := sizeName(n) + "/readings=kept"
			if cold {
				name = sizeName(n) + "/readings=cold"
			}
			b.Run(name, func(b *testing.B) {
				l := benchLibraryOf(b, n)
				opt := defaultAnswerOptions()
				var search, ask, own []time.Duration
				for i := 0; b.Loop(); i++ {
					q := Question{Text: qs[i%len(qs)]}
					t0 := time.Now()
					if _, err := l.lib.Search(ctx, q.searchText(), Filter{}, max(poolFactor*opt.Passages, 20)); err != nil {
						b.Fatal(err)
					}
					if cold {
						forgetReadings()
					}
					t1 := time.Now()
					if _, err := l.lib.Ask(ctx, q, opt); err != nil {
						b.Fatal(err)
					}
					s, a := t1.Sub(t0), time.Since(t1)
					search, ask, own = append(search, s), append(ask, a), append(own, max(a-s, 0))
				}
				b.ReportMetric(ms(median(search)), "search-p50-ms")
				b.ReportMetric(ms(median(ask)), "ask-p50-ms")
				b.ReportMetric(ms(median(own)), "answerer-p50-ms")
			})
		}
	}
}

// forgetReadings empties the cache of chunk readings.
func forgetReadings() {
	readings.Lock()
	defer readings.Unlock()
	clear(readings.m)
	readings.ring, readings.next = readings.ring[:0], 0
}
