// Package table is the file format of the word-vector table that package
// wordvec embeds and its generator writes: 4-bit codes with one scale per
// word and one 16-level codebook per dimension.
//
// Layout (integers little-endian; words are ranked 0, 1, ... from the most
// frequent):
//
//	"CABOTWV2"               magic, 8 bytes
//	uint32 dims              even
//	uint32 count             number of words, at most 65,536
//	uint32 n, n bytes        source: free text (provenance)
//	uint32 n                 total length of the words, in bytes
//	uint32 n, n bytes        the words in byte order, front-coded: for each,
//	                         the length of the longest prefix it shares with
//	                         the previous word but not all of it (1 byte),
//	                         then the rest, the high bit set on its last byte
//	count uint16             the rank of each word, in the same byte order
//	dims×16 float32          codebooks: level l of dimension d at d*16+l
//	count uint16             scales by rank, bfloat16 (the top half of a float32)
//	count×dims/2 bytes       codes by rank, word after word; byte k of a word
//	                         holds dimension 2k in its low nibble and
//	                         dimension 2k+1 in its high nibble
//
// Component d of word i is scale[i] × codebook[d*16 + code(i, d)]. Words
// are 1 to 255 bytes of printable ASCII. Front coding takes 3.4 bytes a
// word of GloVe's English, plus 2 for its rank: 1.5 more than DEFLATE of
// the list by rank, but Decode takes about 2 ms where inflating alone took
// over 3, and the byte order proves the words distinct.
package table

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Magic opens every table.
const Magic = "CABOTWV2"

// Levels is the number of quantisation levels per dimension (4 bits).
const Levels = 16

// MaxWords is the most words a table holds (ranks are 16-bit).
const MaxWords = 1 << 16

// Table is a decoded header with views of the quantised data.
type Table struct {
	Source    string
	Dims      int
	Words     []string  // by rank, most frequent first
	Codebooks []float32 // Dims*Levels
	Scales    []uint16  // bfloat16, by rank
	Codes     string    // len(Words)*Dims/2 bytes, by rank
}

// Encode returns the table's bytes.
func (t *Table) Encode() ([]byte, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	n := len(t.Words)
	order := make([]int, n) // ranks in byte order of their words
	total := 0
	for i, w := range t.Words {
		order[i] = i
		total += len(w)
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(t.Words[a], t.Words[b]) })
	var words bytes.Buffer
	prev := ""
	for k, i := range order {
		w := t.Words[i]
		if k > 0 && w == prev {
			return nil, fmt.Errorf("table: word %q twice", w)
		}
		p := 0
		for p < len(w)-1 && p < len(prev) && w[p] == prev[p] {
			p++ // at least one byte of suffix is left, to carry the end mark
		}
		words.WriteByte(byte(p))
		words.WriteString(w[p : len(w)-1])
		words.WriteByte(w[len(w)-1] | 0x80)
		prev = w
	}
	var b bytes.Buffer
	b.WriteString(Magic)
	u32 := func(v int) { binary.Write(&b, binary.LittleEndian, uint32(v)) }
	u32(t.Dims)
	u32(n)
	u32(len(t.Source))
	b.WriteString(t.Source)
	u32(total)
	u32(words.Len())
	b.Write(words.Bytes())
	for _, i := range order {
		binary.Write(&b, binary.LittleEndian, uint16(i))
	}
	binary.Write(&b, binary.LittleEndian, t.Codebooks)
	binary.Write(&b, binary.LittleEndian, t.Scales)
	b.WriteString(t.Codes)
	return b.Bytes(), nil
}

func (t *Table) check() error {
	if t.Dims <= 0 || t.Dims%2 != 0 {
		return fmt.Errorf("table: dims %d is not a positive even number", t.Dims)
	}
	n := len(t.Words)
	switch {
	case n > MaxWords:
		return fmt.Errorf("table: %d words, at most %d", n, MaxWords)
	case len(t.Codebooks) != t.Dims*Levels:
		return fmt.Errorf("table: %d codebook entries, want %d", len(t.Codebooks), t.Dims*Levels)
	case len(t.Scales) != n:
		return fmt.Errorf("table: %d scales for %d words", len(t.Scales), n)
	case len(t.Codes) != n*t.Dims/2:
		return fmt.Errorf("table: %d code bytes, want %d", len(t.Codes), n*t.Dims/2)
	}
	for _, w := range t.Words {
		if err := checkWord(w); err != nil {
			return err
		}
	}
	return nil
}

func checkWord(w string) error {
	if w == "" || len(w) > 255 {
		return fmt.Errorf("table: word of %d bytes", len(w))
	}
	for i := 0; i < len(w); i++ {
		if w[i] <= ' ' || w[i] >= 0x7f {
			return fmt.Errorf("table: word %q is not printable ASCII", w)
		}
	}
	return nil
}

