package wordvec

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestTable(t *testing.T) {
	start := time.Now()
	m, err := decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("decoded %d words in %v", len(m.words), time.Since(start))
	if len(raw) > 3_500_000 {
		t.Errorf("vectors.bin is %d bytes, over the 3.5 MB budget", len(raw))
	}
	if Len() < 45000 || m.words[0] != "the" {
		t.Errorf("Len() = %d, first word %q", Len(), m.words[0])
	}
	for _, w := range []string{"doctor", "cuba", "azerbaijan", "baku", "havana", "brigade", "ophthalmologist", "coronavirus"} {
		if _, ok := Lookup(w); !ok {
			t.Errorf("%q is not in the table", w)
		}
	}
	for _, w := range []string{"", "http", "www", "2020", "covid", "josé", "well-known", "doctor ", strings.Repeat("a", 100)} {
		if _, ok := Lookup(w); ok {
			t.Errorf("%q is in the table", w)
		}
	}
	// SIF weights grow with rank: function words weigh little.
	the, _ := m.lookup("the")
	doc, _ := m.lookup("physician")
	if m.weights[the] > 0.05 || m.weights[doc] < 0.9 {
		t.Errorf("weights: the %v, physician %v", m.weights[the], m.weights[doc])
	}
}

func TestLookup(t *testing.T) {
	v, ok := Lookup("doctor")
	if !ok || len(v) != Dims {
		t.Fatalf("Lookup(doctor) = %d, %v", len(v), ok)
	}
	for _, w := range []string{"Doctor", "DOCTOR", "dOcToR"} {
		u, ok := Lookup(w)
		if !ok || &u[0] != &v[0] {
			t.Errorf("Lookup(%q) is not doctor's vector", w)
		}
	}
	if n := testing.AllocsPerRun(100, func() { Lookup("Physician"); Lookup("unknownword") }); n != 0 {
		t.Errorf("Lookup allocates %v times", n)
	}
}

// related are the hand-picked pairs, each more similar than an unrelated pair.
var related = [][3]string{
	{"doctor", "physician", "sugar"},
	{"brigade", "contingent", "vaccine"},
	{"signed", "agreement", "patients"},
	{"minister", "ministry", "rum"},
	{"vaccine", "immunization", "pipeline"},
	{"sugar", "rum", "minister"},
	{"patients", "treated", "embassy"},
	{"hospital", "clinic", "oil"},
	{"cuba", "havana", "vaccine"},
	{"azerbaijan", "baku", "sugar"},
	{"oil", "gas", "doctor"},
	{"cooperation", "collaboration", "cataract"},
	{"pandemic", "epidemic", "tobacco"},
}

func TestSimilarity(t *testing.T) {
	for _, c := range related {
		near, far := Similarity(c[0], c[1]), Similarity(c[0], c[2])
		t.Logf("%s/%s %.3f  %s/%s %.3f", c[0], c[1], near, c[0], c[2], far)
		if near <= far || near < 0.4 {
			t.Errorf("%s/%s = %.3f, not above %s/%s = %.3f", c[0], c[1], near, c[0], c[2], far)
		}
	}
	if s := Similarity("doctor", "doctor"); math.Abs(s-1) > 1e-6 {
		t.Errorf("Similarity(doctor, doctor) = %v", s)
	}
	if s := Similarity("doctor", "Physician"); s != Similarity("physician", "doctor") {
		t.Errorf("not symmetric: %v", s)
	}
	if s := Similarity("doctor", "qwxzv"); s != 0 {
		t.Errorf("with an unknown word = %v, want 0", s)
	}
}

func TestNearest(t *testing.T) {
	got := Nearest("doctor", 10)
	t.Logf("Nearest(doctor) = %v", got)
	if len(got) != 10 || slices.Contains(got, "doctor") {
		t.Fatalf("Nearest(doctor, 10) = %v", got)
	}
	medical := 0
	for _, w := range got {
		switch w {
		case "physician", "doctors", "surgeon", "nurse", "dentist", "psychiatrist", "medical",
			"hospital", "patient", "pediatrician", "physicians", "therapist", "neurologist", "doctorate":
			medical++
		}
	}
	if medical < 5 {
		t.Errorf("Nearest(doctor) = %v: only %d medical words", got, medical)
	}
	for i := 1; i < len(got); i++ {
		if Similarity("doctor", got[i-1]) < Similarity("doctor", got[i]) {
			t.Errorf("not in decreasing order: %v", got)
		}
	}
	if got := Nearest("qwxzv", 5); got != nil {
		t.Errorf("Nearest(unknown) = %v", got)
	}
	if got := Nearest("doctor", 0); got != nil {
		t.Errorf("Nearest(doctor, 0) = %v", got)
	}
	t.Logf("Nearest(brigade) = %v", Nearest("brigade", 8))
	t.Logf("Nearest(vaccine) = %v", Nearest("vaccine", 8))
}

