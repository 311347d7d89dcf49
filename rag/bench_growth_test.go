package rag

// Benchmarks of how the cost of adding a document and of answering grows
// with the library (BENCHMARKS.md, "Speed as the library grows"). They use
// the shared libraries of bench_test.go.

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"slices"
	"testing"
	"time"
)

// benchNewArticles are articles of the synthetic stream far past every
// corpus size, added (and removed again) by BenchmarkIngestGrowth.
const benchNewArticles = 64

// BenchmarkIngestGrowth adds one new article at a time, through
// Library.Add (duplicate check, chunking, embedding, one store transaction,
// indexing), to the shared library of each size, and removes it again with
// the timer stopped, so that the library is the same after the benchmark.
// The time per document (ns/op, and ms-per-doc) should not grow with the
// library; chunks/s is the same cost per chunk.
func BenchmarkIngestGrowth(b *testing.B) {
	ctx := context.Background()
	docs := make([]corpus.Document, benchNewArticles)
	chunks := make([]int, benchNewArticles)
	for i := range docs {
		docs[i] = synthArticle(10_000_000 + i)
		chunks[i] = len(corpus.Split(docs[i].ID, docs[i].Text, corpus.DefaultChunkOptions()))
	}
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			l := benchLibraryOf(b, n)
			var took time.Duration
			added := 0
			for i := 0; b.Loop(); i++ {
				d := docs[i%len(docs)]
				t0 := time.Now()
				if err := l.lib.Add(ctx, d); err != nil {
					b.Fatal(err)
				}
				took += time.Since(t0)
				added += chunks[i%len(docs)]
				b.StopTimer()
				if _, err := l.lib.Remove(ctx, d.ID, "bench"); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(ms(took)/float64(b.N), "ms-per-doc")
			b.ReportMetric(float64(added)/took.Seconds(), "chunks/s")
		})
	}
}

// BenchmarkIngestGrowthBatch adds the 64 new articles of
// BenchmarkIngestGrowth at once, as `cabot ingest` does: each prepared
// (chunked, embedded, its terms and fingerprint made; one goroutine here,
// every core in the command), then stored in one transaction through
// Library.addBatch and indexed; they are removed again with the timer
// stopped. ms-per-doc should not grow with the library.
func BenchmarkIngestGrowthBatch(b *testing.B) {
	ctx := context.Background()
	docs := make([]corpus.Document, benchNewArticles)
	for i := range docs {
		docs[i] = synthArticle(10_000_000 + i)
	}
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			l := benchLibraryOf(b, n)
			var took time.Duration
			added := 0
			for b.Loop() {
				t0 := time.Now()
				local := newLocalStems()
				ps := make([]prepared, len(docs))
				for i, d := range docs {
					p, err := l.lib.prepare(ctx, d, local)
					if err != nil {
						b.Fatal(err)
					}
					p.print = storage.FingerprintOf(p.doc)
					ps[i] = p
				}
				for _, err := range l.lib.addBatch(ctx, ps) {
					if err != nil {
						b.Fatal(err)
					}
				}
				took += time.Since(t0)
				for _, p := range ps {
					added += len(p.chunks)
				}
				b.StopTimer()
				for _, d := range docs {
					if _, err := l.lib.Remove(ctx, d.ID, "bench"); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
			}
			b.ReportMetric(ms(took)/float64(b.N*len(docs)), "ms-per-doc")
			b.ReportMetric(float64(added)/took.Seconds(), "chunks/s")
		})
	}
}

// BenchmarkAskPaired times, in every iteration, chromem-go's own exact
// query on the library's vectors (QueryEmbedding with a precomputed
// normalised vector, top 20) and then a whole offline answer (Library.Ask)
// to the same question, so that their ratio holds when the load of a shared
// machine changes during the run. It reports both medians (raw-p50-ms,
// ask-p50-ms) and the answer's time as a multiple of raw chromem-go's, by
// medians (ask-x-raw) and by means (ask-x-raw-mean).
func BenchmarkAskPaired(b *testing.B) {
	ctx := context.Background()
	qs, qvs := benchQueries()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			l := benchLibraryOf(b, n)
			l.lib.vectors.mu.RLock()
			col := l.lib.vectors.cols[""]
			l.lib.vectors.mu.RUnlock()
			opt := defaultAnswerOptions()
			var raw, ask []time.Duration
			for i := 0; b.Loop(); i++ {
				t0 := time.Now()
				if _, err := col.QueryEmbedding(ctx, qvs[i%len(qvs)], benchResults, nil, nil); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if _, err := l.lib.Ask(ctx, Question{Text: qs[i%len(qs)]}, opt); err != nil {
					b.Fatal(err)
				}
				raw, ask = append(raw, t1.Sub(t0)), append(ask, time.Since(t1))
			}
			medRaw, medAsk := median(raw), median(ask)
			b.ReportMetric(ms(medRaw), "raw-p50-ms")
			b.ReportMetric(ms(medAsk), "ask-p50-ms")
			b.ReportMetric(float64(medAsk)/float64(medRaw), "ask-x-raw")
			b.ReportMetric(float64(total(ask))/float64(total(raw)), "ask-x-raw-mean")
		})
	}
}

// total returns the sum of durations.
func total(d []time.Duration) (t time.Duration) {
	for _, x := range d {
		t += x
	}
	return t
}

// median returns the median of durations (which it leaves as they are).
func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return percentile(s, 0.5)
}
