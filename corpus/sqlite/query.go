package sqlite

import (
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"errors"
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
