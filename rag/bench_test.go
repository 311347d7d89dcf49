package rag

// Benchmarks of retrieval, answering, ingestion and start-up on the
// synthetic corpus of synth_test.go, at 1k, 10k and 100k chunks. BENCHMARKS.md
// has the figures, the commands and the targets they are compared with.
//
// Each size's library is built once per test process (from a SQLite store
// in a temporary directory that TestMain removes) and shared by every
// benchmark, so that all sizes and methods are measured in one run and their
// ratios hold on a noisy machine. The targets are reported against in
// BENCHMARKS.md; nothing here fails on a slow figure.

import (
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchSizes are the corpus sizes, in chunks.
var benchSizes = []int{1_000, 10_000, 100_000}

// benchResults is the number of results of the raw and dense queries, and
// the candidate pool of Search with k = benchK (max(4k, 20) = 20).
const (
	benchResults = 20
	benchK       = 5
)

var benchState struct {
	mu    sync.Mutex
	dir   string
	libs  map[int]*benchLibrary
	paths map[int]string // size -> store
}

// benchStoresEnv names the environment variable that keeps the benchmark
// stores in a directory of one's choice across runs (built when missing,
// reused when they hold the corpus; never removed), so that runs of two
// builds measure the same files without building them again.
const benchStoresEnv = "CABOT_BENCH_STORES"

// TestMain removes the benchmark stores (up to ~0.5 GB) when the process ends.
func TestMain(m *testing.M) {
	code := m.Run()
	benchCleanup()
	os.Exit(code)
}

func benchCleanup() {
	benchState.mu.Lock()
	defer benchState.mu.Unlock()
	for _, l := range benchState.libs {
		l.store.Close()
	}
	benchState.libs, benchState.paths = nil, nil
	if benchState.dir != "" {
		os.RemoveAll(benchState.dir)
		benchState.dir = ""
	}
}

// benchLibrary is a library over a store of the first articles of the
// synthetic stream.
type benchLibrary struct {
	lib    *Library
	store  *sqlite.Store
	path   string
	corpus synthCorpus
}

// benchLibraryOf returns the shared library of at least n chunks, building
// its store and opening it the first time.
func benchLibraryOf(b *testing.B, n int) *benchLibrary {
	b.Helper()
	path, c := benchStoreOf(b, n)
	benchState.mu.Lock()
	defer benchState.mu.Unlock()
	if l := benchState.libs[n]; l != nil {
		return l
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	lib, err := Open(ctx, store, NewHashEmbedder(), Options{})
	if err != nil {
		store.Close()
		b.Fatal(err)
	}
	if _, chunks := lib.Stats(); chunks != c.Total {
		b.Fatalf("library of %d chunks; want %d", chunks, c.Total)
	}
	l := &benchLibrary{lib: lib, store: store, path: path, corpus: c}
	benchState.libs[n] = l
	return l
}

// benchStoreOf returns the path of the store of at least n chunks, and its
// corpus, building the store the first time (or finding it built in the
// directory that benchStoresEnv names). It opens no library, so that the
// start-up benchmarks of a process that runs nothing else measure the heap
// of a process that starts.
func benchStoreOf(b *testing.B, n int) (string, synthCorpus) {
	b.Helper()
	benchState.mu.Lock()
	defer benchState.mu.Unlock()
	c := synthCorpusOf(n)
	if path := benchState.paths[n]; path != "" {
		return path, c
	}
	if benchState.libs == nil {
		benchState.libs, benchState.paths = map[int]*benchLibrary{}, map[int]string{}
	}
	dir := os.Getenv(benchStoresEnv)
	if dir == "" {
		if benchState.dir == "" {
			tmp, err := os.MkdirTemp("", "cabot-bench-*")
			if err != nil {
				b.Fatal(err)
			}
			benchState.dir = tmp
		}
		dir = benchState.dir
	}
	ctx := context.Background()
	start := time.Now()
	path := filepath.Join(dir, fmt.Sprintf("chunks-%d.db", n))
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	switch _, chunks, err := store.Counts(ctx); {
	case err != nil:
		b.Fatal(err)
	case chunks == c.Total: // kept from an earlier run
	case chunks != 0:
		b.Fatalf("%s holds %d chunks; want 0 or %d", path, chunks, c.Total)
	default:
		if err := benchFillStore(ctx, store, c); err != nil {
			b.Fatal(err)
		}
		b.Logf("built the %d-chunk store (%d articles, %.1f MB of text) in %v", c.Total, len(c.Docs), float64(c.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	}
	benchState.paths[n] = path
	return path, c
}

// benchFillStore writes the corpus to the store: the vectors and terms are
// computed on every core, the documents written one transaction each (as
// Library.Add does, without its duplicate check, which the ingestion
// benchmark measures).
func benchFillStore(ctx context.Context, store *sqlite.Store, c synthCorpus) error {
	emb := NewHashEmbedder()
	const batch = 256
	for lo := 0; lo < len(c.Docs); lo += batch {
		hi := min(lo+batch, len(c.Docs))
		vecs := make([][]storage.Vector, hi-lo)
		var wg sync.WaitGroup
		next := make(chan int)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				local := newLocalStems()
				for i := range next {
					d, chunks := c.Docs[lo+i], c.Chunks[lo+i]
					vs := make([]storage.Vector, len(chunks))
					for k, ch := range chunks {
						vs[k] = storage.Vector{Embedder: emb.Name(), Values: emb.embed(ch.Text),
							Terms: analyse(d.Title, ch.Text, d.Language, local)}
					}
					vecs[i] = vs
				}
			})
		}
		for i := range hi - lo {
			next <- i
		}
		close(next)
		wg.Wait()
		for i := lo; i < hi; i++ {
			if err := store.Add(ctx, c.Docs[i], c.Chunks[i], vecs[i-lo]); err != nil {
				return err
			}
		}
	}
	return nil
}

// benchQueries are the questions the retrieval and answer benchmarks rotate
// through, with their normalised query vectors.
var benchQueries = sync.OnceValues(func() ([]string, [][]float32) {
	qs := synthQuestions(200)
	emb := NewHashEmbedder()
	vs := make([][]float32, len(qs))
	for i, q := range qs {
		vs[i] = emb.embed(q)
	}
	return qs, vs
})

func sizeName(n int) string { return fmt.Sprintf("chunks=%d", n) }

// BenchmarkRetrieval compares, at each size, chromem-go's own exact query
// on the library's vectors (raw-chromem: QueryEmbedding with a precomputed
// normalised vector, top 20), our dense path (query embedding plus the
// vector index wrapper, top 20), BM25 alone (top 20), and the hybrid Search
// (both rankings of 20 candidates fused by reciprocal rank, top 5).
func BenchmarkRetrieval(b *testing.B) {
	ctx := context.Background()
	qs, qvs := benchQueries()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			l := benchLibraryOf(b, n)
			b.Run("raw-chromem", func(b *testing.B) {
				l.lib.vectors.mu.RLock()
				col := l.lib.vectors.cols[""]
				l.lib.vectors.mu.RUnlock()
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; b.Loop(); i++ {
					res, err := col.QueryEmbedding(ctx, qvs[i%len(qvs)], benchResults, nil, nil)
					if err != nil || len(res) != benchResults {
						b.Fatalf("query: %d results, %v", len(res), err)
					}
				}
			})
			b.Run("dense", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					qv, err := l.lib.embedder.EmbedQuery(ctx, qs[i%len(qs)])
					if err != nil {
						b.Fatal(err)
					}
					hits, err := l.lib.vectors.search(ctx, []string{""}, normalize(qv), benchResults)
					if err != nil || len(hits) != benchResults {
						b.Fatalf("dense search: %d hits, %v", len(hits), err)
					}
				}
			})
			b.Run("bm25", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					if hits := l.lib.lexical.search(qs[i%len(qs)], "en", benchResults, []string{""}); len(hits) == 0 {
						b.Fatalf("bm25: no hits for %q", qs[i%len(qs)])
					}
				}
			})
			b.Run("hybrid", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					ps, err := l.lib.Search(ctx, qs[i%len(qs)], Filter{}, benchK)
					if err != nil || len(ps) != benchK {
						b.Fatalf("search: %d passages, %v", len(ps), err)
					}
				}
			})
		})
	}
}

