package sqlite

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"fmt"
	"time"
)

// recordChange appends a change to the feed inside tx. Writers are
// serialised (BEGIN IMMEDIATE), so sequence numbers commit in order and a
// follower that asks for the changes after the last one it saw misses none.
func recordChange(ctx context.Context, tx *sql.Tx, kind storage.ChangeKind, doc corpus.Document) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO changes (kind, doc_id, scope, at) VALUES (?, ?, ?, ?)`,
		string(kind), doc.ID, doc.Scope, storage.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("record change: %w", err)
	}
	return nil
}

// Changes returns the changes after the one numbered after, oldest first,
// at most limit of them (100 when limit is not positive).
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]storage.Change, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []storage.Change
	err := s.eachRow(ctx, `SELECT seq, kind, doc_id, scope, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`, func(rows *sql.Rows) error {
		c, err := storage.ScanChange(rows)
		if err != nil {
			return err
		}
		out = append(out, c)
		return nil
	}, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read changes: %w", err)
	}
	return out, nil
}

// LastChange returns the number of the newest change, 0 when there is none.
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM changes`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("read last change: %w", err)
	}
	return seq, nil
}
