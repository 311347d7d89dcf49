package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// readTestdata returns the contents of a file in testdata.
func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	return string(b)
}

// bundledArticle returns the only bundled article.
func bundledArticle(t testing.TB) Document {
	t.Helper()
	docs, err := Bundled()
	if err != nil {
		t.Fatalf("Bundled() error: %v", err)
	}
	if len(docs) != 1 {
		t.Fatalf("Bundled() returned %d documents; want 1", len(docs))
	}
	return docs[0]
}
