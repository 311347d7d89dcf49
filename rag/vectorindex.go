package rag

import (
	"context"
	"errors"
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
//
// Each scope (global, or one server's) has its own collection, so that a
// query reads only the vectors it may see.
type vectorIndex struct {
	mu   sync.RWMutex
	db   *chromem.DB
	cols map[string]*chromem.Collection // scope -> collection
}

func newVectorIndex() *vectorIndex {
	return &vectorIndex{db: chromem.NewDB(), cols: map[string]*chromem.Collection{}}
}

// collection returns the scope's collection, creating it when create is set.
// The caller holds x.mu (for writing when create is set).
func (x *vectorIndex) collection(scope string, create bool) (*chromem.Collection, error) {
	if c := x.cols[scope]; c != nil || !create {
		return c, nil
	}
	// The embedding function is never called: every vector is computed by
	// our embedder and passed in. It must not be nil (nil means OpenAI).
	noEmbed := func(context.Context, string) ([]float32, error) {
		return nil, fmt.Errorf("vector index: embedding inside the index is not supported")
	}
	c, err := x.db.CreateCollection("scope:"+scope, nil, noEmbed)
	if err != nil {
		return nil, fmt.Errorf("create vector index for scope %q: %w", scope, err)
	}
	x.cols[scope] = c
	return c, nil
}

type vectorEntry struct {
	ID     string
	Vector []float32
}

// add inserts or replaces vectors of one scope.
func (x *vectorIndex) add(ctx context.Context, scope string, entries []vectorEntry) error {
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
	col, err := x.collection(scope, true)
	if err != nil {
		return err
	}
	// One goroutine per core, each adding a run of the documents
	// (chromem-go's AddDocuments starts a goroutine per document).
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, d := range docs[w*len(docs)/workers : (w+1)*len(docs)/workers] {
				if err := col.AddDocument(ctx, d); err != nil {
					errs[w] = fmt.Errorf("add to vector index: %w", err)
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// remove deletes vectors of one scope by ID; unknown IDs are ignored.
func (x *vectorIndex) remove(ctx context.Context, scope string, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	col, _ := x.collection(scope, false)
	if col == nil {
		return nil
	}
	if err := col.Delete(ctx, nil, nil, ids...); err != nil {
		return fmt.Errorf("remove from vector index: %w", err)
	}
	return nil
}

type hit struct {
	ID    string
	Score float64
}

// search returns up to k IDs by descending cosine similarity, from the
// collections of the given scopes.
func (x *vectorIndex) search(ctx context.Context, scopes []string, q []float32, k int) ([]hit, error) {
	if k <= 0 || isZero(q) {
		return nil, nil
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	var out []hit
	for _, scope := range scopes {
		col := x.cols[scope]
		if col == nil {
			continue
		}
		n := col.Count()
		if n == 0 {
			continue
		}
		res, err := col.QueryEmbedding(ctx, q, min(k, n), nil, nil)
		if err != nil {
			return nil, fmt.Errorf("query vector index: %w", err)
		}
		for _, r := range res {
			out = append(out, hit{ID: r.ID, Score: float64(r.Similarity)})
		}
	}
	return topHits(out, k), nil
}

func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}
