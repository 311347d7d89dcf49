package sqlite

import (
	"cabot/corpus/storage"
	"strings"
)

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

// read is the store's database as a storage.Querier.
func (s *Store) read() storage.Querier { return storage.SQL(s.db) }
