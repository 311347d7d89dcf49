package rag

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/tmc/langchaingo/embeddings"
)

// HashEmbedder is the built-in embedder: it needs no model and no network.
// It hashes word stems, word pairs and character trigrams of each text into a
// fixed number of dimensions (signed feature hashing), weights them
// sub-linearly by count, and returns L2-normalised vectors.
type HashEmbedder struct {
	dim int
}

var _ embeddings.Embedder = (*HashEmbedder)(nil)

// HashDimension is the built-in embedder's vector size.
const HashDimension = 512

// NewHashEmbedder returns the built-in embedder.
func NewHashEmbedder() *HashEmbedder { return &HashEmbedder{dim: HashDimension} }

// Name identifies the embedder and its version; vectors made by one embedder
// cannot be compared with another's.
func (e *HashEmbedder) Name() string { return fmt.Sprintf("builtin-hash-v1-%d", e.dim) }

// Dimension returns the vector size.
func (e *HashEmbedder) Dimension() int { return e.dim }

// EmbedDocuments returns one normalised vector per text.
func (e *HashEmbedder) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("embed documents: %w", ctx.Err())
		}
		out[i] = e.embed(t)
	}
	return out, nil
}

// EmbedQuery returns the normalised vector of one text.
func (e *HashEmbedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	return e.embed(text), nil
}

func (e *HashEmbedder) embed(text string) []float32 { return e.embedTokens(tokenize(text)) }

// FNV-1a, 64 bits (hash/fnv's), on bytes as they come.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// The hashes of the features' prefixes: a feature's hash is the prefix's
// continued with the rest of the feature.
var (
	fnvWord    = fnvString(fnvOffset, "w:")
	fnvPair    = fnvString(fnvOffset, "b:")
	fnvTrigram = fnvString(fnvOffset, "c:")
)

// hashFeatures is the scratch space of one embedding: the weight of each
// feature by its hash, and the bytes and rune offsets of a word.
type hashFeatures struct {
	counts  map[uint64]float64
	word    []byte
	offsets []int
}

var hashFeaturesPool = sync.Pool{New: func() any { return &hashFeatures{counts: map[uint64]float64{}} }}

// embedTokens returns the normalised vector of a text's tokens (tokenize):
// each word's stem ("w:" feature, weight 1), each pair of consecutive
// content words ("b:", 0.5; a stop word breaks the pair) and, for words of
// more than three letters, the character trigrams of the word between "<"
// and ">" ("c:", 0.6/√(trigrams) each), each feature hashed with FNV-1a
// into a dimension and a sign. The features are hashed as bytes, never
// built as strings; two features with the same 64-bit hash would be one.
func (e *HashEmbedder) embedTokens(tokens []token) []float32 {
	f := hashFeaturesPool.Get().(*hashFeatures)
	defer hashFeaturesPool.Put(f)
	clear(f.counts)
	var prev string
	for _, t := range tokens {
		if t.Stop {
			prev = ""
			continue
		}
		f.counts[fnvString(fnvWord, t.Stem)] += 1
		if prev != "" {
			h := fnvString(fnvPair, prev)
			h = (h ^ ' ') * fnvPrime
			f.counts[fnvString(h, t.Stem)] += 0.5
		}
		prev = t.Stem
		f.word = append(append(append(f.word[:0], '<'), t.Lower...), '>')
		f.offsets = f.offsets[:0]
		for i := range string(f.word) { // the start of each rune
			f.offsets = append(f.offsets, i)
		}
		if n := len(f.offsets); n > 5 {
			f.offsets = append(f.offsets, len(f.word))
			w := 0.6 / math.Sqrt(float64(n-2))
			for i := 0; i+3 <= n; i++ {
				h := fnvTrigram
				for _, b := range f.word[f.offsets[i]:f.offsets[i+3]] {
					h = (h ^ uint64(b)) * fnvPrime
				}
				f.counts[h] += w
			}
		}
	}
	v := make([]float32, e.dim)
	for sum, c := range f.counts {
		idx := int(sum % uint64(e.dim))
		w := 1 + math.Log(c) // sub-linear; c may be below 1 for trigrams
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

// normalize is Normalize, by the name the package uses inside.
func normalize(v []float32) []float32 { return Normalize(v) }

// Normalize scales v to unit length in place and returns it; a zero vector
// stays zero. Embedders return vectors normalised this way.
func Normalize(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return v
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
	return v
}
