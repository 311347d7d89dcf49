package storage

import (
	"cabot/corpus"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// NearDuplicateCandidates reads rows of (document ID, MinHash signature
// bytes) and returns the IDs whose signature is close enough to sig that
// the document may be a near-duplicate (the exact similarity decides, in
// BestNearDuplicate). A missing or unreadable signature cannot match.
func NearDuplicateCandidates(rows Rows, sig corpus.Signature) ([]string, error) {
	var candidates []string
	for rows.Next() {
		var id string
		var blob []byte
		if err := rows.Scan(&id, &blob); err != nil {
			return nil, err
		}
		other, err := corpus.SignatureFromBytes(blob)
		if err != nil {
			continue
		}
		if sig.Similarity(other) >= corpus.NearDuplicateThreshold-0.15 {
			candidates = append(candidates, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return candidates, nil
}

// BestNearDuplicate loads each candidate with load and returns the one whose
// shingles' Jaccard similarity with shingles is the highest and at least
// corpus.NearDuplicateThreshold (without its text), nil when none is.
func BestNearDuplicate(shingles map[uint64]struct{}, candidates []string, load func(id string) (corpus.Document, error)) (*corpus.Duplicate, error) {
	var best *corpus.Duplicate
	for _, id := range candidates {
		other, err := load(id)
		if err != nil {
			return nil, fmt.Errorf("read document %s: %w", id, err)
		}
		if j := corpus.Jaccard(shingles, corpus.Shingles(other.Text)); j >= corpus.NearDuplicateThreshold && (best == nil || j > best.Similarity) {
			other.Text = ""
			best = &corpus.Duplicate{Of: other, Reason: "near-duplicate", Similarity: j}
		}
	}
	return best, nil
}

// ScanDuplicateOf reads the document a duplicate look-up found from the
// columns id, title, outlet, url and scope, in that order.
func ScanDuplicateOf(row Row) (corpus.Document, error) {
	var d corpus.Document
	err := row.Scan(&d.ID, &d.Title, &d.Outlet, &d.URL, &d.Scope)
	return d, err
}

// The look-ups of FindDuplicate, by canonical URL and by content hash,
// followed by a store's test of the visible scopes (ScopeIn) and " LIMIT 1".
// Each has an index of its own.
const (
	DuplicateByURL  = `SELECT id, title, outlet, url, scope FROM documents WHERE canonical_url = ? AND `
	DuplicateByHash = `SELECT id, title, outlet, url, scope FROM documents WHERE content_hash = ? AND `
)

// DuplicateByBands reads the ID and signature of the documents that share
// a band key (one "?" for each of the corpus.Bands keys of corpus.BandKeys) with a
// signature, followed by a store's test of the visible scopes (ScopeIn)
// and ") ORDER BY id". The bands keep their document's scope, and the
// index on (key, scope) answers the whole test: the cost of the look-up
// grows with the number of candidates, not with the store (with the scope
// on documents instead, SQLite read every document of the scope).
var DuplicateByBands = `SELECT id, signature FROM documents WHERE id IN (SELECT doc_id FROM document_bands WHERE key IN (` +
	strings.TrimSuffix(strings.Repeat("?, ", corpus.Bands), ", ") + `) AND `

// InsertBands stores, through q, the band keys of the signature of a
// document of a scope in document_bands.
func InsertBands(ctx context.Context, q Querier, docID, scope string, sig corpus.Signature) error {
	args := make([]any, 0, 4*corpus.Bands)
	for b, k := range corpus.BandKeys(sig) {
		args = append(args, docID, b, k, scope)
	}
	query := `INSERT INTO document_bands (doc_id, band, key, scope) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", corpus.Bands), ", ")
	if err := q.Exec(ctx, query, args...); err != nil {
		return fmt.Errorf("store bands of %s: %w", docID, err)
	}
	return nil
}

// BackfillBands stores, through q, the band keys of every document that has
// a signature and no bands (those stored before bands were kept).
func BackfillBands(ctx context.Context, q Querier) error {
	rows, err := q.Query(ctx, `SELECT id, scope, signature FROM documents
		WHERE signature IS NOT NULL AND id NOT IN (SELECT doc_id FROM document_bands)`)
	if err != nil {
		return fmt.Errorf("backfill bands: %w", err)
	}
	type todo struct {
		id, scope string
		sig       corpus.Signature
	}
	var todos []todo
	for rows.Next() {
		var t todo
		var blob []byte
		if err := rows.Scan(&t.id, &t.scope, &blob); err != nil {
			rows.Close()
			return fmt.Errorf("backfill bands: %w", err)
		}
		if t.sig, err = corpus.SignatureFromBytes(blob); err != nil {
			continue // an unreadable signature cannot match
		}
		todos = append(todos, t)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("backfill bands: %w", err)
	}
	for _, t := range todos {
		if err := InsertBands(ctx, q, t.id, t.scope, t.sig); err != nil {
			return fmt.Errorf("backfill bands: %w", err)
		}
	}
	return nil
}

// ScopeIn writes the condition that a document's scope is one of scopes, in
// a store's SQL ("?" for each parameter), with its arguments.
type ScopeIn func(scopes []string) (cond string, args []any)

// FindDuplicate looks, through q, for a stored document visible in
// doc.Scope (global documents and the scope's own) that doc duplicates: the
// same canonical URL, the same normalised text, or a near-duplicate text
// (Jaccard similarity of word shingles of at least
// corpus.NearDuplicateThreshold). It returns nil when there is none. in
// writes the store's test of the visible scopes.
func FindDuplicate(ctx context.Context, q Querier, in ScopeIn, doc corpus.Document) (*corpus.Duplicate, error) {
	return FindDuplicateOf(ctx, q, in, doc, FingerprintOf(doc))
}

// Fingerprint is what the duplicate look-ups and the stored row need of a
// document's URL and text, made once: its canonical URL, content hash,
// word shingles and their MinHash signature.
type Fingerprint struct {
	CanonicalURL string
	ContentHash  string
	Shingles     map[uint64]struct{}
	Signature    corpus.Signature
}

// FingerprintOf returns the fingerprint of a document.
func FingerprintOf(doc corpus.Document) *Fingerprint {
	sh := corpus.Shingles(doc.Text)
	return &Fingerprint{CanonicalURL: corpus.CanonicalURL(doc.URL), ContentHash: doc.ContentHash(), Shingles: sh, Signature: corpus.MinHash(sh)}
}

// FindDuplicateOf is FindDuplicate of a document whose fingerprint is fp.
func FindDuplicateOf(ctx context.Context, q Querier, in ScopeIn, doc corpus.Document, fp *Fingerprint) (*corpus.Duplicate, error) {
	cond, scopeArgs := in(corpus.VisibleScopes(doc.Scope))
	args := func(first any) []any { return append([]any{first}, scopeArgs...) }
	lookUp := func(query string, value any) (corpus.Document, error) {
		return ScanDuplicateOf(q.QueryRow(ctx, query+cond+` LIMIT 1`, args(value)...))
	}
	if cu := fp.CanonicalURL; cu != "" {
		d, err := lookUp(DuplicateByURL, cu)
		if err == nil {
			return &corpus.Duplicate{Of: d, Reason: "same URL", Similarity: 1}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("look for duplicates: %w", err)
		}
	}
	d, err := lookUp(DuplicateByHash, fp.ContentHash)
	if err == nil {
		return &corpus.Duplicate{Of: d, Reason: "same text", Similarity: 1}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	// Near-duplicates: the documents that share a band of their MinHash
	// signatures with doc's, narrowed by the signatures' similarity; the
	// exact Jaccard similarity of the shingles decides.
	shingles, sig := fp.Shingles, fp.Signature
	keys := corpus.BandKeys(sig)
	bandArgs := make([]any, 0, len(keys)+len(scopeArgs))
	for _, k := range keys {
		bandArgs = append(bandArgs, k)
	}
	rows, err := q.Query(ctx, DuplicateByBands+cond+`) ORDER BY id`, append(bandArgs, scopeArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	// Signatures (and their bands) are backfilled at start-up; a missing
	// one cannot match.
	// The rows are closed before the candidates are read: a transaction
	// may run one query at a time.
	candidates, err := NearDuplicateCandidates(rows, sig)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	best, err := BestNearDuplicate(shingles, candidates, func(id string) (corpus.Document, error) {
		return ScanDocument(q.QueryRow(ctx, `SELECT `+DocColumns+` FROM documents WHERE id = ?`, id))
	})
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	return best, nil
}
