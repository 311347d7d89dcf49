package rag

import (
	"context"
	"fmt"

	"cabot/corpus"
	"cabot/corpus/storage"
)

// Reindex embeds every chunk again with embedder and stores the vectors, with
// the chunks' terms made again, in batches of batchSize chunks (one
// transaction each), calling progress after each batch. Run it after
// changing the embedder, or to store the terms of chunks stored without
// them; an interrupted run can be run again.
func Reindex(ctx context.Context, store storage.Store, embedder Embedder, batchSize int, progress func(done, total int)) error {
	if batchSize <= 0 {
		batchSize = 256
	}
	docs, err := store.DocumentInfos(ctx)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	byID := make(map[string]corpus.Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	local := newLocalStems()
	var chunks []corpus.Chunk
	err = store.Chunks(ctx, func(c storage.IndexedChunk) error {
		chunks = append(chunks, c.Chunk)
		return nil
	})
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	for start := 0; start < len(chunks); start += batchSize {
		batch := chunks[start:min(start+batchSize, len(chunks))]
		texts := make([]string, len(batch))
		for i, c := range batch {
			texts[i] = c.Text
		}
		vecs, err := embedder.EmbedDocuments(ctx, texts)
		if err != nil {
			return fmt.Errorf("reindex: embed: %w", err)
		}
		if len(vecs) != len(batch) {
			return fmt.Errorf("reindex: embedder returned %d vectors for %d chunks", len(vecs), len(batch))
		}
		out := make(map[string]storage.Vector, len(batch))
		for i, c := range batch {
			d := byID[c.DocID]
			out[c.ID] = storage.Vector{Embedder: embedder.Name(), Values: normalize(vecs[i]),
				Terms: analyse(d.Title, c.Text, d.Language, local)}
		}
		if err := store.ReplaceVectors(ctx, out); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		if progress != nil {
			progress(start+len(batch), len(chunks))
		}
	}
	return nil
}