// BenchmarkRetrievalPaired runs the four retrievals of BenchmarkRetrieval
// one after the other on the same query in every iteration, so that their
// ratios hold when the load of a shared machine changes during the run. It
// reports each one's median (raw-p50-ms, dense-p50-ms, bm25-p50-ms,
// hybrid-p50-ms) and the hybrid search's time as a multiple of raw
// chromem-go's, by medians (hybrid-x-raw) and by means (hybrid-x-raw-mean).
func BenchmarkRetrievalPaired(b *testing.B) {
	ctx := context.Background()
	qs, qvs := benchQueries()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			l := benchLibraryOf(b, n)
			l.lib.vectors.mu.RLock()
			col := l.lib.vectors.cols[""]
			l.lib.vectors.mu.RUnlock()
			var raw, dense, lex, hyb []time.Duration
			for i := 0; b.Loop(); i++ {
				q, qv := qs[i%len(qs)], qvs[i%len(qs)]
				t0 := time.Now()
				if _, err := col.QueryEmbedding(ctx, qv, benchResults, nil, nil); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				v, err := l.lib.embedder.EmbedQuery(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := l.lib.vectors.search(ctx, []string{""}, normalize(v), benchResults); err != nil {
					b.Fatal(err)
				}
				t2 := time.Now()
				l.lib.lexical.search(q, "en", benchResults, []string{""})
				t3 := time.Now()
				if _, err := l.lib.Search(ctx, q, Filter{}, benchK); err != nil {
					b.Fatal(err)
				}
				t4 := time.Now()
				raw, dense = append(raw, t1.Sub(t0)), append(dense, t2.Sub(t1))
				lex, hyb = append(lex, t3.Sub(t2)), append(hyb, t4.Sub(t3))
			}
			b.ReportMetric(ms(median(raw)), "raw-p50-ms")
			b.ReportMetric(ms(median(dense)), "dense-p50-ms")
			b.ReportMetric(ms(median(lex)), "bm25-p50-ms")
			b.ReportMetric(ms(median(hyb)), "hybrid-p50-ms")
			b.ReportMetric(float64(median(hyb))/float64(median(raw)), "hybrid-x-raw")
			b.ReportMetric(float64(total(hyb))/float64(total(raw)), "hybrid-x-raw-mean")
		})
	}
}