func cos(a, b []float32) float64 {
	var d, na, nb float64
	for i := range a {
		d += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return d / math.Sqrt(na*nb)
}

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestEmbedder(t *testing.T) {
	e := NewEmbedder()
	if e.Name() != "builtin-glove-100-v1" || e.Dimension() != Dims {
		t.Errorf("Name %q, Dimension %d", e.Name(), e.Dimension())
	}
	ctx := context.Background()
	texts := []string{
		"Cuban physicians treated patients",
		"doctors attended the sick",
		"sugar exports rose",
		"The Henry Reeve brigade arrived in Baku in 2020.",
		"",
		"2020 — 77,000 …",
		"Médicos cubanos en Azerbaiyán",
	}
	docs, err := e.EmbedDocuments(ctx, texts)
	if err != nil || len(docs) != len(texts) {
		t.Fatalf("EmbedDocuments: %d, %v", len(docs), err)
	}
	for i, text := range texts {
		if len(docs[i]) != Dims || math.Abs(norm(docs[i])-1) > 1e-5 {
			t.Errorf("%q: length %d, norm %v", text, len(docs[i]), norm(docs[i]))
		}
		q, err := e.EmbedQuery(ctx, text)
		if err != nil || !slices.Equal(q, docs[i]) {
			t.Errorf("%q: EmbedQuery differs from EmbedDocuments (%v)", text, err)
		}
	}
	near, far := cos(docs[0], docs[1]), cos(docs[0], docs[2])
	t.Logf("physicians/doctors %.3f, physicians/sugar %.3f", near, far)
	if near <= far {
		t.Errorf("%q is closer to %q (%.3f) than to %q (%.3f)", texts[0], texts[2], far, texts[1], near)
	}
	// No known word: the fixed unit vector.
	for _, i := range []int{4, 5} {
		if !slices.Equal(docs[i], Unknown()) {
			t.Errorf("%q is not Unknown()", texts[i])
		}
	}
	for i := range 4 {
		if c := cos(docs[i], Unknown()); math.Abs(c) > 0.3 {
			t.Errorf("%q: cosine %.3f with Unknown()", texts[i], c)
		}
	}
	// Case, punctuation and unknown words do not change a vector.
	a, _ := e.EmbedQuery(ctx, "CUBAN physicians, treated patients!")
	b, _ := e.EmbedQuery(ctx, "cuban physicians treated qwxzv patients 2021")
	if !slices.Equal(a, docs[0]) || !slices.Equal(b, docs[0]) {
		t.Errorf("case, punctuation or unknown words change the vector")
	}
	// Stop words weigh little.
	c, _ := e.EmbedQuery(ctx, "the Cuban physicians have treated all of the patients")
	if s := cos(c, docs[0]); s < 0.95 {
		t.Errorf("adding stop words moves the vector: cosine %.3f", s)
	}

	// The zero value works; no texts, no vectors.
	var zero Embedder
	if z, err := zero.EmbedQuery(ctx, texts[0]); err != nil || !slices.Equal(z, docs[0]) {
		t.Errorf("the zero Embedder differs (%v)", err)
	}
	if none, err := e.EmbedDocuments(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("EmbedDocuments(nil) = %v, %v", none, err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.EmbedQuery(cancelled, "x"); err == nil {
		t.Error("EmbedQuery ignores a cancelled context")
	}
	if _, err := e.EmbedDocuments(cancelled, []string{"x"}); err == nil {
		t.Error("EmbedDocuments ignores a cancelled context")
	}
}

func TestTokens(t *testing.T) {
	m := load()
	// Letters and digits of any script make tokens; a Kelvin sign folds to k.
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Cuba–Azerbaijan: co-operation (2020)!", []string{"cuba", "azerbaijan", "co", "operation"}},
		{"\u212Aing's", []string{"king"}},
		{"José Ángel", nil},
	} {
		var got []string
		eachToken(c.text, func(tok string, ascii bool) {
			if i, ok := m.token(tok, ascii); ok {
				got = append(got, m.words[i])
			}
		})
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: known tokens %q, want %q", c.text, got, c.want)
		}
	}
}

func TestConcurrent(t *testing.T) {
	e := NewEmbedder()
	want, _ := e.EmbedQuery(context.Background(), "Cuban doctors in Azerbaijan")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for range 50 {
				got, _ := e.EmbedQuery(context.Background(), "Cuban doctors in Azerbaijan")
				if !slices.Equal(got, want) {
					t.Error("EmbedQuery is not deterministic")
					return
				}
				if g%2 == 0 {
					Similarity("doctor", "physician")
				} else {
					Lookup("Havana")
				}
			}
			if g == 0 {
				Nearest("sugar", 3)
			}
		})
	}
	wg.Wait()
}

const sentence30 = "The Cuban medical brigade of the Henry Reeve contingent treated " +
	"seventy thousand patients in Azerbaijan and signed an agreement with the ministry " +
	"of health to train new doctors in Baku"

func BenchmarkEmbedQuery(b *testing.B) {
	if n := len(strings.Fields(sentence30)); n != 30 {
		b.Fatalf("%d words", n)
	}
	e := NewEmbedder()
	ctx := context.Background()
	load()
	b.ReportAllocs()
	for b.Loop() {
		e.EmbedQuery(ctx, sentence30)
	}
}

func BenchmarkLookup(b *testing.B) {
	load()
	b.ReportAllocs()
	for b.Loop() {
		Lookup("physician")
	}
}

func BenchmarkDecode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNearest(b *testing.B) {
	load()
	for b.Loop() {
		Nearest("doctor", 10)
	}
}
