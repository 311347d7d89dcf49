package rag

import (
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// embedBefore is the built-in embedder as it was written before it hashed
// features as bytes (a map of feature strings, []rune trigrams, hash/fnv):
// embedTokens must give its vectors.
func embedBefore(dim int, text string) []float32 {
	counts := map[string]float64{}
	var prev string
	for _, t := range tokenize(text) {
		if t.Stop {
			prev = ""
			continue
		}
		counts["w:"+t.Stem] += 1
		if prev != "" {
			counts["b:"+prev+" "+t.Stem] += 0.5
		}
		prev = t.Stem
		w := "<" + t.Lower + ">"
		rs := []rune(w)
		if len(rs) > 5 {
			n := float64(len(rs) - 2)
			for i := 0; i+3 <= len(rs); i++ {
				counts["c:"+string(rs[i:i+3])] += 0.6 / math.Sqrt(n)
			}
		}
	}
	v := make([]float32, dim)
	for f, c := range counts {
		h := fnv.New64a()
		h.Write([]byte(f))
		sum := h.Sum64()
		idx := int(sum % uint64(dim))
		w := 1 + math.Log(c)
		if c < 1 {
			w = c
		}
		if sum>>63 == 1 {
			w = -w
		}
		v[idx] += float32(w)
	}
	return normalize(v)
}

// embedTexts returns texts for the embedder tests: the golden corpus's
// articles cut in paragraphs, synthetic articles, and texts with accents,
// scripts of several bytes a letter, numbers and stop words only.
func embedTexts(t *testing.T) []string {
	t.Helper()
	texts := []string{"", "the of and", "Ünïcödé ✓ 漢字 🎉 naïve café", "77,000 patients in 2023; 3.5 percent",
		"Cuba's doctors’ brigade", "Ελληνικά κείμενα και русский текст", "a b c d e f", "x"}
	names, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "corpus", "*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("golden corpus: %v, %v", names, err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(data), "\n\n")...)
	}
	for i := range 20 {
		texts = append(texts, synthArticle(i).Text)
	}
	return texts
}

// The built-in embedder gives the vectors it gave before it hashed bytes,
// up to the order of the float32 sums (map order, then and now).
func TestHashEmbedderUnchanged(t *testing.T) {
	e := NewHashEmbedder()
	if got, want := e.Name(), "builtin-hash-v1-512"; got != want {
		t.Errorf("Name() = %q; want %q (stores are keyed by it)", got, want)
	}
	for _, text := range embedTexts(t) {
		got, want := e.embed(text), embedBefore(e.dim, text)
		for i := range want {
			if math.Abs(float64(got[i]-want[i])) > 1e-6 {
				t.Fatalf("embed(%.40q)[%d] = %v; want %v", text, i, got[i], want[i])
			}
		}
	}
}

// BenchmarkHashEmbed embeds the chunks of synthetic articles with the
// built-in embedder (new) and with the algorithm it replaced (before).
func BenchmarkHashEmbed(b *testing.B) {
	texts := synthChunkTexts(1000)
	e := NewHashEmbedder()
	b.Run("new", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			e.embed(texts[i%len(texts)])
		}
	})
	b.Run("before", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			embedBefore(e.dim, texts[i%len(texts)])
		}
	})
}

// BenchmarkTokenize tokenises the chunks of synthetic articles with a
// stem cache of its own, as ingestion does.
func BenchmarkTokenize(b *testing.B) {
	texts := synthChunkTexts(1000)
	local := newLocalStems()
	for i := 0; b.Loop(); i++ {
		tokenizeWith(texts[i%len(texts)], local)
	}
}

// synthChunkTexts returns the texts of the chunks of a synthetic corpus of
// at least n chunks.
func synthChunkTexts(n int) []string {
	var texts []string
	for _, chunks := range synthCorpusOf(n).Chunks {
		for _, ch := range chunks {
			texts = append(texts, ch.Text)
		}
	}
	return texts
}
