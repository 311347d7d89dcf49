package wordvec

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"cabot/rag/wordvec/internal/table"
)

//go:embed vectors.bin
var raw string

// Dims is the length of every word vector and of every sentence vector.
const Dims = 100

// Vec is a word vector. The slice returned by Lookup is shared by every
// caller: read it, never modify it (copy it first).
type Vec []float32

// model is the decoded table. Its word list, hash index and weights are
// built at once; the float32 vectors are dequantised a chunk of words at a
// time, on first use, so that the first look-up costs a few milliseconds
// rather than the 15 or so that writing all 22 MB takes.
type model struct {
	t       *table.Table
	words   []string  // rank order, most frequent first
	slots   []int32   // open addressing by FNV-1a hash: index into words, or -1
	mask    uint32    // len(slots)-1
	weights []float32 // SIF weight of each word, see sifWeight
	maxLen  int       // longest word, in bytes
	chunks  []chunk
}

// chunkWords is the number of words dequantised together (400 KB).
const chunkWords = 1024

type chunk struct {
	once  sync.Once
	vecs  []float32 // the chunk's vectors, word after word
	norms []float32 // their L2 norms
}

// load decodes the embedded table once. The table is part of the binary, so
// a table that does not decode is a build error and panics.
var load = sync.OnceValue(func() *model {
	m, err := decode(raw)
	if err != nil {
		panic("wordvec: embedded vectors.bin: " + err.Error())
	}
	return m
})

func decode(data string) (*model, error) {
	t, err := table.Decode(data)
	if err != nil {
		return nil, err
	}
	if t.Dims != Dims {
		return nil, fmt.Errorf("%d dimensions, want %d", t.Dims, Dims)
	}
	n := len(t.Words)
	m := &model{
		t:       t,
		words:   t.Words,
		weights: make([]float32, n),
		chunks:  make([]chunk, (n+chunkWords-1)/chunkWords),
	}
	size := 1
	for size < 2*n {
		size *= 2
	}
	m.slots = make([]int32, size)
	for i := range m.slots {
		m.slots[i] = -1
	}
	m.mask = uint32(size - 1)
	h := harmonic(n)
	for i, w := range t.Words {
		if err := m.insert(int32(i)); err != nil {
			return nil, err
		}
		m.maxLen = max(m.maxLen, len(w))
		m.weights[i] = float32(sifWeight(i+1, h))
	}
	return m, nil
}

// insert adds word i, which must be of the letters a-z, to the index.
func (m *model) insert(i int32) error {
	w := m.words[i]
	h := uint32(2166136261) // FNV-1a: a fixed hash, so the index is the same in every run
	for k := 0; k < len(w); k++ {
		if w[k] < 'a' || w[k] > 'z' {
			return fmt.Errorf("word %d (%q) is not lower-case a-z", i, w)
		}
		h = (h ^ uint32(w[k])) * 16777619
	}
	for h &= m.mask; m.slots[h] >= 0; h = (h + 1) & m.mask {
		if m.words[m.slots[h]] == w {
			return fmt.Errorf("word %q twice", w)
		}
	}
	m.slots[h] = i
	return nil
}

// find looks up word, whose hash is h, by linear probing.
func find[T string | []byte](m *model, word T, h uint32) (int32, bool) {
	for h &= m.mask; ; h = (h + 1) & m.mask {
		i := m.slots[h]
		if i < 0 {
			return 0, false
		}
		if m.words[i] == string(word) { // no allocation for a []byte

			return i, true
		}
	}
}

// chunk returns the chunk of word i, dequantised.
func (m *model) chunk(i int32) *chunk {
	k := int(i) / chunkWords
	c := &m.chunks[k]
	c.once.Do(func() {
		lo, hi := k*chunkWords, min((k+1)*chunkWords, len(m.words))
		c.vecs = make([]float32, (hi-lo)*Dims)
		c.norms = make([]float32, hi-lo)
		for j := lo; j < hi; j++ {
			v := c.vecs[(j-lo)*Dims : (j-lo+1)*Dims]
			m.t.Dequantize(j, v)
			var s float32
			for _, x := range v {
				s += x * x
			}
			c.norms[j-lo] = float32(math.Sqrt(float64(s)))
		}
	})
	return c
}

