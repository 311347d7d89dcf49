package postgres

import (
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/lib/pq"
)

// anyScope tests a document's scope against the visible scopes as
// "scope = ANY(?)", with the scopes as one array.
func anyScope(scopes []string) (string, []any) {
	return "scope = ANY(?)", []any{pq.Array(scopes)}
}

// numbered is a database handle, or a transaction, that numbers the "?"
// parameters of the shared SQL $1, $2, … for PostgreSQL.
type numbered struct{ db storage.DB }

func (n numbered) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return n.db.ExecContext(ctx, rebind(query), args...)
}

func (n numbered) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return n.db.QueryContext(ctx, rebind(query), args...)
}

func (n numbered) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return n.db.QueryRowContext(ctx, rebind(query), args...)
}

// reader is db, or a transaction, as the storage.Querier of the shared
// reads (storage.Reads, storage.FindDuplicate).
func reader(db storage.DB) storage.Querier { return storage.SQL(numbered{db}) }

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

// read is the store's database as a storage.Querier.
func (s *Store) read() storage.Querier { return reader(s.db) }
