package rag

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkAnswerer measures the extractive answerer's own share of an
// offline ask: each iteration reads the question and runs the hybrid
// search an ask makes (timed as search), then answers from that pool
// (timed as answerer, its median and 90th percentile: reading the passages, scoring their sentences,
// writing the answer), so the answerer's figure holds none of the
// search's spread. ask is the sum. With readings=cold the cache of chunk
// readings (reading.go) is emptied before each answer, as for chunks no
// recent question has read.
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
				grounded := 0
				for i := 0; b.Loop(); i++ {
					q := Question{Text: qs[i%len(qs)]}
					t0 := time.Now()
					r, err := l.lib.readQuestion(ctx, q, opt)
					if err != nil {
						b.Fatal(err)
					}
					pool, err := l.lib.Search(ctx, r.query, r.filter, max(poolFactor*opt.Passages, 20))
					if err != nil {
						b.Fatal(err)
					}
					if cold {
						forgetReadings()
					}
					t1 := time.Now()
					ans, err := l.lib.answer(ctx, r, pool, opt)
					if err != nil {
						b.Fatal(err)
					}
					if ans.Grounded {
						grounded++
					}
					s, a := time.Since(t0)-time.Since(t1), time.Since(t1)
					search, ask, own = append(search, s), append(ask, s+a), append(own, a)
				}
				b.ReportMetric(ms(median(search)), "search-p50-ms")
				b.ReportMetric(ms(median(ask)), "ask-p50-ms")
				b.ReportMetric(ms(median(own)), "answerer-p50-ms")
				b.ReportMetric(ms(percentile(slices.Sorted(slices.Values(own)), 0.9)), "answerer-p90-ms")
				b.ReportMetric(float64(grounded)/float64(len(own)), "grounded/op")
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
