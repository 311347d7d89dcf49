package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// schema describes the tables (with their columns) and indexes of a
// database, as SQLite reports them.
type schema struct {
	tables  map[string]map[string]string // table -> column -> "TYPE NOT NULL DEFAULT x PK n"
	indexes map[string]string            // index -> "UNIQUE ON table(a, b)"
	tableOf map[string]string            // index -> its table
}

// readSchema reads the schema of the database q reads from.
func readSchema(ctx context.Context, q querier) (schema, error) {
	sc := schema{tables: map[string]map[string]string{}, indexes: map[string]string{}, tableOf: map[string]string{}}
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
			sc.tables[o.name] = cols
		case "index":
			desc, err := indexDescription(ctx, q, o.name, o.table)
			if err != nil {
				return sc, err
			}
			sc.indexes[o.name], sc.tableOf[o.name] = desc, o.table
		}
	}
	return sc, nil
}

func tableColumns(ctx context.Context, q querier, table string) (map[string]string, error) {
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
		d := typ
		if notNull {
			d += " NOT NULL"
		}
		if dflt != "" {
			d += " DEFAULT " + dflt
		}
		if pk > 0 {
			d += fmt.Sprintf(" PRIMARY KEY %d", pk)
		}
		cols[name] = d
	}
	return cols, rows.Err()
}

func indexDescription(ctx context.Context, q querier, index, table string) (string, error) {
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
var expectedSchema = sync.OnceValues(func() (schema, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return schema{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	ctx := context.Background()
	for v, m := range migrations {
		if _, err := db.ExecContext(ctx, m); err != nil {
			return schema{}, fmt.Errorf("migration %d: %w", v+1, err)
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
	var out []string
	for table, cols := range want.tables {
		got, ok := have.tables[table]
		if !ok {
			out = append(out, fmt.Sprintf("table %s is missing", table))
			continue
		}
		for col, d := range cols {
			switch g, ok := got[col]; {
			case !ok:
				out = append(out, fmt.Sprintf("column %s.%s is missing", table, col))
			case g != d:
				out = append(out, fmt.Sprintf("column %s.%s is %s; want %s", table, col, g, d))
			}
		}
	}
	for index, d := range want.indexes {
		if _, ok := have.tables[want.tableOf[index]]; !ok {
			continue // its table is missing: said already
		}
		switch g, ok := have.indexes[index]; {
		case !ok:
			out = append(out, fmt.Sprintf("index %s is missing", index))
		case g != d:
			out = append(out, fmt.Sprintf("index %s is %s; want %s", index, g, d))
		}
	}
	sort.Strings(out)
	return out, nil
}
