package rag

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	chromem "github.com/philippgille/chromem-go"
)

// vectorIndex wraps a chromem-go collection so that it is safe to use as
// cabot needs it: queries on an empty index return nothing instead of an
// error, k is clamped to the number of vectors, writes are serialised (chromem
// v0.7.0 races when Add and Delete overlap), and zero vectors (texts with no
// content words) are left out rather than turned into NaNs.
type vectorIndex struct {
	mu  sync.RWMutex
	col *chromem.Collection
}

func newVectorIndex() (*vectorIndex, error) {
	// The embedding function is never called: every vector is computed by
	// our embedder and passed in. It must not be nil (nil means OpenAI).
	noEmbed := func(context.Context, string) ([]float32, error) {
		return nil, fmt.Errorf("vector index: embedding inside the index is not supported")
	}
	col, err := chromem.NewDB().CreateCollection("chunks", nil, noEmbed)
	if err != nil {
		return nil, fmt.Errorf("create vector index: %w", err)
	}
	return &vectorIndex{col: col}, nil
}

type vectorEntry struct {
	ID     string
	Vector []float32
}

// add inserts or replaces vectors.
func (x *vectorIndex) add(ctx context.Context, entries []vectorEntry) error {
	docs := make([]chromem.Document, 0, len(entries))
	for _, e := range entries {
		if isZero(e.Vector) {
			continue
		}
		docs = append(docs, chromem.Document{ID: e.ID, Embedding: e.Vector})
	}
	if len(docs) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.col.AddDocuments(ctx, docs, runtime.GOMAXPROCS(0)); err != nil {
		return fmt.Errorf("add to vector index: %w", err)
	}
	return nil
}

// remove deletes vectors by ID; unknown IDs are ignored.
func (x *vectorIndex) remove(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.col.Delete(ctx, nil, nil, ids...); err != nil {
		return fmt.Errorf("remove from vector index: %w", err)
	}
	return nil
}

func (x *vectorIndex) count() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.col.Count()
}

type hit struct {
	ID    string
	Score float64
}

// search returns up to k IDs by descending cosine similarity.
func (x *vectorIndex) search(ctx context.Context, q []float32, k int) ([]hit, error) {
	if k <= 0 || isZero(q) {
		return nil, nil
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := x.col.Count()
	if n == 0 {
		return nil, nil
	}
	k = min(k, n)
	res, err := x.col.QueryEmbedding(ctx, q, k, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("query vector index: %w", err)
	}
	out := make([]hit, len(res))
	for i, r := range res {
		out[i] = hit{ID: r.ID, Score: float64(r.Similarity)}
	}
	return out, nil
}

func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}
