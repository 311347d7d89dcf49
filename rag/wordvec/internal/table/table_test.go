package table

import (
	"strings"
	"testing"
)

func sample() *Table {
	t := &Table{Source: "test", Dims: 4, Words: []string{"the", "of", "cuba"}}
	for d := 0; d < t.Dims; d++ {
		for l := 0; l < Levels; l++ {
			t.Codebooks = append(t.Codebooks, float32(l-8)+float32(d)/10)
		}
	}
	t.Scales = []uint16{FloatToBF16(1), FloatToBF16(0.5), FloatToBF16(2)}
	t.Codes = string([]byte{0x10, 0x32, 0xff, 0x00, 0x8f, 0xf8})
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
	if out.Source != in.Source || out.Dims != in.Dims || strings.Join(out.Words, " ") != "the of cuba" || out.Codes != in.Codes {
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

func TestBF16(t *testing.T) {
	for _, f := range []float32{0, 1, 0.5, 3.14159, 1e-3, 123.456} {
		g := BF16ToFloat(FloatToBF16(f))
		if d := (g - f) / max(f, 1e-30); d > 1.0/256 || d < -1.0/256 {
			t.Errorf("bf16(%v) = %v", f, g)
		}
	}
}
