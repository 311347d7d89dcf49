package rag

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cabot/corpus"
)

// prepare tokenises each chunk once for the built-in embedder and the
// terms: the vectors are those embed gives the chunk's text (within 1e-6,
// the order of the float32 sums), the terms those analyse makes of the
// title and the text, and the words those tokenize records of the text.
func TestPrepareAsEmbedAndAnalyse(t *testing.T) {
	ctx := context.Background()
	lib, _ := newTestLibrary(t)
	names, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "corpus", "*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("golden corpus: %v, %v", names, err)
	}
	var docs []corpus.Document
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, corpus.Document{ID: filepath.Base(name), Title: "Title’s ‘quotes’ 1,5 " + filepath.Base(name), Text: string(data), Language: "es"})
	}
	docs = append(docs, synthArticle(1), corpus.Document{ID: "edge", Title: "ends with a number 5,", Text: ",5 and 's cafés’ naïve", Language: "pt"})
	e := NewHashEmbedder()
	for _, d := range docs {
		p, err := lib.prepare(ctx, d, newLocalStems())
		if err != nil {
			t.Fatalf("prepare(%s) error: %v", d.ID, err)
		}
		chunks := corpus.Split(d.ID, d.Text, lib.chunking)
		if !reflect.DeepEqual(p.chunks, chunks) {
			t.Fatalf("prepare(%s) chunks differ from corpus.Split", d.ID)
		}
		var words []string
		seen := map[string]bool{}
		for i, c := range chunks {
			want := normalize(e.embed(c.Text))
			for k := range want {
				if math.Abs(float64(p.vectors[i].Values[k]-want[k])) > 1e-6 {
					t.Fatalf("prepare(%s) vector %d[%d] = %v; want %v", d.ID, i, k, p.vectors[i].Values[k], want[k])
				}
			}
			if p.vectors[i].Embedder != e.Name() {
				t.Errorf("prepare(%s) vector %d of %q; want %q", d.ID, i, p.vectors[i].Embedder, e.Name())
			}
			if got, want := p.vectors[i].Terms, analyse(d.Title, c.Text, d.Language, newLocalStems()); !reflect.DeepEqual(got, want) {
				t.Errorf("prepare(%s) terms of chunk %d = %+v; want %+v", d.ID, i, got, want)
			}
			for _, tok := range tokenize(c.Text) {
				if !tok.Stop && !isNumber(tok.Lower) && !seen[tok.Stem] {
					seen[tok.Stem] = true
					words = append(words, tok.Stem+"="+tok.Lower)
				}
			}
		}
		var got []string
		for _, w := range p.words {
			got = append(got, w.Stem+"="+w.Word)
		}
		if !reflect.DeepEqual(got, words) {
			t.Errorf("prepare(%s) words = %v; want %v", d.ID, got, words)
		}
	}
}

// ingestInputs returns inputs for IngestAll: new articles, a duplicate of
// an earlier input, an input that cannot be read, one with no text, and
// more new articles.
func ingestInputs(n int) ([]Input, map[int]string) {
	var ins []Input
	want := map[int]string{} // input -> what it should give, when not added
	for i := range n {
		d := synthArticle(20_000_000 + i)
		ins = append(ins, Input{Data: []byte("# " + d.Title + "\n\n" + d.Text), Name: fmt.Sprintf("a%d.md", i), Origin: "test", Actor: "test"})
		switch i {
		case 3:
			ins = append(ins, ins[1]) // a duplicate of input 1, in the same batch
			want[len(ins)-1] = "duplicate"
		case 5:
			ins = append(ins, Input{Data: []byte{0xff, 0xd8, 0xff, 0, 1}, Name: "photo.jpg"})
			want[len(ins)-1] = "read"
		case 7:
			ins = append(ins, Input{Data: []byte("   \n"), Name: "empty.txt"})
			want[len(ins)-1] = "read"
		}
	}
	return ins, want
}

