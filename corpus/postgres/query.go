package postgres

import (
	"cabot/corpus/storage"
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// querier is what the shared reads (storage.Reads, storage.FindDuplicate)
// go through: the pool, or the transaction of an Add.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// anyScope tests a document's scope against the visible scopes as
// "scope = ANY(?)", with the scopes as one array.
func anyScope(scopes []string) (string, []any) {
	return "scope = ANY(?)", []any{scopes}
}

// reader adapts the pool, or a transaction, to storage.Querier: it numbers
// the shared SQL's "?" parameters $1, $2, ….
type reader struct{ q querier }

func (r reader) QueryRow(ctx context.Context, query string, args ...any) storage.Row {
	return r.q.QueryRow(ctx, rebind(query), args...)
}

func (r reader) Query(ctx context.Context, query string, args ...any) (storage.Result, error) {
	rows, err := r.q.Query(ctx, rebind(query), args...)
	if err != nil {
		return nil, err
	}
	return result{rows}, nil
}

func (reader) NoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }

// result gives pgx.Rows the Close of storage.Result.
type result struct{ pgx.Rows }

func (r result) Close() error {
	r.Rows.Close()
	return nil
}

// rebind numbers the "?" of query $1, $2, … (the shared SQL has no "?"
// of its own in strings or names).
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// read is the store's pool as a storage.Querier.
func (s *Store) read() storage.Querier { return reader{s.pool} }

func (r reader) Exec(ctx context.Context, query string, args ...any) error {
	_, err := r.q.Exec(ctx, rebind(query), args...)
	return err
}