// BenchmarkEmbedQuery is the built-in embedder on one question, a part of
// the dense and hybrid figures that does not depend on the corpus size.
func BenchmarkEmbedQuery(b *testing.B) {
	qs, _ := benchQueries()
	emb := NewHashEmbedder()
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := emb.EmbedQuery(ctx, qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAsk is a whole offline answer (hybrid retrieval of 6 passages
// and the extractive answerer), as `cabot ask` and the bot compute it. It
// reports the median and 99th percentile besides the mean (ns/op).
func BenchmarkAsk(b *testing.B) {
	ctx := context.Background()
	qs, _ := benchQueries()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			l := benchLibraryOf(b, n)
			opt := defaultAnswerOptions()
			var took []time.Duration
			grounded := 0
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				t0 := time.Now()
				ans, err := l.lib.Ask(ctx, Question{Text: qs[i%len(qs)]}, opt)
				took = append(took, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				if ans.Grounded {
					grounded++
				}
			}
			reportPercentiles(b, took, "ms")
			b.ReportMetric(float64(grounded)/float64(len(took)), "grounded/op")
		})
	}
}

// reportPercentiles reports the median and the 99th percentile of took in
// milliseconds, as "<prefix>-p50" and "<prefix>-p99".
func reportPercentiles(b *testing.B, took []time.Duration, prefix string) {
	if len(took) == 0 {
		return
	}
	s := slices.Clone(took)
	slices.Sort(s)
	b.ReportMetric(ms(percentile(s, 0.50)), "p50-"+prefix)
	b.ReportMetric(ms(percentile(s, 0.99)), "p99-"+prefix)
}

