package postgres

import (
	"cabot/corpus/sqlite"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// backupTables are the tables Backup copies, with their columns, in an
// order that satisfies the foreign keys. The columns are those of both
// schemas (corpus/sqlite's and this package's).
var backupTables = []struct{ name, columns string }{
	{"documents", `id, title, author, outlet, url, language, published, text, content_hash, scope, source, added_by, added_at, canonical_url, signature`},
	{"document_bands", `doc_id, band, key, scope`},
	{"chunks", `id, doc_id, position, start, "end", text`},
	{"vectors", `chunk_id, embedder, dimension, vector, terms`},
	{"audit", `id, at, action, doc_id, title, scope, actor, detail`},
	{"removed", `doc_id, at`},
	{"changes", `seq, kind, doc_id, scope, at`},
	{"answers", `id, question, answer, grounded, mode, sources, scope, created_at`},
	{"feedback", `answer_id, user_hash, helpful, created_at, reason`},
}

// Backup writes a consistent copy of the store to path (which must not
// exist), while other processes keep reading and writing: an SQLite store
// file (corpus/sqlite) holding every document with its chunks and vectors,
// the audit log, the tombstones, the change feed, the answers and their
// feedback (with the key of its hashes), all read in one REPEATABLE READ
// transaction. A SQLite store can be restored from it as from a backup of
// its own (put it in place of cabot.db); it does not load into PostgreSQL
// by itself.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup: %s exists already; choose a new file name", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	// Written under a temporary name, then linked to path (which fails
	// rather than replace a file that appeared meanwhile).
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	if err := s.backupTo(ctx, tmp.Name()); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// backupTo copies the store into the empty SQLite file at path.
func (s *Store) backupTo(ctx context.Context, path string) error {
	// corpus/sqlite creates its schema (and its identity) in the file.
	created, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	if err := created.Close(); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(0)&_pragma=synchronous(FULL)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	out, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer out.Rollback()
	err = s.inTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}, func(in *sql.Tx) error {
		for _, t := range backupTables {
			if err := copyTable(ctx, in, out, t.name, t.columns); err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
		}
		return copyTable(ctx, in, out, "meta", "key, value")
	})
	if err != nil {
		return err
	}
	if err := out.Commit(); err != nil {
		return err
	}
	return db.Close()
}

// copyTable copies the columns of table from in to out. Rows of meta replace
// those sqlite.Open made (the feedback key is the store's).
func copyTable(ctx context.Context, in, out *sql.Tx, table, columns string) error {
	rows, err := in.QueryContext(ctx, `SELECT `+columns+` FROM `+table)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := len(strings.Split(columns, ","))
	insert := `INSERT INTO ` + table + ` (` + columns + `) VALUES (?` + strings.Repeat(", ?", n-1) + `)`
	if table == "meta" {
		insert = `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`
	}
	stmt, err := out.PrepareContext(ctx, insert)
	if err != nil {
		return err
	}
	defer stmt.Close()
	values := make([]any, n)
	dest := make([]any, n)
	for i := range values {
		dest[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, values...); err != nil {
			return err
		}
	}
	return rows.Err()
}
