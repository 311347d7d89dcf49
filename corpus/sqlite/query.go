package sqlite

import (
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"errors"
	"strings"
)

// querier is what the shared reads (storage.Reads, storage.FindDuplicate)
// go through: the database, or the transaction of an Add.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scopeIn tests a document's scope against the visible scopes as
// "scope IN (?, ?)".
func scopeIn(scopes []string) (string, []any) {
	args := make([]any, len(scopes))
	for i, sc := range scopes {
		args[i] = sc
	}
	return scopeInList + "(" + strings.TrimSuffix(strings.Repeat("?,", len(scopes)), ",") + ")", args
}

// The duplicate look-ups as sqlite runs them, followed by the list of
// visible scopes ("(?, ?)") and " LIMIT 1". Each has an index of its own
// (migration 5), which a test checks that SQLite uses.
const (
	scopeInList     = `scope IN `
	duplicateByURL  = storage.DuplicateByURL + scopeInList
	duplicateByHash = storage.DuplicateByHash + scopeInList
)

// reader adapts the database, or a transaction, to storage.Querier.
type reader struct{ q querier }

func (r reader) QueryRow(ctx context.Context, query string, args ...any) storage.Row {
	return r.q.QueryRowContext(ctx, query, args...)
}

func (r reader) Query(ctx context.Context, query string, args ...any) (storage.Result, error) {
	rows, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func (reader) NoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// read is the store's database as a storage.Querier.
func (s *Store) read() storage.Querier { return reader{s.db} }

func (r reader) Exec(ctx context.Context, query string, args ...any) error {
	_, err := r.q.ExecContext(ctx, query, args...)
	return err
}
