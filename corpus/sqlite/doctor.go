package sqlite

import (
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
)

// Check inspects the store: SQLite's integrity and foreign-key checks, the
// schema against what the migrations create (tables, columns, indexes),
// chunks without vectors, documents without chunks, and which embedders
// made the vectors.
func (s *Store) Check(ctx context.Context) (storage.Health, error) {
	failed := func(err error) (storage.Health, error) {
		return storage.Health{}, fmt.Errorf("check store: %w", err)
	}
	h := storage.Health{Embedders: map[string]int{}}
	lines, err := s.column(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return failed(err)
	}
	h.Integrity = strings.Join(lines, "; ")
	if h.SchemaProblems, err = s.schemaProblems(ctx); err != nil {
		return failed(err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&h.ForeignKeyProblems); err != nil {
		return failed(err)
	}
	if err := storage.CheckContents(ctx, s.read(), &h); err != nil {
		return storage.Health{}, err
	}
	return h, nil
}

// column returns the first and only column of the rows query returns, as
// strings.
func (s *Store) column(ctx context.Context, query string) ([]string, error) {
	var out []string
	err := s.eachRow(ctx, query, func(rows *sql.Rows) error {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// eachRow runs query with args and calls scan on every row it returns.
func (s *Store) eachRow(ctx context.Context, query string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Backup writes a consistent copy of the store to path (which must not
// exist), while other connections keep reading and writing. Restore by
// stopping cabot and putting the copy in place of cabot.db (removing any
// cabot.db-wal and cabot.db-shm next to it).
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s exists already; choose a new file name", path)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}
