package table

import (
	"strings"
	"testing"
)

func sample() *Table {
	t := &Table{Source: "test", Dims: 4, Words: []string{"the", "of", "cuba", "cubans", "c", "theirs", "cub"}}
	for d := 0; d < t.Dims; d++ {
		for l := 0; l < Levels; l++ {
			t.Codebooks = append(t.Codebooks, float32(l-8)+float32(d)/10)
		}
	}
	t.Scales = []uint16{FloatToBF16(1), FloatToBF16(0.5), FloatToBF16(2), 1, 2, 3, 4}
	t.Codes = string([]byte{0x10, 0x32, 0xff, 0x00, 0x8f, 0xf8, 1, 2, 3, 4, 5, 6, 7, 8})
	return t
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	b, err := in.Encode()
	if err != nil {
		t.Fatal(err)
	}
	out, err := Decode(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if out.Source != in.Source || out.Dims != in.Dims || strings.Join(out.Words, " ") != strings.Join(in.Words, " ") || out.Codes != in.Codes {
		t.Fatalf("decoded %+v", out)
	}
	v := make([]float32, 4)
	out.Dequantize(2, v)
	// word 2: codes 0x8f, 0xf8 -> dims 0:15 1:8 2:8 3:15; scale 2
	want := []float32{2 * (7 + 0), 2 * (0 + 0.1), 2 * (0 + 0.2), 2 * (7 + 0.3)}
	for i := range v {
		if d := v[i] - want[i]; d > 1e-5 || d < -1e-5 {
			t.Fatalf("dequantize = %v, want %v", v, want)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	b, _ := sample().Encode()
	for _, c := range []struct{ name, data string }{
		{"empty", ""},
		{"magic", "CABOTWV0" + string(b[8:])},
		{"truncated", string(b[:len(b)-1])},
		{"longer", string(b) + "x"},
		{"header only", string(b[:20])},
	} {
		if _, err := Decode(c.data); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// frontCode front-codes words in the given order, unchecked.
func frontCode(words ...string) (coded, order string, total int) {
	var c, o []byte
	prev := ""
	for i, w := range words {
		p := 0
		for p < len(w)-1 && p < len(prev) && w[p] == prev[p] {
			p++
		}
		c = append(c, byte(p))
		c = append(c, w[p:len(w)-1]...)
		c = append(c, w[len(w)-1]|0x80)
		o = append(o, byte(i), 0)
		total += len(w)
		prev = w
	}
	return string(c), string(o), total
}

func TestDecodeWords(t *testing.T) {
	coded, order, total := frontCode("cub", "cuba", "the")
	words, err := decodeWords(coded, order, 3, total)
	if err != nil || strings.Join(words, " ") != "cub cuba the" {
		t.Fatalf("decodeWords = %q, %v", words, err)
	}
	for _, c := range [][]string{{"cuba", "cuba"}, {"the", "of"}, {"cuba", "cub"}} {
		coded, order, total := frontCode(c...)
		if _, err := decodeWords(coded, order, len(c), total); err == nil {
			t.Errorf("%q: no error", c)
		}
	}
	for name, in := range map[string]struct {
		coded, order string
		n, total     int
	}{
		"prefix too long":   {"\x00c\xf5\x05x\xe1", "\x00\x00\x01\x00", 2, 5},
		"not canonical":     {"\x00cu\xe2\x00cub\xe1", "\x00\x00\x01\x00", 2, 7},
		"unterminated":      {"\x00cub", "\x00\x00", 1, 3},
		"total differs":     {"\x00cu\xe2", "\x00\x00", 1, 4},
		"rank out of range": {"\x00cu\xe2", "\x05\x00", 1, 3},
		"rank twice":        {"\x00a\xe2\x00c\xe4", "\x00\x00\x00\x00", 2, 4},
		"trailing bytes":    {"\x00cu\xe2x", "\x00\x00", 1, 3},
	} {
		_, err := decodeWords(in.coded, in.order, in.n, in.total)
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		t.Logf("%s: %v", name, err)
	}
}

func TestEncodeRejects(t *testing.T) {
	for _, words := range [][]string{{"a", "a"}, {""}, {"a b"}, {"é"}, {strings.Repeat("a", 256)}} {
		tb := &Table{Dims: 2, Words: words, Codebooks: make([]float32, 2*Levels), Scales: make([]uint16, len(words)), Codes: strings.Repeat("x", len(words))}
		if _, err := tb.Encode(); err == nil {
			t.Errorf("%q: no error", words)
		}
	}
}

func TestBF16(t *testing.T) {
	for _, f := range []float32{0, 1, 0.5, 3.14159, 1e-3, 123.456} {
		g := BF16ToFloat(FloatToBF16(f))
		if d := (g - f) / max(f, 1e-30); d > 1.0/256 || d < -1.0/256 {
			t.Errorf("bf16(%v) = %v", f, g)
		}
	}
}

// FuzzDecode: Decode never panics, and what it accepts dequantises and,
// when its words are valid, encodes back to the same bytes.
func FuzzDecode(f *testing.F) {
	b, err := sample().Encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:40])
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Decode(string(data))
		if err != nil {
			return
		}
		v := make([]float32, tb.Dims)
		for i := range tb.Words {
			tb.Dequantize(i, v)
		}
		again, err := tb.Encode()
		if err != nil {
			return // e.g. a control byte in a word: Decode leaves words to its caller
		}
		if string(again) != string(data) {
			t.Fatalf("Encode(Decode(x)) != x")
		}
	})
}
