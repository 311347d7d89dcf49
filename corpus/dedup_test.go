package corpus

import (
	"hash/fnv"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// shinglesBefore is Shingles as it was written with hash/fnv: the stored
// signatures and bands of every store were made with it.
func shinglesBefore(text string) map[uint64]struct{} {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := map[uint64]struct{}{}
	if len(words) == 0 {
		return out
	}
	n := min(shingleSize, len(words))
	for i := 0; i+n <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+n] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out[h.Sum64()] = struct{}{}
	}
	return out
}

// Shingles hashes as hash/fnv did, so that stored signatures still match.
func TestShinglesUnchanged(t *testing.T) {
	texts := []string{"", "one", "two words", "Ünïcödé ✓ 漢字 naïve café, again and AGAIN", "a b c d e f g h i j"}
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "corpus", "*.md"))
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	if len(texts) < 10 {
		t.Fatalf("only %d texts; want the golden corpus", len(texts))
	}
	for _, text := range texts {
		if got, want := Shingles(text), shinglesBefore(text); !maps.Equal(got, want) {
			t.Errorf("Shingles(%.40q) = %d shingles, differs from hash/fnv's %d", text, len(got), len(want))
		}
	}
}