// percentile returns the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	k := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(k, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkIngest adds documents through Library.Add to a fresh store, as
// `cabot ingest` and /doc add do: duplicate check, chunking, embedding, one
// SQLite transaction per document (WAL, synchronous=FULL) and indexing. One
// iteration adds the first articles of the stream up to 3,000 chunks.
// store-add is the store writes alone (precomputed vectors), to tell the
// two costs apart.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	c := synthCorpusOf(3_000)
	fresh := func(b *testing.B) (*sqlite.Store, func()) {
		dir, err := os.MkdirTemp("", "cabot-ingest-*")
		if err != nil {
			b.Fatal(err)
		}
		store, err := sqlite.Open(ctx, filepath.Join(dir, "cabot.db"))
		if err != nil {
			os.RemoveAll(dir)
			b.Fatal(err)
		}
		return store, func() { store.Close(); os.RemoveAll(dir) }
	}
	b.Run("library-add", func(b *testing.B) {
		var took time.Duration
		for b.Loop() {
			b.StopTimer()
			store, done := fresh(b)
			lib, err := Open(ctx, store, NewHashEmbedder(), Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			t0 := time.Now()
			for _, d := range c.Docs {
				if err := lib.Add(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
			took += time.Since(t0)
			b.StopTimer()
			if _, chunks := lib.Stats(); chunks != c.Total {
				b.Fatalf("%d chunks indexed; want %d", chunks, c.Total)
			}
			done()
			b.StartTimer()
		}
		b.ReportMetric(float64(c.Total*b.N)/took.Seconds(), "chunks/s")
		b.ReportMetric(float64(len(c.Docs)*b.N)/took.Seconds(), "docs/s")
	})
	b.Run("store-add", func(b *testing.B) {
		emb := NewHashEmbedder()
		vecs := make([][]storage.Vector, len(c.Docs))
		for i, chunks := range c.Chunks {
			for _, ch := range chunks {
				vecs[i] = append(vecs[i], storage.Vector{Embedder: emb.Name(), Values: emb.embed(ch.Text)})
			}
		}
		var took time.Duration
		for b.Loop() {
			b.StopTimer()
			store, done := fresh(b)
			b.StartTimer()
			t0 := time.Now()
			for i, d := range c.Docs {
				if err := store.Add(ctx, d, c.Chunks[i], vecs[i]); err != nil {
					b.Fatal(err)
				}
			}
			took += time.Since(t0)
			b.StopTimer()
			done()
			b.StartTimer()
		}
		b.ReportMetric(float64(c.Total*b.N)/took.Seconds(), "chunks/s")
		b.ReportMetric(float64(len(c.Docs)*b.N)/took.Seconds(), "docs/s")
	})
}

// BenchmarkStartup opens the store and builds the indexes from it (vectors
// into chromem-go, words into BM25 from the terms stored with the chunks),
// as `cabot serve` does at start-up, on the prebuilt store of each size. It
// reports the heap the library holds per chunk and the peaks during the
// open (see benchOpen); no library is open beside it unless other
// benchmarks of the same process opened one, so run it alone for the
// peaks of a process that starts.
func BenchmarkStartup(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			path, _ := benchStoreOf(b, n)
			benchOpen(b, path)
		})
	}
}

// BenchmarkStartupWithoutTerms is BenchmarkStartup on a copy of each store
// whose chunks have no terms, as a store written before they were kept:
// every chunk is tokenised, as at every start-up before.
func BenchmarkStartupWithoutTerms(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			from, _ := benchStoreOf(b, n)
			store, err := sqlite.Open(ctx, from)
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(b.TempDir(), "untermed.db")
			err = store.Backup(ctx, path)
			store.Close()
			if err != nil {
				b.Fatal(err)
			}
			db, err := sql.Open("sqlite", path)
			if err != nil {
				b.Fatal(err)
			}
			_, err = db.ExecContext(ctx, `UPDATE vectors SET terms = NULL`)
			db.Close()
			if err != nil {
				b.Fatal(err)
			}
			benchOpen(b, path)
		})
	}
}

