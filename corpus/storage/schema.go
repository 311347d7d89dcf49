package storage

import (
	"fmt"
	"sort"
)

// Schema describes the tables (with their columns), indexes and
// constraints of a database, each as the store's database reports it:
// what matters is that the store describes the schema it has and the one
// its migrations create alike.
type Schema struct {
	Tables      map[string]map[string]string // table -> column -> its description
	Indexes     map[string]string            // index -> its description
	Constraints map[string]string            // constraint -> its description
	TableOf     map[string]string            // index or constraint -> its table
}

// NewSchema returns an empty Schema to fill.
func NewSchema() Schema {
	return Schema{Tables: map[string]map[string]string{}, Indexes: map[string]string{},
		Constraints: map[string]string{}, TableOf: map[string]string{}}
}

// SchemaProblems compares the schema a store has with the one it wants and
// describes, sorted, what is missing or different ("table audit is
// missing"). What the store has and does not want is no problem.
func SchemaProblems(want, have Schema) []string {
	var out []string
	for table, cols := range want.Tables {
		got, ok := have.Tables[table]
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
	for _, kind := range []struct {
		what       string
		want, have map[string]string
	}{{"index", want.Indexes, have.Indexes}, {"constraint", want.Constraints, have.Constraints}} {
		for name, d := range kind.want {
			if _, ok := have.Tables[want.TableOf[name]]; !ok {
				continue // its table is missing: said already
			}
			switch g, ok := kind.have[name]; {
			case !ok:
				out = append(out, fmt.Sprintf("%s %s is missing", kind.what, name))
			case g != d:
				out = append(out, fmt.Sprintf("%s %s is %s; want %s", kind.what, name, g, d))
			}
		}
	}
	sort.Strings(out)
	return out
}

// ColumnDescription describes a column for a Schema: its type, then " NOT
// NULL", " DEFAULT dflt" (when dflt is not empty) and extra, as they apply.
func ColumnDescription(typ string, notNull bool, dflt, extra string) string {
	d := typ
	if notNull {
		d += " NOT NULL"
	}
	if dflt != "" {
		d += " DEFAULT " + dflt
	}
	return d + extra
}
