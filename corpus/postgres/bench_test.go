package postgres

import (
	"cabot/corpus"
	"cabot/corpus/postgres/pgtest"
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The store figures of PostgreSQL beside SQLite's, measured side by side in
// one run: adding a document (the duplicate checks, chunks, 512-dimension
// vectors, audit and change in one transaction) and reading every chunk with
// its vector (what each process does when it opens the library).
//
//	go test -run '^$' -bench . -benchtime 200x ./corpus/postgres/

// benchStores opens an empty SQLite and an empty PostgreSQL store.
func benchStores(b *testing.B) map[string]storage.Store {
	b.Helper()
	ctx := context.Background()
	lite, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "cabot.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { lite.Close() })
	pg, err := Open(ctx, pgtest.Database(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { pg.Close() })
	return map[string]storage.Store{"sqlite": lite, "postgres": pg}
}

// benchDocument is an article of about 6 chunks whose words are drawn at
// random (seeded by n), so that no two are near-duplicates.
func benchDocument(n int) (corpus.Document, []corpus.Chunk, []storage.Vector) {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	var sb strings.Builder
	for s := 0; s < 40; s++ {
		for w := 0; w < 12; w++ {
			fmt.Fprintf(&sb, "w%d ", r.IntN(50000))
		}
		sb.WriteString("end.\n")
	}
	text := sb.String()
	doc := corpus.Document{ID: corpus.DocumentID(text), Title: fmt.Sprintf("Article %d", n), Language: "en", Text: text,
		Source: "bench", AddedBy: "bench", AddedAt: time.Now().UTC(), URL: fmt.Sprintf("https://example.org/%d", n)}
	chunks := corpus.Split(doc.ID, text, corpus.ChunkOptions{MaxSize: 1200, Overlap: 150})
	vectors := make([]storage.Vector, len(chunks))
	for i := range vectors {
		v := make([]float32, 512)
		for k := range v {
			v[k] = r.Float32()
		}
		vectors[i] = storage.Vector{Embedder: "bench", Values: v}
	}
	return doc, chunks, vectors
}

func BenchmarkStoreAdd(b *testing.B) {
	stores := benchStores(b)
	for _, name := range []string{"sqlite", "postgres"} {
		s := stores[name]
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			chunks := 0
			base := rand.IntN(1 << 30)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				doc, cs, vs := benchDocument(base + i)
				chunks += len(cs)
				b.StartTimer()
				if err := s.Add(ctx, doc, cs, vs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(chunks)/b.Elapsed().Seconds(), "chunks/s")
		})
	}
}

func BenchmarkStoreLoad(b *testing.B) {
	stores := benchStores(b)
	ctx := context.Background()
	const docs = 300
	for n := 0; n < docs; n++ {
		doc, cs, vs := benchDocument(n)
		for _, s := range stores {
			if err := s.Add(ctx, doc, cs, vs); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, name := range []string{"sqlite", "postgres"} {
		s := stores[name]
		b.Run(name, func(b *testing.B) {
			total := 0
			for i := 0; i < b.N; i++ {
				total = 0
				if err := s.Chunks(ctx, func(storage.IndexedChunk) error { total++; return nil }); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total), "chunks")
			b.ReportMetric(float64(total)*float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
		})
	}
}
