package sqlite

import (
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
)

// readSchema reads the schema of the database q reads from, as SQLite
// reports it: the tables with their columns ("TYPE NOT NULL DEFAULT x
// PRIMARY KEY n") and the indexes ("UNIQUE ON table(a, b)"); SQLite names
// no constraints.
func readSchema(ctx context.Context, q storage.DB) (storage.Schema, error) {
	sc := storage.NewSchema()
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name FROM sqlite_schema
		WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return sc, fmt.Errorf("read schema: %w", err)
	}
	type object struct{ kind, name, table string }
	var objects []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.kind, &o.name, &o.table); err != nil {
			rows.Close()
			return sc, fmt.Errorf("read schema: %w", err)
		}
		objects = append(objects, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sc, fmt.Errorf("read schema: %w", err)
	}
	for _, o := range objects {
		switch o.kind {
		case "table":
			cols, err := tableColumns(ctx, q, o.name)
			if err != nil {
				return sc, err
			}
			sc.Tables[o.name] = cols
		case "index":
			desc, err := indexDescription(ctx, q, o.name, o.table)
			if err != nil {
				return sc, err
			}
			sc.Indexes[o.name], sc.TableOf[o.name] = desc, o.table
		}
	}
	return sc, nil
}

func tableColumns(ctx context.Context, q storage.DB, table string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, type, "notnull", coalesce(dflt_value, ''), pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, fmt.Errorf("read columns of %s: %w", table, err)
	}
	defer rows.Close()
	cols := map[string]string{}
	for rows.Next() {
		var name, typ, dflt string
		var notNull bool
		var pk int
		if err := rows.Scan(&name, &typ, &notNull, &dflt, &pk); err != nil {
			return nil, fmt.Errorf("read columns of %s: %w", table, err)
		}
		extra := ""
		if pk > 0 {
			extra = fmt.Sprintf(" PRIMARY KEY %d", pk)
		}
		cols[name] = storage.ColumnDescription(typ, notNull, dflt, extra)
	}
	return cols, rows.Err()
}

func indexDescription(ctx context.Context, q storage.DB, index, table string) (string, error) {
	var unique bool
	if err := q.QueryRowContext(ctx, `SELECT "unique" FROM pragma_index_list(?) WHERE name = ?`, table, index).Scan(&unique); err != nil {
		return "", fmt.Errorf("read index %s: %w", index, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT coalesce(name, '') FROM pragma_index_info(?) ORDER BY seqno`, index)
	if err != nil {
		return "", fmt.Errorf("read index %s: %w", index, err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return "", fmt.Errorf("read index %s: %w", index, err)
		}
		cols = append(cols, c)
	}
	d := "ON " + table + "(" + strings.Join(cols, ", ") + ")"
	if unique {
		d = "UNIQUE " + d
	}
	return d, rows.Err()
}

// expectedSchema is the schema the migrations create, read once from an
// in-memory database they are applied to.
var expectedSchema = sync.OnceValues(func() (storage.Schema, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return storage.Schema{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	ctx := context.Background()
	for v, m := range migrations {
		if _, err := db.ExecContext(ctx, m); err != nil {
			return storage.Schema{}, fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	return readSchema(ctx, db)
})

// schemaProblems compares the store's schema with what the migrations
// create and describes what is missing or different, sorted.
func (s *Store) schemaProblems(ctx context.Context) ([]string, error) {
	want, err := expectedSchema()
	if err != nil {
		return nil, fmt.Errorf("expected schema: %w", err)
	}
	have, err := readSchema(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return storage.SchemaProblems(want, have), nil
}
