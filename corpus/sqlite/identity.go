package sqlite

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrStoreLost is returned by Open when the store file is empty (or new)
// but the marker file beside it shows that a store with documents lived
// there: the file was emptied, deleted or replaced, and opening it would
// quietly start over with nothing.
var ErrStoreLost = errors.New("the store's documents are gone")

// The store's identity: a random ID kept in the meta table and, once the
// store has held documents, in a marker file beside it (cabot.db.meta), so
// that a store emptied to 0 bytes, or deleted, is noticed rather than
// recreated.
const storeIDKey = "store_id"

// markerPath is the marker file of the store at path.
func markerPath(path string) string { return path + ".meta" }

// readMarker returns the store ID the marker file records, "" when there is
// no marker.
func readMarker(path string) (string, error) {
	f, err := os.Open(markerPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", markerPath(path), err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), storeIDKey+"="); ok && v != "" {
			return v, nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("read %s: %w", markerPath(path), err)
	}
	return "", fmt.Errorf("read %s: no %s line: delete the file if the store beside it is the right one", markerPath(path), storeIDKey)
}

// writeMarker records id in the marker file, atomically.
func writeMarker(path, id string) error {
	text := fmt.Sprintf(`# cabot: the store %s beside this file has held documents.
# If that file is ever empty or missing, cabot refuses to open it: restore it
# from a backup. Delete this file only to start over with an empty store.
%s=%s
`, filepath.Base(path), storeIDKey, id)
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(markerPath(path))+".*")
	if err != nil {
		return fmt.Errorf("write store marker: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return fmt.Errorf("write store marker: %w", err)
	}
	// Readable by whoever may read the store (it holds no secret), so that
	// another user can open the store read-only.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write store marker: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write store marker: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write store marker: %w", err)
	}
	if err := os.Rename(tmp.Name(), markerPath(path)); err != nil {
		return fmt.Errorf("write store marker: %w", err)
	}
	return nil
}

// checkIdentity gives the store an ID if it has none, refuses a store that
// lost its documents (ErrStoreLost), and writes the marker file when the
// store holds documents. A read-only store is checked, not changed.
func (s *Store) checkIdentity(ctx context.Context) error {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, storeIDKey).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read store ID: %w", err)
	}
	marked, err := readMarker(s.path)
	if err != nil && !(s.readOnly && errors.Is(err, fs.ErrPermission)) {
		return err // (a read-only store is not recreated: no need to know)
	}
	var docs int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&docs); err != nil {
		return fmt.Errorf("count documents: %w", err)
	}
	if marked != "" && docs == 0 && id != marked {
		return fmt.Errorf("%w: the file is empty, but %s beside it shows that it held documents (store %s): "+
			"stop cabot and restore %s from a backup (see \"cabot backup\"); to start over with an empty store on purpose, delete %s",
			ErrStoreLost, filepath.Base(markerPath(s.path)), marked, filepath.Base(s.path), markerPath(s.path))
	}
	if s.readOnly {
		return nil
	}
	if id == "" {
		// A store from before IDs were kept takes the marker's ID: it is
		// most likely the same store, restored from an older backup.
		id = marked
		if id == "" {
			b := make([]byte, 16)
			if _, err := rand.Read(b); err != nil {
				return fmt.Errorf("make store ID: %w", err)
			}
			id = hex.EncodeToString(b)
		}
		if _, err := s.db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`, storeIDKey, id); err != nil {
			return fmt.Errorf("store ID: %w", err)
		}
		// Another process may have stored its ID first.
		if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, storeIDKey).Scan(&id); err != nil {
			return fmt.Errorf("read store ID: %w", err)
		}
	}
	s.id = id
	if docs > 0 && marked != id {
		if err := writeMarker(s.path, id); err != nil {
			return err
		}
		s.marked.Store(true)
	}
	if marked == id {
		s.marked.Store(true)
	}
	return nil
}

// markHeld writes the marker file after the first document this handle
// stores, if it was not written yet.
func (s *Store) markHeld() error {
	if s.marked.Load() {
		return nil
	}
	s.markMu.Lock()
	defer s.markMu.Unlock()
	if s.marked.Load() {
		return nil
	}
	if err := writeMarker(s.path, s.id); err != nil {
		return err
	}
	s.marked.Store(true)
	return nil
}
