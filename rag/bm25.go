package rag

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"cabot/corpus/storage"
)

// bm25 is an in-memory Okapi BM25 index over chunks. It holds no text:
// each term once, and each chunk's terms by number. It is safe for
// concurrent use.
type bm25 struct {
	mu       sync.RWMutex
	k1, b    float64
	ids      []string         // slot -> chunk ID ("" when deleted)
	slots    map[string]int   // chunk ID -> slot
	lengths  []int            // slot -> number of terms
	scopes   []string         // slot -> scope of its document
	termsOf  [][]int32        // slot -> its distinct terms' numbers, to delete postings
	termIDs  map[string]int32 // term -> its number
	terms    []string         // term number -> term
	worded   []bool           // term number -> its word was handed to rememberWord
	postings [][]posting      // term number -> the chunks that have it
	live     int
	totalLen int
	counts   []int32 // scratch of insertLocked: the counts of a chunk's terms

	// typos remembers nearest's and expansion's answers until the
	// vocabulary changes.
	typoMu sync.Mutex
	typos  map[string]string
}

type posting struct {
	slot int32
	tf   int32
}

func newBM25() *bm25 {
	return &bm25{k1: 1.2, b: 0.75, slots: map[string]int{}, termIDs: map[string]int32{}}
}

// reserve makes room for n more chunks.
func (x *bm25) reserve(n int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(x.slots) == 0 {
		x.slots = make(map[string]int, n)
	}
	x.ids = slices.Grow(x.ids, n)
	x.lengths = slices.Grow(x.lengths, n)
	x.scopes = slices.Grow(x.scopes, n)
	x.termsOf = slices.Grow(x.termsOf, n)
}

// termsVersion numbers the way analyse makes a chunk's terms (tokenizeWith,
// the stemmer, the stop words, conceptsOf with its translations). Terms
// are stored with their version, and those of another version are made
// again from the text: change it with any of these, which
// TestTermsVersion pins (the lexicons by lang.TablesDigest).
// Version 2: the lexicons' general words of the news. Version 3:
// contractions are dropped ("they're": they), chat's "u", "r", "pls" are
// stop words, a few more words translated. Version 4: Spanish "profe" and
// "tren" translated. Version 5: "técnico" (coach), "frente" (head) and
// "curador" translated. Version 6: "imagen", "foto" and their kin.
// Version 7: chat's "q", "pra", "vc" and the future of tener, haber, ser
// are Spanish and Portuguese stop words. Version 8: "semilla", "semente"
// translated. Version 9: a second pass of the lexicons' news words (some
// 750 lines: travel, sport, culture, farming, energy, aid, technology).
// Version 10: Spanish "después", "antes", "luego" and Portuguese "depois",
// "antes", "durante" are stop words, as English "after", "before".
const termsVersion = 10

// analyse returns the terms BM25 keeps of a chunk of a document (the
// document's title, a newline and the chunk's text) in the document's
// language, tokenised with local's stems: each distinct term with how often
// it occurs, in the order first seen, their number, and the word each
// content stem was first seen with.
func analyse(title, text, language string, local *localStems) storage.Terms {
	return termsOf(tokenizeWith(title+"\n"+text, local), language)
}

// termsOf is analyse of the tokens of the title, a newline and the text
// (which are the title's tokens followed by the text's).
func termsOf(tokens []token, language string) storage.Terms {
	t := storage.Terms{Version: termsVersion}
	at := make(map[string]int, len(tokens))
	for _, c := range conceptsOf(tokens, language) {
		for _, term := range c {
			i, ok := at[term]
			if !ok {
				i = len(t.Counts)
				at[term] = i
				t.Counts = append(t.Counts, storage.TermCount{Term: term})
			}
			t.Counts[i].Count++
			t.Length++
		}
	}
	clear(at) // now the stems whose word is listed
	for _, tok := range tokens {
		if _, ok := at[tok.Stem]; ok || tok.Stop || isNumber(tok.Lower) {
			continue
		}
		at[tok.Stem] = 0
		t.Words = append(t.Words, storage.StemWord{Stem: tok.Stem, Word: tok.Lower})
	}
	return t
}

