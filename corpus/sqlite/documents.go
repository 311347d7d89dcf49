package sqlite

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// audit records an action on a document inside tx.
func audit(ctx context.Context, tx *sql.Tx, action string, doc corpus.Document, actor, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (at, action, doc_id, title, scope, actor, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		storage.FormatTime(time.Now()), action, doc.ID, doc.Title, doc.Scope, actor, detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// Remove deletes a document with its chunks and vectors, records who did it
// in the audit log, and remembers the ID so that a bundled article is not
// loaded again. It returns the removed document's metadata, or storage.ErrNotFound.
func (s *Store) Remove(ctx context.Context, id, actor string) (corpus.Document, error) {
	if err := s.refuseWrite(); err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	defer tx.Rollback()
	doc, err := storage.ScanDocument(tx.QueryRowContext(ctx, `SELECT `+storage.DocColumns+` FROM documents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, storage.ErrNotFound)
	}
	if err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO removed (doc_id, at) VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE SET at = excluded.at`,
		id, storage.FormatTime(time.Now())); err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	if err := audit(ctx, tx, "remove", doc, actor, ""); err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	if err := recordChange(ctx, tx, storage.ChangeRemove, doc); err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	doc.Text = ""
	return doc, nil
}

// Audit returns the newest entries of the audit log, newest first: those of
// one scope (a server's), or all when all is true.
func (s *Store) Audit(ctx context.Context, scope string, all bool, limit int) ([]storage.AuditEntry, error) {
	if limit <= 0 {
		limit = 50
	}
	q := `SELECT at, action, doc_id, title, scope, actor, detail FROM audit`
	args := []any{}
	if !all {
		q += ` WHERE scope = ?`
		args = append(args, scope)
	}
	q += ` ORDER BY id DESC LIMIT ?`
	args = append(args, limit)
	var out []storage.AuditEntry
	err := s.eachRow(ctx, q, func(rows *sql.Rows) error {
		e, err := storage.ScanAuditEntry(rows)
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	}, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return out, nil
}

// querier is what findDuplicate and the shared reads go through: the
// database, or the transaction of an Add.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// The look-ups of findDuplicate, by canonical URL and by content hash,
// followed by the list of visible scopes ("(?, ?)"). Each has an index of
// its own (migration 5).
const (
	duplicateByURL  = `SELECT id, title, outlet, url, scope FROM documents WHERE canonical_url = ? AND scope IN `
	duplicateByHash = `SELECT id, title, outlet, url, scope FROM documents WHERE content_hash = ? AND scope IN `
)

// FindDuplicate looks for a stored document, visible in doc.Scope (global
// documents and the scope's own), that doc duplicates: the same canonical
// URL, the same normalised text, or a near-duplicate text (Jaccard
// similarity of word shingles of at least corpus.NearDuplicateThreshold). It
// returns nil when there is none.
func (s *Store) FindDuplicate(ctx context.Context, doc corpus.Document) (*corpus.Duplicate, error) {
	return findDuplicate(ctx, s.db, doc)
}

// findDuplicate is FindDuplicate, reading through q.
func findDuplicate(ctx context.Context, q querier, doc corpus.Document) (*corpus.Duplicate, error) {
	scopes := corpus.VisibleScopes(doc.Scope)
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(scopes)), ",") + ")"
	scopeArgs := make([]any, len(scopes))
	for i, sc := range scopes {
		scopeArgs[i] = sc
	}
	args := func(first any) []any { return append([]any{first}, scopeArgs...) }
	meta := storage.ScanDuplicateOf
	if cu := corpus.CanonicalURL(doc.URL); cu != "" {
		d, err := meta(q.QueryRowContext(ctx, duplicateByURL+in+` LIMIT 1`, args(cu)...))
		if err == nil {
			return &corpus.Duplicate{Of: d, Reason: "same URL", Similarity: 1}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("look for duplicates: %w", err)
		}
	}
	d, err := meta(q.QueryRowContext(ctx, duplicateByHash+in+` LIMIT 1`, args(doc.ContentHash())...))
	if err == nil {
		return &corpus.Duplicate{Of: d, Reason: "same text", Similarity: 1}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	// Near-duplicates: MinHash signatures narrow the candidates, the exact
	// Jaccard similarity of the shingles decides.
	shingles := corpus.Shingles(doc.Text)
	sig := corpus.MinHash(shingles)
	rows, err := q.QueryContext(ctx, `SELECT id, signature FROM documents WHERE scope IN `+in, scopeArgs...)
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	// Signatures are backfilled at start-up; a missing one cannot match.
	candidates, err := storage.NearDuplicateCandidates(rows, sig)
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	best, err := storage.BestNearDuplicate(shingles, candidates, func(id string) (corpus.Document, error) {
		return storage.ScanDocument(q.QueryRowContext(ctx, `SELECT `+storage.DocColumns+` FROM documents WHERE id = ?`, id))
	})
	if err != nil {
		return nil, fmt.Errorf("look for duplicates: %w", err)
	}
	return best, nil
}

// backfillSignatures computes the canonical URL and MinHash signature of
// documents stored before they were kept.
func (s *Store) backfillSignatures(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, url, text FROM documents WHERE signature IS NULL`)
	if err != nil {
		return fmt.Errorf("backfill signatures: %w", err)
	}
	type fix struct {
		id, cu string
		sig    []byte
	}
	var fixes []fix
	for rows.Next() {
		var id, u, text string
		if err := rows.Scan(&id, &u, &text); err != nil {
			rows.Close()
			return fmt.Errorf("backfill signatures: %w", err)
		}
		fixes = append(fixes, fix{id, corpus.CanonicalURL(u), corpus.MinHash(corpus.Shingles(text)).Bytes()})
	}
	rows.Close()
	for _, f := range fixes {
		if _, err := s.db.ExecContext(ctx, `UPDATE documents SET canonical_url = ?, signature = ? WHERE id = ?`, f.cu, f.sig, f.id); err != nil {
			return fmt.Errorf("backfill signatures: %w", err)
		}
	}
	return nil
}
