package storage

import (
	"reflect"
	"testing"
)

func sampleTerms() Terms {
	return Terms{
		Version: 2,
		Length:  300,
		Counts:  []TermCount{{"médic", 3}, {"habana", 1}, {"здоровье", 200}, {"", 1}},
		Words:   []StemWord{{"médic", "médicos"}, {"habana", "habana"}, {"el", "el"}, {"un", "unos"}},
	}
}

// Terms come back as they were written; the zero Terms is no bytes.
func TestTermsRoundTrip(t *testing.T) {
	for _, in := range []Terms{sampleTerms(), {Version: 1}, {Version: 1 << 30, Length: 1 << 30}} {
		b := EncodeTerms(in)
		got, err := DecodeTerms(b)
		if err != nil {
			t.Fatalf("DecodeTerms(EncodeTerms(%+v)) error: %v", in, err)
		}
		if len(in.Counts) == 0 {
			in.Counts, in.Words = []TermCount{}, []StemWord{}
		}
		if !reflect.DeepEqual(got, in) {
			t.Errorf("DecodeTerms(EncodeTerms(%+v)) = %+v", in, got)
		}
	}
	if b := EncodeTerms(Terms{}); b != nil {
		t.Errorf("EncodeTerms(Terms{}) = %v; want nil", b)
	}
	if got, err := DecodeTerms(nil); err != nil || !reflect.DeepEqual(got, Terms{}) {
		t.Errorf("DecodeTerms(nil) = %+v, %v; want the zero Terms", got, err)
	}
}

// Cut or padded terms are an error, not terms.
func TestDecodeTermsMalformed(t *testing.T) {
	b := EncodeTerms(sampleTerms())
	for n := range len(b) {
		if got, err := DecodeTerms(b[:n]); err == nil {
			t.Errorf("DecodeTerms of the first %d of %d bytes = %+v; want an error", n, len(b), got)
		}
	}
	if _, err := DecodeTerms(append(b, 0)); err == nil {
		t.Errorf("DecodeTerms with a byte more = nil error; want one")
	}
}

// DecodeTerms never panics, and what it reads is written and read back the
// same.
func FuzzDecodeTerms(f *testing.F) {
	f.Add(EncodeTerms(sampleTerms()))
	f.Add([]byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := DecodeTerms(b)
		if err != nil || b == nil {
			return
		}
		again, err := DecodeTerms(EncodeTerms(got))
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("terms %+v read from %x came back as %+v, %v", got, b, again, err)
		}
	})
}
