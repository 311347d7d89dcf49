package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Writable reports why the store at path cannot be written, nil when it
// can (or does not exist yet and its directory can be made): "the data
// directory DIR is read-only", or "the store file FILE is read-only" (the
// -wal and -shm files beside it count too). It tries, rather than reading
// permission bits, so that it agrees with the kernel (root, read-only
// mounts, ACLs); the only trace it leaves is a file created and removed.
// Open such a store with OpenReadOnly.
func Writable(path string) error { return writable(path, probe) }

// probe tries to write to name: to create a file in it when dir is set,
// else to open it for writing (changing nothing).
func probe(name string, dir bool) error {
	if dir {
		f, err := os.CreateTemp(name, ".cabot-write-test-*")
		if err != nil {
			return err
		}
		f.Close()
		return os.Remove(f.Name())
	}
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	return f.Close()
}

// writable is Writable with the probe given.
func writable(path string, try func(name string, dir bool) error) error {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // Open creates it, or says why it cannot
	}
	if err != nil {
		return fmt.Errorf("the data directory %s cannot be read: %w", dir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("the data directory %s is not a directory", dir)
	}
	if try(dir, true) != nil {
		return fmt.Errorf("the data directory %s is read-only", dir)
	}
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(name); err != nil {
			continue // SQLite creates it
		}
		if try(name, false) != nil {
			return fmt.Errorf("the store file %s is read-only", name)
		}
	}
	return nil
}