// benchOpen opens the store at path and the library over it in every
// iteration, and reports the seconds per open (wall and CPU, the sampler's
// included) and, per chunk: the heap the
// library holds (B/chunk: live heap after GC, with the library open minus
// before it), the peak of the heap's objects during the open, garbage
// included (peak-heap-B/chunk, sampled every millisecond, minus the live
// heap before), and the peak of the process's resident memory during the
// open (peak-rss-B/chunk: VmHWM, reset before the open, minus the
// resident memory before; 0 where /proc cannot reset it).
func benchOpen(b *testing.B, path string) {
	ctx := context.Background()
	var perChunk, peakHeap, peakRSS float64
	var took, cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		before := liveHeap()
		debug.FreeOSMemory()
		rssBefore, rssOK := resetPeakRSS()
		sampler := sampleHeapPeak()
		cpu0 := cpuTime()
		b.StartTimer()
		t0 := time.Now()
		store, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		lib, err := Open(ctx, store, NewHashEmbedder(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		took += time.Since(t0)
		b.StopTimer()
		cpu += cpuTime() - cpu0
		peak := sampler()
		_, chunks := lib.Stats()
		if hwm, ok := peakRSSNow(); ok && rssOK {
			peakRSS = float64(hwm-rssBefore) / float64(chunks)
		}
		peakHeap = float64(peak-before) / float64(chunks)
		perChunk = float64(liveHeap()-before) / float64(chunks)
		runtime.KeepAlive(lib)
		store.Close()
		b.StartTimer()
	}
	b.ReportMetric(took.Seconds()/float64(b.N), "s/open")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/open")
	b.ReportMetric(perChunk, "B/chunk")
	b.ReportMetric(peakHeap, "peak-heap-B/chunk")
	b.ReportMetric(peakRSS, "peak-rss-B/chunk")
}

// sampleHeapPeak reads the bytes of heap objects (live and garbage not yet
// collected) every millisecond until the function it returns is called,
// which returns the highest value read.
func sampleHeapPeak() func() int64 {
	stop, done := make(chan struct{}), make(chan int64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak int64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, int64(s[0].Value.Uint64()))
			select {
			case <-stop:
				done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 {
		close(stop)
		return <-done
	}
}

// resetPeakRSS resets the process's resident memory high-water mark
// (Linux: "5" into /proc/self/clear_refs) and returns the resident memory
// now.
func resetPeakRSS() (int64, bool) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		return 0, false
	}
	return procStatus("VmRSS:")
}

// peakRSSNow returns the resident memory high-water mark.
func peakRSSNow() (int64, bool) { return procStatus("VmHWM:") }

// procStatus returns a field of /proc/self/status given in kB, in bytes.
func procStatus(field string) (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, field); ok {
			var kb int64
			if _, err := fmt.Sscan(rest, &kb); err == nil {
				return kb << 10, true
			}
		}
	}
	return 0, false
}

// BenchmarkStoreRead is the part of start-up that reads the store: every
// chunk with its vector decoded, nothing indexed.
func BenchmarkStoreRead(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			path, c := benchStoreOf(b, n)
			for b.Loop() {
				store, err := sqlite.Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				rows := 0
				err = store.Chunks(ctx, func(c storage.IndexedChunk) error {
					rows++
					return nil
				})
				store.Close()
				if err != nil || rows != c.Total {
					b.Fatalf("read %d chunks of %d: %v", rows, c.Total, err)
				}
			}
		})
	}
}

// liveHeap returns the heap in use after a full collection.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// benchBandwidthBuf is 512 MB of float32, for the memory bandwidth
// benchmark, allocated and written once.
var benchBandwidthBuf = sync.OnceValue(func() []float32 {
	buf := make([]float32, 128<<20)
	for i := range buf {
		buf[i] = float32(i&1023) / 1024
	}
	return buf
})

// BenchmarkMemoryBandwidth reads 512 MB of float32 (8 independent sums so
// that the loop is not bound by add latency) with one goroutine and with
// one per core: the read bandwidth an exact vector search is bound by
// (100k chunks × 512 dims × 4 bytes = 204.8 MB per query).
func BenchmarkMemoryBandwidth(b *testing.B) {
	buf := benchBandwidthBuf()
	for _, g := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("goroutines=%d", g), func(b *testing.B) {
			b.SetBytes(int64(len(buf)) * 4)
			var sink float32
			for b.Loop() {
				sink += parallelSum(buf, g)
			}
			b.ReportMetric(float64(len(buf))*4*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
			runtime.KeepAlive(sink)
		})
	}
}

func parallelSum(buf []float32, g int) float32 {
	parts := make([]float32, g)
	var wg sync.WaitGroup
	step := (len(buf) + g - 1) / g
	for k := range g {
		lo, hi := k*step, min((k+1)*step, len(buf))
		wg.Go(func() { parts[k] = sum8(buf[lo:hi]) })
	}
	wg.Wait()
	var s float32
	for _, p := range parts {
		s += p
	}
	return s
}

