package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"cabot/corpus"
	"cabot/corpus/sqlite"
)

// benchArticles is how many articles BenchmarkIngestCLI ingests: issue 15's
// "cabot ingest of 2,000 articles".
const benchArticles = 2000

// writeBenchArticles writes n synthetic Markdown articles (a title, an
// outlet, a date and eight to eleven paragraphs of made-up words drawn from
// a Zipf distribution, about six chunks each) into dir and returns how many
// chunks they make with the default chunking.
func writeBenchArticles(tb testing.TB, dir string, n int) int {
	tb.Helper()
	r := rand.New(rand.NewPCG(15, 2000))
	syllables := []string{"ba", "ko", "ri", "tan", "mel", "su", "dor", "vi", "na", "lek", "pra", "os", "tum", "fe", "ga", "zil"}
	vocab := make([]string, 0, 4000)
	seen := map[string]bool{}
	for len(vocab) < 4000 {
		var b strings.Builder
		for s := 2 + r.IntN(3); s > 0; s-- {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	function := []string{"the", "of", "and", "in", "to", "a", "for", "with", "on", "by", "was", "said", "from", "that"}
	zipf := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	sentence := func() string {
		words := make([]string, 10+r.IntN(20))
		for i := range words {
			switch x := r.Float64(); {
			case x < 0.4:
				words[i] = function[r.IntN(len(function))]
			case x < 0.97:
				words[i] = vocab[zipf.Uint64()]
			default:
				words[i] = fmt.Sprint(1960 + r.IntN(66))
			}
		}
		words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
		return strings.Join(words, " ") + "."
	}
	chunks := 0
	for i := range n {
		title := vocab[zipf.Uint64()] + " " + vocab[zipf.Uint64()] + " " + vocab[zipf.Uint64()]
		var text strings.Builder
		for p := 8 + r.IntN(4); p > 0; p-- {
			for s := 2 + r.IntN(3); s > 0; s-- {
				text.WriteString(sentence())
				text.WriteByte(' ')
			}
			text.WriteString("\n\n")
		}
		day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(4000))
		md := fmt.Sprintf("---\noutlet: Bench News\npublished: %s\n---\n# %s %d\n\n%s", day.Format("2006-01-02"), title, i, text.String())
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("article-%05d.md", i)), []byte(md), 0o600); err != nil {
			tb.Fatal(err)
		}
		chunks += len(corpus.Split("x", strings.TrimSpace(text.String()), corpus.DefaultChunkOptions()))
	}
	return chunks
}

// BenchmarkIngestCLI runs `cabot ingest FOLDER` in-process on a fresh data
// directory, as a person would, for a folder of 2,000 synthetic articles:
// reading, extraction, chunking, embedding, duplicate checks, the store's
// transactions and indexing, and the per-input lines. It reports chunks/s
// (of the chunks the store holds afterwards) and docs/s, and the CPU time
// the process spent per thousand chunks (cpu-ms-per-1k-chunks: user and
// system, every thread, so also what the machine's other jobs cannot
// take); setting up the data directory is not timed.
func BenchmarkIngestCLI(b *testing.B) {
	folder := b.TempDir()
	writeBenchArticles(b, folder, benchArticles)
	var took, cpu time.Duration
	chunks := 0
	for b.Loop() {
		b.StopTimer()
		dir, err := os.MkdirTemp("", "cabot-ingest-cli-*")
		if err != nil {
			b.Fatal(err)
		}
		var out, errs bytes.Buffer
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime(b)
		code := run(context.Background(), []string{"--data-dir", dir, "ingest", folder}, strings.NewReader(""), &out, &errs, func(string) (string, bool) { return "", false })
		took, cpu = took+time.Since(t0), cpu+cpuTime(b)-c0
		b.StopTimer()
		if code != 0 || !strings.Contains(out.String(), fmt.Sprintf("%d added, 0 duplicates, 0 failed", benchArticles)) {
			b.Fatalf("ingest exited %d: %s\n%s", code, lastLines(out.String(), 3), errs.String())
		}
		chunks += storedChunks(b, dir)
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(chunks)/took.Seconds(), "chunks/s")
	b.ReportMetric(float64(benchArticles*b.N)/took.Seconds(), "docs/s")
	b.ReportMetric(float64(cpu.Milliseconds())*1000/float64(chunks), "cpu-ms-per-1k-chunks")
}

// cpuTime returns the user and system CPU time this process has used.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// storedChunks returns how many chunks the store in a data directory holds.
func storedChunks(tb testing.TB, dir string) int {
	tb.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(dir, "cabot.db"))
	if err != nil {
		tb.Fatal(err)
	}
	defer store.Close()
	_, chunks, err := store.Counts(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return chunks
}
