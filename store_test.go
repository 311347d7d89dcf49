package main

import (
	"cabot/config"
	"cabot/corpus/sqlite"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// openStore opens SQLite in the data directory unless store.url names a
// PostgreSQL database.
func TestOpenStorePicksTheDatabase(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	s, err := openStore(ctx, cfg)
	if err != nil {
		t.Fatalf("openStore(no store.url) error: %v", err)
	}
	if _, ok := s.(*sqlite.Store); !ok || s.Where() != filepath.Join(cfg.DataDir, "cabot.db") {
		t.Errorf("openStore(no store.url) = %T at %s; want SQLite at cabot.db in the data directory", s, s.Where())
	}
	s.Close()

	// Nothing listens on port 1: the error shows PostgreSQL was tried, and
	// hides the password.
	cfg.Store.URL = "postgres://cabot:s3cret@127.0.0.1:1/cabot?connect_timeout=5"
	s, err = openStore(ctx, cfg)
	if err == nil {
		s.Close()
		t.Fatalf("openStore(%q) = %T; want an error (no server)", cfg.Store.URL, s)
	}
	if !strings.Contains(err.Error(), "postgres://cabot@127.0.0.1:1/cabot") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("openStore(%q) error = %v; want it to name the database without the password", cfg.Store.URL, err)
	}
}
