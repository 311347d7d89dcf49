package sqlite

import (
	"cabot/corpus/storage"
	"context"
	"fmt"
	"os"
	"strings"
)

// Check inspects the store: SQLite's integrity and foreign-key checks,
// chunks without vectors, documents without chunks, and which embedders
// made the vectors.
func (s *Store) Check(ctx context.Context) (storage.Health, error) {
	h := storage.Health{Embedders: map[string]int{}}
	var lines []string
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return storage.Health{}, fmt.Errorf("check store: %w", err)
	}
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			rows.Close()
			return storage.Health{}, fmt.Errorf("check store: %w", err)
		}
		lines = append(lines, l)
	}
	rows.Close()
	h.Integrity = strings.Join(lines, "; ")
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&h.ForeignKeyProblems); err != nil {
		return storage.Health{}, fmt.Errorf("check store: %w", err)
	}
	if h.Documents, h.Chunks, err = s.Counts(ctx); err != nil {
		return storage.Health{}, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT c.id FROM chunks c LEFT JOIN vectors v ON v.chunk_id = c.id
		WHERE v.chunk_id IS NULL ORDER BY c.doc_id, c.position`)
	if err != nil {
		return storage.Health{}, fmt.Errorf("check store: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return storage.Health{}, fmt.Errorf("check store: %w", err)
		}
		h.ChunksWithoutVector = append(h.ChunksWithoutVector, id)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.doc_id = d.id)`)
	if err != nil {
		return storage.Health{}, fmt.Errorf("check store: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return storage.Health{}, fmt.Errorf("check store: %w", err)
		}
		h.DocumentsWithoutChunks = append(h.DocumentsWithoutChunks, id)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `SELECT embedder, count(*) FROM vectors GROUP BY embedder`)
	if err != nil {
		return storage.Health{}, fmt.Errorf("check store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return storage.Health{}, fmt.Errorf("check store: %w", err)
		}
		h.Embedders[name] = n
	}
	return h, rows.Err()
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
