package storetest

import (
	"bytes"
	"cabot/corpus/storage"
	"context"
	"reflect"
	"testing"
)

// sampleTerms returns terms of version 3 for chunk k: repeated terms,
// accents and other scripts, a word equal to its stem and a stem that is
// not one of the terms.
func sampleTerms(k int) storage.Terms {
	return storage.Terms{
		Version: 3,
		Length:  7 + k,
		Counts: []storage.TermCount{
			{Term: "médic", Count: int32(3 + k)}, {Term: "habana", Count: 1}, {Term: "здоровье", Count: 2}, {Term: "2024", Count: 1},
		},
		Words: []storage.StemWord{
			{Stem: "médic", Word: "médicos"}, {Stem: "habana", Word: "habana"}, {Stem: "el", Word: "el"},
		},
	}
}

// sameTerms reports whether two Terms hold the same values (an empty list
// and none are the same).
func sameTerms(a, b storage.Terms) bool {
	if len(a.Counts) == 0 && len(b.Counts) == 0 {
		a.Counts, b.Counts = nil, nil
	}
	if len(a.Words) == 0 && len(b.Words) == 0 {
		a.Words, b.Words = nil, nil
	}
	return reflect.DeepEqual(a, b)
}

// The terms stored with a chunk's vector come back as they were, from
// Chunks and DocumentChunks; a chunk stored without them has none;
// ReplaceVectors replaces them, or keeps them when it is given none.
func testTerms(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	d, chunks, vectors := NewDocument(1, Article(t).Text)
	if len(chunks) < 3 {
		t.Fatalf("test document has %d chunks; want at least 3", len(chunks))
	}
	want := make([]storage.Terms, len(chunks))
	for k := range chunks {
		if k != 1 { // chunk 1 is stored without terms
			want[k] = sampleTerms(k)
			vectors[k].Terms = want[k]
		}
	}
	want[2].Counts, want[2].Words = nil, nil // terms of a chunk with no words
	vectors[2].Terms = want[2]
	add(t, s, d, chunks, vectors)
	check := func(when string) {
		t.Helper()
		all := AllChunks(t, s)
		byDoc, err := s.DocumentChunks(ctx, d.ID)
		if err != nil {
			t.Fatalf("DocumentChunks(%s) error: %v", d.ID, err)
		}
		if len(all) != len(chunks) || len(byDoc) != len(chunks) {
			t.Fatalf("%s: Chunks() gave %d chunks, DocumentChunks %d; want %d", when, len(all), len(byDoc), len(chunks))
		}
		// EncodedChunks gives the same chunks, the terms still encoded.
		k := 0
		err = s.EncodedChunks(ctx, func(c storage.IndexedChunk, terms []byte) error {
			decoded, err := storage.DecodeTerms(terms)
			if err != nil {
				return err
			}
			if c.Vector.Terms.Version != 0 {
				t.Errorf("%s: chunk %d from EncodedChunks() has decoded terms %+v; want none", when, k, c.Vector.Terms)
			}
			if k < len(all) {
				same := c.Chunk == all[k].Chunk && c.Vector.Embedder == all[k].Vector.Embedder &&
					bytes.Equal(storage.EncodeVector(c.Vector.Values), storage.EncodeVector(all[k].Vector.Values)) // NaN != NaN
				if !same || !sameTerms(decoded, want[k]) {
					t.Errorf("%s: chunk %d from EncodedChunks() = %+v with terms %+v; want %+v with terms %+v", when, k, c, decoded, all[k], want[k])
				}
			}
			k++
			return nil
		})
		if err != nil || k != len(chunks) {
			t.Fatalf("%s: EncodedChunks() gave %d chunks, error %v; want %d", when, k, err, len(chunks))
		}
		for k := range chunks {
			if !sameTerms(all[k].Vector.Terms, want[k]) {
				t.Errorf("%s: terms of chunk %d from Chunks() = %+v; want %+v", when, k, all[k].Vector.Terms, want[k])
			}
			if !sameTerms(byDoc[k].Vector.Terms, want[k]) {
				t.Errorf("%s: terms of chunk %d from DocumentChunks() = %+v; want %+v", when, k, byDoc[k].Vector.Terms, want[k])
			}
		}
	}
	check("after Add")

	// New vectors without terms keep the terms; with terms, replace them.
	replaced := sampleTerms(9)
	replaced.Version = 4
	if err := s.ReplaceVectors(ctx, map[string]storage.Vector{
		chunks[0].ID: {Embedder: "new-embedder", Values: []float32{1}},
		chunks[1].ID: {Embedder: "new-embedder", Values: []float32{2}},
		chunks[3].ID: {Embedder: "new-embedder", Values: []float32{3}, Terms: replaced},
	}); err != nil {
		t.Fatalf("ReplaceVectors() error: %v", err)
	}
	want[3] = replaced
	check("after ReplaceVectors")
}
