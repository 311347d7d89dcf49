package rag

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// scanners are the scanners in use, with the patterns they stand for.
var scanners = []struct {
	name string
	sc   *scanner
	re   *regexp.Regexp
}{
	{"figure", figureScan, regexp.MustCompile(figurePattern)},
	{"date", dateScan, regexp.MustCompile(datePattern)},
}

// checkScanners fails when a scanner finds other matches in s than its
// pattern does.
func checkScanners(t *testing.T, s string) {
	t.Helper()
	for _, x := range scanners {
		want := x.re.FindAllStringIndex(s, -1)
		if got := x.sc.findAll(s); !slices.EqualFunc(got, want, slices.Equal[[]int]) {
			t.Fatalf("%s scanner on %q: %v, the pattern finds %v", x.name, s, got, want)
		}
		if got, want := x.sc.matchString(s), x.re.MatchString(s); got != want {
			t.Fatalf("%s scanner on %q: match %v, the pattern says %v", x.name, s, got, want)
		}
		if got, want := x.sc.findAllString(s), x.re.FindAllString(s, -1); !slices.Equal(got, want) {
			t.Fatalf("%s scanner on %q: %q, the pattern finds %q", x.name, s, got, want)
		}
	}
}

// scannerSamples are texts the figures and dates are read from: the
// golden corpus, the bundled article and the hostile inputs, line by line.
func scannerSamples(t testing.TB) []string {
	var out []string
	for _, glob := range []string{"../testdata/golden/corpus/*.md", "../corpus/bundled/*", "../../shared/hostile/*"} {
		files, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				continue // a directory
			}
			out = append(out, strings.Split(string(b), "\n")...)
		}
	}
	return out
}

func TestScannersFindWhatTheirPatternsFind(t *testing.T) {
	samples := scannerSamples(t)
	if len(samples) < 200 {
		t.Fatalf("only %d sample lines: the corpus is not where the test looks", len(samples))
	}
	found := 0
	for _, s := range samples {
		checkScanners(t, s)
		found += len(figureScan.findAll(s))
	}
	if found < 100 {
		t.Fatalf("%d figures in the samples: the test reads the wrong texts", found)
	}
	for _, s := range []string{
		"USD 28.4 million", "usd5", "US$ 3", "uſ$ 3", "€12", "EUR 9 million", "$", "e", "2",
		"a hundred doctors", "A HUNDRED", "seiſx", "ſince", "three", "treinta", "três vezes",
		"COVID19", "_12", "x12", "on 12 May 2021", "MARÇO de 2020", "since 2019", "times of",
		"10,000 vials and 1.2 million doses", "two reached USD 28.4 million", "dos mil",
	} {
		checkScanners(t, s)
	}
}

func FuzzScanner(f *testing.F) {
	for _, s := range scannerSamples(f) {
		if strings.ContainsAny(s, "0123456789$€") {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) { checkScanners(t, s) })
}

// BenchmarkScanner compares each scanner with its pattern run by regexp,
// side by side on the same lines (the golden corpus's, the bundled
// article's and the hostile inputs').
func BenchmarkScanner(b *testing.B) {
	samples := scannerSamples(b)
	for _, x := range scanners {
		b.Run(x.name+"/regexp", func(b *testing.B) {
			for b.Loop() {
				for _, s := range samples {
					x.re.FindAllStringIndex(s, -1)
				}
			}
		})
		b.Run(x.name+"/scanner", func(b *testing.B) {
			for b.Loop() {
				for _, s := range samples {
					x.sc.findAll(s)
				}
			}
		})
	}
}