// add indexes a chunk's terms under id, in a scope, replacing any earlier
// entry.
func (x *bm25) add(id, scope string, terms storage.Terms) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.forgetTypos()
	x.insertTermsLocked(id, scope, terms)
}

// lexicalEntry is a chunk for addAll: its ID, its document's scope,
// title and language, its text, and its terms: as a store keeps them
// (encoded, by storage.EncodeTerms; nil for none) or else made (terms).
// Terms of another version than termsVersion are analysed again.
type lexicalEntry struct {
	id, scope, title, text, language string
	terms                            storage.Terms
	encoded                          []byte
}

// addAll indexes many chunks as adding them one after the other would. The
// chunks without terms of this version are analysed on every core, each
// goroutine a consecutive run of the chunks with a stem cache of its own;
// then all are added in order, the encoded terms read in place. The terms
// made are left in entries, so callers bound the memory by passing a few
// thousand at a time. It returns how many entries were analysed, and
// fails only on encoded terms that do not read, after adding the entries
// before them.
func (x *bm25) addAll(entries []lexicalEntry) (analysed int, err error) {
	var stale []int // entries to analyse
	for i, e := range entries {
		if e.encoded != nil {
			r, err := storage.ReadTerms(e.encoded)
			if err != nil {
				return 0, fmt.Errorf("terms of chunk %s: %w", e.id, err)
			}
			if r.Version == termsVersion {
				continue
			}
			entries[i].encoded = nil
		} else if e.terms.Version == termsVersion {
			continue
		}
		stale = append(stale, i)
	}
	workers := min(runtime.GOMAXPROCS(0), len(stale))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(stale)/workers, (w+1)*len(stale)/workers
		wg.Go(func() {
			local := newLocalStems()
			for _, i := range stale[lo:hi] {
				e := &entries[i]
				e.terms = analyse(e.title, e.text, e.language, local)
			}
		})
	}
	wg.Wait()
	x.mu.Lock()
	defer x.mu.Unlock()
	x.forgetTypos()
	for _, e := range entries {
		if e.encoded == nil {
			x.insertTermsLocked(e.id, e.scope, e.terms)
			continue
		}
		r, err := storage.ReadTerms(e.encoded)
		if err == nil {
			err = x.insertLocked(e.id, e.scope, &r)
		}
		if err != nil {
			return len(stale), fmt.Errorf("terms of chunk %s: %w", e.id, err)
		}
	}
	return len(stale), nil
}

// insertTermsLocked is insertLocked with terms as analyse makes them.
func (x *bm25) insertTermsLocked(id, scope string, terms storage.Terms) {
	if terms.Version == 0 { // none
		terms.Version = termsVersion
	}
	r, err := storage.ReadTerms(storage.EncodeTerms(terms))
	if err == nil {
		err = x.insertLocked(id, scope, &r)
	}
	if err != nil { // what EncodeTerms writes reads back (FuzzDecodeTerms)
		panic(fmt.Sprintf("bm25: encoded terms of chunk %s do not read back: %v", id, err))
	}
}

// insertLocked indexes a chunk's terms, read in place from r, under id,
// replacing any earlier entry, and hands the words of stems new to the
// index to rememberWord. It keeps copies of the strings it keeps. When r
// fails, the chunk is not indexed (though its terms may have been added to
// the vocabulary, with no postings, and some of its words remembered).
func (x *bm25) insertLocked(id, scope string, r *storage.TermsReader) error {
	distinct := make([]int32, r.Terms)
	counts := x.counts[:0]
	for i := range distinct {
		term, count, err := r.Term()
		if err != nil {
			return err
		}
		t, ok := x.termIDs[string(term)]
		if !ok {
			t = int32(len(x.terms))
			name := string(term)
			x.termIDs[name] = t
			x.terms = append(x.terms, name)
			x.worded = append(x.worded, false)
			x.postings = append(x.postings, nil)
		}
		distinct[i] = t
		counts = append(counts, count)
	}
	x.counts = counts
	for range r.Words {
		ref, stem, word, err := r.Word()
		if err != nil {
			return err
		}
		t, ok := int32(0), ref >= 0
		if ok {
			t = distinct[ref]
		} else {
			t, ok = x.termIDs[string(stem)]
		}
		if ok { // remembered once per term
			if x.worded[t] {
				continue
			}
			x.worded[t] = true
		}
		name := string(stem)
		if ref >= 0 {
			name = x.terms[t]
		}
		w := name
		if word != nil {
			w = string(word)
		}
		rememberWord(name, w)
	}
	if err := r.Close(); err != nil {
		return err
	}
	if _, ok := x.slots[id]; ok {
		x.removeLocked(id)
	}
	slot := len(x.ids)
	x.ids = append(x.ids, id)
	x.slots[id] = slot
	x.lengths = append(x.lengths, r.Length)
	x.scopes = append(x.scopes, scope)
	for i, t := range distinct {
		x.postings[t] = append(x.postings[t], posting{slot: int32(slot), tf: counts[i]})
	}
	x.termsOf = append(x.termsOf, distinct)
	x.live++
	x.totalLen += r.Length
	return nil
}