// Decode parses data. Codes is a substring of data; Words are substrings of
// one string holding them all.
func Decode(data string) (*Table, error) {
	r := reader{s: data}
	if r.bytes(len(Magic)) != Magic {
		return nil, errors.New("table: not a word-vector table (bad magic)")
	}
	t := &Table{Dims: r.u32()}
	n := r.u32()
	t.Source = r.bytes(r.u32())
	total := r.u32()
	coded := r.bytes(r.u32())
	order := r.bytes(2 * n)
	if r.err != nil {
		return nil, r.err
	}
	if t.Dims <= 0 || t.Dims%2 != 0 || t.Dims > 1<<12 || n > MaxWords {
		return nil, fmt.Errorf("table: bad header (%d dims, %d words)", t.Dims, n)
	}
	if need := t.Dims*Levels*4 + n*2 + n*t.Dims/2; len(r.s) != need {
		return nil, fmt.Errorf("table: %d bytes after the words, want %d for %d words", len(r.s), need, n)
	}
	t.Codebooks = make([]float32, t.Dims*Levels)
	for i := range t.Codebooks {
		t.Codebooks[i] = math.Float32frombits(uint32(r.u32()))
	}
	t.Scales = make([]uint16, n)
	s := r.bytes(2 * n)
	for i := range t.Scales {
		t.Scales[i] = uint16(s[2*i]) | uint16(s[2*i+1])<<8
	}
	t.Codes = r.s

	words, err := decodeWords(coded, order, n, total)
	if err != nil {
		return nil, err
	}
	t.Words = words
	return t, nil
}

// decodeWords undoes the front coding and puts each word at its rank.
func decodeWords(coded, order string, n, total int) ([]string, error) {
	if total > 64*n {
		return nil, errors.New("table: words: bad total length")
	}
	buf := make([]byte, total)
	ends := make([]int32, n) // end of the k-th word (byte order) in buf
	start, pos := 0, 0       // of the previous word, of the next
	for k := range n {
		if len(coded) == 0 {
			return nil, errors.New("table: words: truncated")
		}
		p := int(coded[0])
		coded = coded[1:]
		if p > pos-start {
			return nil, errors.New("table: words: prefix longer than the previous word")
		}
		end := 0
		for end < len(coded) && coded[end] < 0x80 {
			end++
		}
		if end == len(coded) {
			return nil, errors.New("table: words: unterminated word")
		}
		next := pos + p + end + 1
		if next > total {
			return nil, errors.New("table: words: longer than said")
		}
		copy(buf[pos:], buf[start:start+p])
		copy(buf[pos+p:], coded[:end])
		buf[next-1] = coded[end] & 0x7f
		coded = coded[end+1:]
		// The word shares exactly p bytes with the previous one (the coding
		// is canonical) and is longer than p: it comes after it if the
		// previous one ends there or has a smaller byte next.
		if k > 0 && start+p < pos && buf[start+p] >= buf[pos+p] {
			return nil, errors.New("table: words: not in strictly increasing order")
		}
		start, pos = pos, next
		ends[k] = int32(pos)
	}
	if len(coded) != 0 || pos != total {
		return nil, errors.New("table: words: length differs from the header")
	}
	all := string(buf)
	words := make([]string, n)
	begin := 0
	for k := range n {
		rank := int(order[2*k]) | int(order[2*k+1])<<8
		if rank >= n || words[rank] != "" {
			return nil, errors.New("table: words: bad rank")
		}
		words[rank] = all[begin:ends[k]]
		begin = int(ends[k])
	}
	return words, nil
}

// Dequantize writes word i's vector into dst (len Dims).
func (t *Table) Dequantize(i int, dst []float32) {
	s := BF16ToFloat(t.Scales[i])
	codes := t.Codes[i*t.Dims/2 : (i+1)*t.Dims/2]
	cb := t.Codebooks
	dst = dst[:t.Dims]
	for k := 0; k < len(codes); k++ {
		c, d := codes[k], 2*k
		dst[d] = s * cb[d*Levels+int(c&15)]
		dst[d+1] = s * cb[(d+1)*Levels+int(c>>4)]
	}
}

// FloatToBF16 rounds f to the nearest bfloat16 (ties to even).
func FloatToBF16(f float32) uint16 {
	b := math.Float32bits(f)
	b += 0x7fff + (b>>16)&1
	return uint16(b >> 16)
}

// BF16ToFloat widens a bfloat16.
func BF16ToFloat(h uint16) float32 { return math.Float32frombits(uint32(h) << 16) }

type reader struct {
	s   string
	err error
}

func (r *reader) bytes(n int) string {
	if r.err != nil {
		return ""
	}
	if n < 0 || n > len(r.s) {
		r.err = errors.New("table: truncated")
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

func (r *reader) u32() int {
	s := r.bytes(4)
	if len(s) < 4 {
		return 0
	}
	return int(uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24)
}