func sum8(v []float32) float32 {
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	i := 0
	for ; i+8 <= len(v); i += 8 {
		w := v[i : i+8 : i+8]
		s0 += w[0]
		s1 += w[1]
		s2 += w[2]
		s3 += w[3]
		s4 += w[4]
		s5 += w[5]
		s6 += w[6]
		s7 += w[7]
	}
	for ; i < len(v); i++ {
		s0 += v[i]
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
}

// BenchmarkExactScan is an exact top-20 search over 1k, 10k and 100k × 512
// float32 vectors stored contiguously, one goroutine per core, each with its
// own top 20, and a dot product of 8 independent sums (dot=8sums; at 100k
// also chromem-go's single running sum, dot=1sum): what a plain Go exact
// search reaches on this machine, between the memory bandwidth bound and
// chromem-go (which also sends every document through a channel, keeps one
// slice per document, and takes a lock per document to update its shared
// top-n heap). The vectors are the bandwidth benchmark's buffer: the time
// does not depend on their values.
func BenchmarkExactScan(b *testing.B) {
	const dim = HashDimension
	buf := benchBandwidthBuf()
	_, qvs := benchQueries()
	g := runtime.GOMAXPROCS(0)
	for _, n := range benchSizes {
		for _, single := range []bool{false, true} {
			if single && n != benchSizes[len(benchSizes)-1] {
				continue
			}
			dot := "8sums"
			if single {
				dot = "1sum"
			}
			matrix := buf[:n*dim]
			b.Run(fmt.Sprintf("chunks=%d/goroutines=%d/dot=%s", n, g, dot), func(b *testing.B) {
				b.SetBytes(int64(n * dim * 4))
				for i := 0; b.Loop(); i++ {
					if top := scanTop(matrix, dim, qvs[i%len(qvs)], benchResults, g, single); len(top) != benchResults {
						b.Fatalf("%d results", len(top))
					}
				}
			})
		}
	}
}

type scored struct {
	idx   int
	score float32
}

// scanTop returns the k rows of matrix with the largest dot product with q,
// best first: each goroutine keeps its own top k, merged at the end. With
// single set, the dot product is chromem-go's loop (one running sum).
func scanTop(matrix []float32, dim int, q []float32, k, g int, single bool) []scored {
	rows := len(matrix) / dim
	step := (rows + g - 1) / g
	tops := make([][]scored, g)
	var wg sync.WaitGroup
	for p := range g {
		lo, hi := p*step, min((p+1)*step, rows)
		wg.Go(func() {
			top := make([]scored, 0, k+1)
			minScore := float32(math.Inf(-1))
			for r := lo; r < hi; r++ {
				var s float32
				if single {
					s = dot1(q, matrix[r*dim:(r+1)*dim])
				} else {
					s = dot8(q, matrix[r*dim:(r+1)*dim])
				}
				if len(top) == k && s <= minScore {
					continue
				}
				pos, _ := slices.BinarySearchFunc(top, s, func(e scored, t float32) int {
					switch {
					case e.score > t:
						return -1
					case e.score < t:
						return 1
					}
					return 0
				})
				top = slices.Insert(top, pos, scored{r, s})
				if len(top) > k {
					top = top[:k]
				}
				if len(top) == k {
					minScore = top[k-1].score
				}
			}
			tops[p] = top
		})
	}
	wg.Wait()
	all := slices.Concat(tops...)
	slices.SortFunc(all, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	return all[:min(k, len(all))]
}

// dot1 is the dot product as chromem-go v0.7.0 computes it: one running
// sum, so every addition waits for the one before.
func dot1(a, b []float32) float32 {
	b = b[:len(a)]
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// dot8 is the dot product with 8 independent running sums.
func dot8(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		x, y := a[i:i+8:i+8], b[i:i+8:i+8]
		s0 += x[0] * y[0]
		s1 += x[1] * y[1]
		s2 += x[2] * y[2]
		s3 += x[3] * y[3]
		s4 += x[4] * y[4]
		s5 += x[5] * y[5]
		s6 += x[6] * y[6]
		s7 += x[7] * y[7]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
}