// remove deletes a chunk; unknown IDs are ignored.
func (x *bm25) remove(id string) {
	x.mu.Lock()
	x.forgetTypos()
	defer x.mu.Unlock()
	x.removeLocked(id)
}

// forgetTypos drops the remembered typo repairs: the vocabulary changes.
func (x *bm25) forgetTypos() {
	x.typoMu.Lock()
	x.typos = nil
	x.typoMu.Unlock()
}

// removeLocked deletes a chunk's postings. A term no chunk has any more
// keeps its number, with no postings.
func (x *bm25) removeLocked(id string) {
	slot, ok := x.slots[id]
	if !ok {
		return
	}
	for _, n := range x.termsOf[slot] {
		ps := x.postings[n]
		for i, p := range ps {
			if int(p.slot) == slot {
				x.postings[n] = append(ps[:i], ps[i+1:]...)
				break
			}
		}
	}
	delete(x.slots, id)
	x.ids[slot] = ""
	x.termsOf[slot] = nil
	x.live--
	x.totalLen -= x.lengths[slot]
}

// postingsLocked returns the chunks that have a term.
func (x *bm25) postingsLocked(term string) []posting {
	if t, ok := x.termIDs[term]; ok {
		return x.postings[t]
	}
	return nil
}

// idfLocked is the BM25 inverse document frequency of a term that df
// chunks have; a term no chunk has gets the highest value.
func (x *bm25) idfLocked(df int) float64 {
	n := float64(x.live)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// search returns up to k chunks of the given scopes (nil: all) by
// descending BM25 score for the query's terms; chunks that share no term
// with the query are left out. Statistics (idf, average length) are those
// of the whole index.
func (x *bm25) search(query, language string, k int, scopes []string) []hit {
	qterms := termsIn(query, language)
	families := make([][]string, len(qterms))
	for i, t := range qterms {
		families[i] = x.family(t)
		if len(families[i]) == 0 && language != "es" && language != "pt" && !x.known(t) {
			// A word no chunk has may be a typo of one that some have
			// ("genrators"), as the answerer reads it (queryTerms).
			if fixed := x.nearest(t); fixed != "" {
				families[i] = []string{fixed}
			}
		}
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.live == 0 || k <= 0 || len(qterms) == 0 {
		return nil
	}
	avg := float64(x.totalLen) / float64(x.live)
	if avg == 0 {
		avg = 1
	}
	buf := scoreBufs.Get().(*scoreBuf)
	defer scoreBufs.Put(buf)
	if len(buf.scores) < len(x.ids) {
		buf.scores = make([]float64, len(x.ids))
	}
	scores, touched := buf.scores, buf.touched[:0]
	seen := map[string]bool{}
	type weighted struct {
		term string
		idf  float64
	}
	var all []weighted
	for _, t := range qterms {
		if !seen[t] {
			seen[t] = true
			all = append(all, weighted{t, x.idfLocked(len(x.postingsLocked(t)))})
		}
	}
	for _, family := range families {
		// The other forms of a word the index has ("medicin" for "medic",
		// "azerbaijan" for "azerbaijani") count as much as the answerer
		// counts them (measured on the golden set's dev split, weighing
		// them by the word's own idf instead lost a first rank).
		for _, f := range family {
			if !seen[f] {
				seen[f] = true
				all = append(all, weighted{f, familyWeight * x.idfLocked(len(x.postingsLocked(f)))})
			}
		}
	}
	for _, w := range all {
		ps := x.postingsLocked(w.term)
		if len(ps) == 0 {
			continue
		}
		idf := w.idf
		for _, p := range ps {
			if scopes != nil && !slices.Contains(scopes, x.scopes[p.slot]) {
				continue
			}
			tf := float64(p.tf)
			norm := x.k1 * (1 - x.b + x.b*float64(x.lengths[p.slot])/avg)
			if scores[p.slot] == 0 { // every term adds more than 0
				touched = append(touched, p.slot)
			}
			scores[p.slot] += idf * tf * (x.k1 + 1) / (tf + norm)
		}
	}
	top := newTopK(k)
	for _, slot := range touched {
		top.offer(hit{ID: x.ids[slot], Score: scores[slot]})
		scores[slot] = 0 // the buffer goes back all zeros
	}
	buf.touched = touched
	return top.sorted()
}

// familyWeight is the share of its weight a query term's other form gets
// (the answerer's softMatch score).
const familyWeight = 0.8

// family returns the terms of the index that are another form of term by
// softMatch: term with one or two more letters or a noun suffix, or term
// less one or two letters (never shorter than four), worked out once until
// the vocabulary changes. Numbers have no family.
func (x *bm25) family(term string) []string {
	if len(term) < 4 || isNumber(term) {
		return nil
	}
	return strings.Fields(x.remembered("family "+term, func() string { return strings.Join(x.familyLocked(term), " ") }))
}

// familyLocked is family, worked out under the read lock.
func (x *bm25) familyLocked(term string) []string {
	var out []string
	has := func(t string) bool { _, ok := x.termIDs[t]; return ok }
	for cut := 1; cut <= 2 && len(term)-cut >= 4; cut++ {
		if t := term[:len(term)-cut]; has(t) {
			out = append(out, t)
		}
	}
	buf := make([]byte, len(term), len(term)+8)
	copy(buf, term)
	for a := byte('a'); a <= 'z'; a++ {
		one := append(buf[:len(term)], a)
		if has(string(one)) {
			out = append(out, string(one))
		}
		for b := byte('a'); b <= 'z'; b++ {
			if two := append(one, b); has(string(two)) {
				out = append(out, string(two))
			}
		}
	}
	if len(term) >= 5 {
		for suffix := range nounSuffixes {
			if t := term + suffix; has(t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// scoreBuf is the scratch space of a search: a score per slot (all zero
// between searches) and the slots that have one.
type scoreBuf struct {
	scores  []float64
	touched []int32
}

var scoreBufs = sync.Pool{New: func() any { return new(scoreBuf) }}

// better reports whether a ranks before b: a higher score, or the same
// score and a lower ID (so that ties are stable).
func better(a, b hit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.ID < b.ID
}

// topK keeps the k best hits offered (by better) in a heap whose root is
// the worst of them.
type topK struct {
	k    int
	heap []hit
}

func newTopK(k int) *topK { return &topK{k: k, heap: make([]hit, 0, min(k, 64))} }

// offer considers a hit.
func (t *topK) offer(h hit) {
	if len(t.heap) < t.k {
		t.heap = append(t.heap, h)
		for i := len(t.heap) - 1; i > 0; {
			parent := (i - 1) / 2
			if !better(t.heap[parent], t.heap[i]) {
				break
			}
			t.heap[parent], t.heap[i] = t.heap[i], t.heap[parent]
			i = parent
		}
		return
	}
	if len(t.heap) == 0 || !better(h, t.heap[0]) {
		return
	}
	t.heap[0] = h
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(t.heap) && better(t.heap[worst], t.heap[l]) {
			worst = l
		}
		if r < len(t.heap) && better(t.heap[worst], t.heap[r]) {
			worst = r
		}
		if worst == i {
			break
		}
		t.heap[i], t.heap[worst] = t.heap[worst], t.heap[i]
		i = worst
	}
}

// sorted returns the hits kept, best first.
func (t *topK) sorted() []hit {
	slices.SortFunc(t.heap, func(a, b hit) int {
		if better(a, b) {
			return -1
		}
		if better(b, a) {
			return 1
		}
		return 0
	})
	return t.heap
}

// weights returns the inverse document frequency of each term over the
// whole index, and the highest possible one (a term no chunk has).
func (x *bm25) weights(terms []string) (map[string]float64, float64) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := make(map[string]float64, len(terms))
	for _, t := range terms {
		out[t] = x.idfLocked(len(x.postingsLocked(t)))
	}
	return out, x.idfLocked(0)
}

// docsWith returns the documents (by ID) some chunk of which has one of
// the terms; a chunk's ID is its document's, a colon and its number.
func (x *bm25) docsWith(terms []string) map[string]bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := map[string]bool{}
	for _, t := range terms {
		for _, p := range x.postingsLocked(t) {
			id := x.ids[p.slot]
			if i := strings.LastIndexByte(id, ':'); i > 0 {
				out[id[:i]] = true
			}
		}
	}
	return out
}

// known reports whether some chunk has the term.
func (x *bm25) known(term string) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.postingsLocked(term)) > 0
}

// nearest returns the indexed term one edit (a letter changed, added,
// dropped, or two swapped) from term that most chunks have (of those as
// many have, the first in byte order), or "" when there is none: the word
// a typo was meant to be.
func (x *bm25) nearest(term string) string {
	if len(term) < 4 || isNumber(term) {
		return ""
	}
	return x.remembered(term, func() string {
		best, bestDF := "", 0
		for n, t := range x.terms {
			ps := x.postings[n]
			if d := len(t) - len(term); d < -1 || d > 1 || len(ps) == 0 || len(ps) < bestDF || len(ps) == bestDF && t > best ||
				t[0] != term[0] && t[len(t)-1] != term[len(term)-1] {
				continue
			}
			if oneEdit(term, t) {
				best, bestDF = t, len(ps)
			}
		}
		return best
	})
}

// remembered returns what find gives for key, worked out once until the
// vocabulary changes (forgetTypos); find runs under the read lock.
func (x *bm25) remembered(key string, find func() string) string {
	x.typoMu.Lock()
	v, ok := x.typos[key]
	x.typoMu.Unlock()
	if ok {
		return v
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	v = find()
	x.typoMu.Lock()
	if x.typos == nil {
		x.typos = map[string]string{}
	}
	if len(x.typos) < 10_000 {
		x.typos[key] = v
	}
	x.typoMu.Unlock()
	return v
}

// compound returns the two indexed terms a term is made of, each of at
// least four letters ("groundbreak": "ground", "break"), the most even
// split first; nil when there are none.
func (x *bm25) compound(term string) []string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var best []string
	even := -1
	for i := 4; i+4 <= len(term); i++ {
		a, b := term[:i], term[i:]
		if len(x.postingsLocked(a)) == 0 || len(x.postingsLocked(b)) == 0 {
			continue
		}
		if e := min(len(a), len(b)); e > even {
			best, even = []string{a, b}, e
		}
	}
	return best
}

// expansion returns the indexed term that most chunks have of those that
// start with term and are at least three letters longer: the word term
// abbreviates ("pharma": "pharmaceut"), or "" when there is none. term must
// have at least four letters.
func (x *bm25) expansion(term string) string {
	if len(term) < 4 || isNumber(term) {
		return ""
	}
	return x.remembered("\x00"+term, func() string { // kept apart from the typos by its first byte
		best, bestDF := "", 0
		for n, t := range x.terms {
			ps := x.postings[n]
			if len(t) < len(term)+3 || !strings.HasPrefix(t, term) || len(ps) < bestDF || len(ps) == bestDF && t > best {
				continue
			}
			best, bestDF = t, len(ps)
		}
		return best
	})
}

// oneEdit reports whether a and b differ by exactly one substitution,
// insertion, deletion or swap of neighbouring letters.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case len(b) == len(a)+1:
		return a[i:] == b[i+1:]
	}
	return false
}

// topHits sorts hits by descending score (then ID, so that ties are
// stable) and keeps the first k.
func topHits(out []hit, k int) []hit {
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}
