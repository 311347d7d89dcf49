package wordvec

import (
	"context"
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/tmc/langchaingo/embeddings"
)

// sifA is the a of the smooth inverse frequency weight a/(a+p(w)). With
// p(w) from Zipf's law over the table's ranks, "the" weighs 0.003,
// "of" 0.007, "day" (rank 104) 0.26, "health" (332) 0.53, "medical" (691)
// 0.70, "doctor" (1,950) 0.87 and a word of rank 10,000 0.97: function
// words barely count. 3e-4 is within the 1e-4 to 1e-3 that Arora et al.
// found best; on a handful of sentence triples about the corpus's topics,
// the mean gap between the cosine of related and of unrelated sentences
// was 0.40 at 1e-4, 0.39 at 3e-4, 0.37 at 1e-3 and 0.24 with weights of
// nearly 1 (a plain average).
const sifA = 3e-4

// harmonic is H(n) ≈ ln n + γ + 1/2n, the normaliser of Zipf's law over n
// ranks: p(rank r) = 1/(r·H(n)).
func harmonic(n int) float64 {
	return math.Log(float64(n)) + 0.5772156649 + 1/(2*float64(n))
}

// sifWeight is a/(a+p) for the word of the given rank (1 is the most
// frequent), p estimated by Zipf's law.
func sifWeight(rank int, h float64) float64 {
	p := 1 / (float64(rank) * h)
	return sifA / (sifA + p)
}

// Embedder is the sentence embedder of the word-vector table: a text's
// vector is the L2-normalised average of its words' vectors, each weighted
// by its smooth inverse frequency (SIF, Arora, Liang and Ma 2017, without
// the removal of the common component). It implements langchaingo's
// embeddings.Embedder, needs no model file and no network, and is safe for
// concurrent use. The zero value is ready to use.
//
// A text is split into runs of Unicode letters and digits, lower-cased;
// words not in the table (numbers, names it lacks, other languages) are
// skipped. A text with no word in the table gets Unknown(), a fixed unit
// vector, so every vector it returns has length 1.
type Embedder struct{}

var _ embeddings.Embedder = (*Embedder)(nil)

// NewEmbedder returns the sentence embedder.
func NewEmbedder() *Embedder { return &Embedder{} }

// Name identifies the embedder, its table and its weighting; vectors made
// under one name cannot be compared with another's.
func (*Embedder) Name() string { return "builtin-glove-100-v1" }

// Dimension returns the vector size, Dims.
func (*Embedder) Dimension() int { return Dims }

// EmbedDocuments returns one normalised vector per text.
func (*Embedder) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	m := load()
	out := make([][]float32, len(texts))
	backing := make([]float32, len(texts)*Dims)
	for i, t := range texts {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("embed documents: %w", ctx.Err())
		}
		v := backing[i*Dims : (i+1)*Dims : (i+1)*Dims]
		m.embed(t, v)
		out[i] = v
	}
	return out, nil
}

// EmbedQuery returns the normalised vector of one text.
func (*Embedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	v := make([]float32, Dims)
	load().embed(text, v)
	return v, nil
}

// Unknown returns (a copy of) the vector of a text without any known word:
// the unit vector whose components are all ±1/√Dims, alternating in sign.
// GloVe's vectors have no such pattern, so it is nearly orthogonal to real
// texts (cosine -0.06 with the weighted average of all words, 0.09 root
// mean square with single words) and no text is singled out as its match;
// two texts without known words are identical (cosine 1).
func Unknown() []float32 {
	v := make([]float32, Dims)
	setUnknown(v)
	return v
}

func setUnknown(v []float32) {
	c := float32(1 / math.Sqrt(Dims))
	for i := range v {
		v[i] = c
		if i%2 == 1 {
			v[i] = -c
		}
	}
}

// embed writes text's vector into v (len Dims).
func (m *model) embed(text string, v []float32) {
	v = v[:Dims]
	clear(v)
	known := false
	eachToken(text, func(tok string, ascii bool) {
		known = m.add(tok, ascii, v) || known
	})
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if !known || s == 0 {
		setUnknown(v)
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// eachToken calls f with each maximal run of Unicode letters and digits of
// text, and whether the run is all ASCII.
func eachToken(text string, f func(tok string, ascii bool)) {
	start, ascii := -1, true
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start, ascii = i, true
			}
			if r >= utf8.RuneSelf {
				ascii = false
			}
			continue
		}
		if start >= 0 {
			f(text[start:i], ascii)
			start = -1
		}
	}
	if start >= 0 {
		f(text[start:], ascii)
	}
}

// add adds the weighted vector of tok, if known, to v.
func (m *model) add(tok string, ascii bool, v []float32) bool {
	i, ok := m.token(tok, ascii)
	if !ok {
		return false
	}
	w, x := m.weights[i], m.vec(i)
	v, x = v[:Dims], x[:Dims]
	for d := 0; d < Dims; d += 4 {
		v[d] += w * x[d]
		v[d+1] += w * x[d+1]
		v[d+2] += w * x[d+2]
		v[d+3] += w * x[d+3]
	}
	return true
}