func (m *model) vec(i int32) Vec {
	j := int(i) % chunkWords * Dims
	return Vec(m.chunk(i).vecs[j : j+Dims : j+Dims])
}

func (m *model) norm(i int32) float32 { return m.chunk(i).norms[int(i)%chunkWords] }

// Len is the number of words in the table.
func Len() int { return len(load().words) }

// Lookup returns the vector of word. The table holds lower-case English
// words of the letters a-z; Lookup also accepts them with upper-case ASCII
// letters ("Doctor", "CUBA"). Anything else (digits, accents, hyphens,
// spaces) is not in the table. Lookup does not allocate.
func Lookup(word string) (Vec, bool) {
	m := load()
	i, ok := m.lookup(word)
	if !ok {
		return nil, false
	}
	return m.vec(i), true
}

// lookup finds word, folding ASCII upper case into a stack buffer.
func (m *model) lookup(word string) (int32, bool) {
	if len(word) > m.maxLen || word == "" {
		return 0, false
	}
	var buf [64]byte
	b := buf[:0]
	if len(word) > len(buf) {
		return 0, false
	}
	h := uint32(2166136261) // FNV-1a, as the bytes come
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			return 0, false
		}
		b = append(b, c)
		h = (h ^ uint32(c)) * 16777619
	}
	return find(m, b, h)
}

// Similarity is the cosine similarity of two words' vectors, in [-1, 1], or
// 0 when either word is not in the table.
func Similarity(a, b string) float64 {
	m := load()
	i, ok := m.lookup(a)
	j, ok2 := m.lookup(b)
	if !ok || !ok2 {
		return 0
	}
	return m.cosine(i, j)
}

// Word is a word of the table, looked up once to be compared many times.
type Word struct{ i int32 }

// Find returns the table's word for word (as Lookup reads it), and whether
// the table has it.
func Find(word string) (Word, bool) {
	i, ok := load().lookup(word)
	return Word{i}, ok
}

// Rank is the word's place in GloVe's order of frequency, from 0 for the
// most frequent ("the"); the domain words after the 45,000 most frequent
// come last.
func (w Word) Rank() int { return int(w.i) }

// Similarity is the cosine similarity of two words of the table, as the
// package's Similarity gives it.
func (w Word) Similarity(o Word) float64 { return load().cosine(w.i, o.i) }

func (m *model) cosine(i, j int32) float64 {
	d := dot(m.vec(i), m.vec(j))
	n := float64(m.norm(i)) * float64(m.norm(j))
	if n == 0 {
		return 0
	}
	return float64(d) / n
}

func dot(a, b []float32) float32 {
	a, b = a[:Dims], b[:Dims]
	var s0, s1, s2, s3 float32
	for i := 0; i < Dims; i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	return (s0 + s1) + (s2 + s3)
}

// Nearest returns the n words most similar to word (cosine, most similar
// first, word itself left out), or nil when word is not in the table. It
// compares with every word of the table (a few milliseconds): it is meant
// for diagnostics and tests, not for a request path.
func Nearest(word string, n int) []string {
	m := load()
	q, ok := m.lookup(word)
	if !ok || n <= 0 {
		return nil
	}
	top := make([]hit, 0, n+1) // most similar first; ties: more frequent first
	for j := range m.words {
		if int32(j) == q {
			continue
		}
		c := m.cosine(q, int32(j))
		if len(top) == n && c <= top[n-1].sim {
			continue // not better than the worst kept (ties keep the more frequent)
		}
		k := sort.Search(len(top), func(k int) bool { return top[k].sim < c })
		top = slices.Insert(top, k, hit{int32(j), c})
		if len(top) > n {
			top = top[:n]
		}
	}
	out := make([]string, len(top))
	for k, h := range top {
		out[k] = m.words[h.word]
	}
	return out
}

type hit struct {
	word int32
	sim  float64
}

// token looks up a token of the sentence embedder, lower-cased. An ASCII
// token is folded by lookup; any other is lower-cased by Unicode's rules
// first, which only matters for the rare non-ASCII letter whose lower case
// is ASCII (the Kelvin sign K is k): the table is all a-z.
func (m *model) token(tok string, ascii bool) (int32, bool) {
	if ascii {
		return m.lookup(tok)
	}
	return m.lookup(strings.ToLower(tok))
}
