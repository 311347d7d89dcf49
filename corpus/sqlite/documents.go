package sqlite

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// audit records an action on a document inside tx.
func audit(ctx context.Context, tx storage.DB, action string, doc corpus.Document, actor, detail string) error {
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

// backfillSignatures computes the canonical URL and MinHash signature (with
// its bands) of documents stored before they were kept.
func (s *Store) backfillSignatures(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, url, scope, text FROM documents WHERE signature IS NULL`)
	if err != nil {
		return fmt.Errorf("backfill signatures: %w", err)
	}
	type fix struct {
		id, cu, scope string
		sig           corpus.Signature
	}
	var fixes []fix
	for rows.Next() {
		var id, u, scope, text string
		if err := rows.Scan(&id, &u, &scope, &text); err != nil {
			rows.Close()
			return fmt.Errorf("backfill signatures: %w", err)
		}
		fixes = append(fixes, fix{id, corpus.CanonicalURL(u), scope, corpus.MinHash(corpus.Shingles(text))})
	}
	rows.Close()
	if len(fixes) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("backfill signatures: %w", err)
	}
	defer tx.Rollback()
	for _, f := range fixes {
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET canonical_url = ?, signature = ? WHERE id = ?`, f.cu, f.sig.Bytes(), f.id); err != nil {
			return fmt.Errorf("backfill signatures: %w", err)
		}
		if err := storage.InsertBands(ctx, storage.SQL(tx), f.id, f.scope, f.sig); err != nil {
			return fmt.Errorf("backfill signatures: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("backfill signatures: %w", err)
	}
	return nil
}