// IngestAll reports every input once, in order, with what Ingest would
// have said of it; the added documents are stored and answerable, the
// refused ones are not; and an input duplicating a stored document is
// reported a duplicate.
func TestIngestAll(t *testing.T) {
	ctx := context.Background()
	svc, store := newTestService(t)
	ins, want := ingestInputs(150) // more than one transaction
	type reported struct {
		doc corpus.Document
		err error
	}
	run := func() []reported {
		var got []reported
		svc.IngestAll(ctx, len(ins), func(_ context.Context, i int) (Input, error) { return ins[i], nil },
			func(i int, doc corpus.Document, err error) {
				if i != len(got) {
					t.Fatalf("input %d reported after %d inputs; want them in order", i, len(got))
				}
				got = append(got, reported{doc, err})
			})
		if len(got) != len(ins) {
			t.Fatalf("IngestAll reported %d of %d inputs", len(got), len(ins))
		}
		return got
	}
	got := run()
	added := 0
	for i, r := range got {
		var dup *corpus.DuplicateError
		var read *ReadError
		switch want[i] {
		case "duplicate":
			if !errors.As(r.err, &dup) || dup.Of.ID != got[1].doc.ID {
				t.Errorf("input %d (a duplicate of input 1) gave %v; want a duplicate of %s", i, r.err, got[1].doc.ID)
			}
		case "read":
			if !errors.As(r.err, &read) {
				t.Errorf("input %d (%s) gave %v; want a *ReadError", i, ins[i].Name, r.err)
			}
		default:
			if r.err != nil || r.doc.ID == "" {
				t.Fatalf("input %d gave %+v, %v; want it added", i, r.doc.ID, r.err)
			}
			added++
			if has, err := store.Has(ctx, r.doc.ID); err != nil || !has {
				t.Errorf("input %d reported added but the store has it not: %v, %v", i, has, err)
			}
			if _, ok := svc.lib.Document(r.doc.ID); !ok {
				t.Errorf("input %d reported added but not indexed", i)
			}
		}
	}
	docs, _ := svc.lib.Stats()
	if storedDocs, _, err := store.Counts(ctx); err != nil || storedDocs != added || docs != added {
		t.Errorf("store holds %d documents (%v), the library %d; want the %d added", storedDocs, err, docs, added)
	}
	// Once more: every readable input is now a duplicate.
	for i, r := range run() {
		var dup *corpus.DuplicateError
		if want[i] != "read" && !errors.As(r.err, &dup) {
			t.Errorf("input %d ingested again gave %v; want a duplicate", i, r.err)
		}
	}
	if storedDocs, _, err := store.Counts(ctx); err != nil || storedDocs != added {
		t.Errorf("after the second run the store holds %d documents (%v); want %d", storedDocs, err, added)
	}
}

// When ctx ends, IngestAll stops: the documents it reported added are
// stored whole, and no other.
func TestIngestAllCancelled(t *testing.T) {
	svc, store := newTestService(t)
	ins, _ := ingestInputs(300)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var added []string
	reported := 0
	svc.IngestAll(ctx, len(ins), func(_ context.Context, i int) (Input, error) { return ins[i], nil },
		func(i int, doc corpus.Document, err error) {
			reported++
			if err == nil {
				added = append(added, doc.ID)
			}
			if reported == 70 {
				cancel()
			}
		})
	if reported < 70 || reported == len(ins) {
		t.Fatalf("IngestAll reported %d of %d inputs after the cancel at 70; want it to stop", reported, len(ins))
	}
	docs, err := store.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, d := range docs {
		stored[d.ID] = true
		cs, err := store.DocumentChunks(context.Background(), d.ID)
		if err != nil || len(cs) != len(corpus.Split(d.ID, d.Text, corpus.DefaultChunkOptions())) {
			t.Errorf("document %s stored with %d chunks, %v; want it whole", d.ID, len(cs), err)
		}
	}
	for _, id := range added {
		if !stored[id] {
			t.Errorf("document %s reported added is not stored", id)
		}
	}
	if len(docs) != len(added) {
		t.Errorf("store holds %d documents; want the %d reported added: %s", len(docs), len(added), strings.Join(added, " "))
	}
}
