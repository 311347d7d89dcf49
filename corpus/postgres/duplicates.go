package postgres

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// querier is what findDuplicate and the shared reads go through: the pool,
// or the transaction of an Add.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// FindDuplicate looks for a stored document, visible in doc.Scope (global
// documents and the scope's own), that doc duplicates: the same canonical
// URL, the same normalised text, or a near-duplicate text (Jaccard
// similarity of word shingles of at least corpus.NearDuplicateThreshold). It
// returns nil when there is none.
func (s *Store) FindDuplicate(ctx context.Context, doc corpus.Document) (*corpus.Duplicate, error) {
	dup, err := findDuplicate(ctx, s.pool, doc)
	if err != nil {
		return nil, err
	}
	return dup, nil
}

// findDuplicate is FindDuplicate, reading through q.
func findDuplicate(ctx context.Context, q querier, doc corpus.Document) (*corpus.Duplicate, error) {
	scopes := corpus.VisibleScopes(doc.Scope)
	meta := storage.ScanDuplicateOf
	if cu := corpus.CanonicalURL(doc.URL); cu != "" {
		d, err := meta(q.QueryRow(ctx, `SELECT id, title, outlet, url, scope FROM documents
			WHERE canonical_url = $1 AND scope = ANY($2) LIMIT 1`, cu, scopes))
		if err == nil {
			return &corpus.Duplicate{Of: d, Reason: "same URL", Similarity: 1}, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return nil, fmt.Errorf("look for duplicates: %w", err)
		}
	}
	d, err := meta(q.QueryRow(ctx, `SELECT id, title, outlet, url, scope FROM documents
		WHERE content_hash = $1 AND scope = ANY($2) LIMIT 1`, doc.ContentHash(), scopes))
	if err == nil {
		return &corpus.Duplicate{Of: d, Reason: "same text", Similarity: 1}, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	// Near-duplicates: MinHash signatures narrow the candidates, the exact
	// Jaccard similarity of the shingles decides.
	shingles := corpus.Shingles(doc.Text)
	sig := corpus.MinHash(shingles)
	rows, err := q.Query(ctx, `SELECT id, signature FROM documents WHERE scope = ANY($1)`, scopes)
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	// The rows are closed before the candidates are read: a transaction
	// runs one query at a time.
	candidates, err := storage.NearDuplicateCandidates(rows, sig)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	best, err := storage.BestNearDuplicate(shingles, candidates, func(id string) (corpus.Document, error) {
		return storage.ScanDocument(q.QueryRow(ctx, `SELECT `+storage.DocColumns+` FROM documents WHERE id = $1`, id))
	})
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	return best, nil
}
