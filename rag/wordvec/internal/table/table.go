// Package table is the file format of the word-vector table that package
// wordvec embeds and its generator writes: 4-bit codes with one scale per
// word and one 16-level codebook per dimension.
//
// Layout (integers little-endian):
//
//	"CABOTWV1"                     magic, 8 bytes
//	uint32 dims                    even
//	uint32 count                   number of words
//	uint32 n, n bytes              source, free text (provenance)
//	uint32 n, n bytes              the words in rank order, each followed by
//	                               '\n', compressed with DEFLATE (RFC 1951)
//	dims×16 float32                codebooks: level l of dimension d at d*16+l
//	count uint16                   scales, bfloat16 (the top half of a float32)
//	count×dims/2 bytes             codes, word after word; byte k of a word
//	                               holds dimension 2k in its low nibble and
//	                               dimension 2k+1 in its high nibble
//
// Component d of word i is scale[i] × codebook[d*16 + code(i, d)].
package table

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// Magic opens every table.
const Magic = "CABOTWV1"

// Levels is the number of quantisation levels per dimension (4 bits).
const Levels = 16

// Table is a decoded header with views of the quantised data.
type Table struct {
	Source    string
	Dims      int
	Words     []string  // rank order, most frequent first
	Codebooks []float32 // Dims*Levels
	Scales    []uint16  // bfloat16, one per word
	Codes     string    // len(Words)*Dims/2 bytes
}

// Encode returns the table's bytes.
func (t *Table) Encode() ([]byte, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	var words bytes.Buffer
	fw, err := flate.NewWriter(&words, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	for _, w := range t.Words {
		io.WriteString(fw, w)
		fw.Write([]byte{'\n'})
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(Magic)
	u32 := func(v int) { binary.Write(&b, binary.LittleEndian, uint32(v)) }
	u32(t.Dims)
	u32(len(t.Words))
	u32(len(t.Source))
	b.WriteString(t.Source)
	u32(words.Len())
	b.Write(words.Bytes())
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
	case len(t.Codebooks) != t.Dims*Levels:
		return fmt.Errorf("table: %d codebook entries, want %d", len(t.Codebooks), t.Dims*Levels)
	case len(t.Scales) != n:
		return fmt.Errorf("table: %d scales for %d words", len(t.Scales), n)
	case len(t.Codes) != n*t.Dims/2:
		return fmt.Errorf("table: %d code bytes, want %d", len(t.Codes), n*t.Dims/2)
	}
	for _, w := range t.Words {
		if w == "" || strings.ContainsAny(w, "\n") {
			return fmt.Errorf("table: bad word %q", w)
		}
	}
	return nil
}

// Decode parses data. Codes is a substring of data; Words are substrings of
// one inflated string.
func Decode(data string) (*Table, error) {
	r := reader{s: data}
	if r.bytes(len(Magic)) != Magic {
		return nil, errors.New("table: not a word-vector table (bad magic)")
	}
	t := &Table{Dims: r.u32()}
	n := r.u32()
	t.Source = r.bytes(r.u32())
	packed := r.bytes(r.u32())
	if r.err != nil {
		return nil, r.err
	}
	if t.Dims <= 0 || t.Dims%2 != 0 || t.Dims > 1<<12 {
		return nil, fmt.Errorf("table: bad dims %d", t.Dims)
	}
	need := t.Dims*Levels*4 + n*2 + n*t.Dims/2
	if n < 0 || len(r.s) != need {
		return nil, fmt.Errorf("table: %d bytes after the words, want %d for %d words", len(r.s), need, n)
	}
	t.Codebooks = make([]float32, t.Dims*Levels)
	for i := range t.Codebooks {
		t.Codebooks[i] = math.Float32frombits(uint32(r.u32()))
	}
	t.Scales = make([]uint16, n)
	for i := range t.Scales {
		s := r.bytes(2)
		t.Scales[i] = uint16(s[0]) | uint16(s[1])<<8
	}
	t.Codes = r.s

	var sb strings.Builder
	fr := flate.NewReader(strings.NewReader(packed))
	if _, err := io.Copy(&sb, fr); err != nil {
		return nil, fmt.Errorf("table: words: %w", err)
	}
	all := sb.String()
	t.Words = make([]string, 0, n)
	for len(all) > 0 {
		i := strings.IndexByte(all, '\n')
		if i <= 0 {
			return nil, errors.New("table: words: empty or unterminated word")
		}
		t.Words = append(t.Words, all[:i])
		all = all[i+1:]
	}
	if len(t.Words) != n {
		return nil, fmt.Errorf("table: %d words, header says %d", len(t.Words), n)
	}
	return t, nil
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
