package sqlite

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"fmt"
	"time"
)

// recordChange appends a change to the feed inside tx. Writers are
// serialised (BEGIN IMMEDIATE), so sequence numbers commit in order and a
// follower that asks for the changes after the last one it saw misses none.
func recordChange(ctx context.Context, tx storage.DB, kind storage.ChangeKind, doc corpus.Document) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO changes (kind, doc_id, scope, at) VALUES (?, ?, ?, ?)`,
		string(kind), doc.ID, doc.Scope, storage.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("record change: %w", err)
	}
	return nil
}
