package rag

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"

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

func (e *HashEmbedder) embed(text string) []float32 {
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
	v := make([]float32, e.dim)
	for f, c := range counts {
		h := fnv.New64a()
		h.Write([]byte(f))
		sum := h.Sum64()
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
