package rag

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
)

// bm25 is an in-memory Okapi BM25 index over chunks. It holds no text:
// each term once, and each chunk's terms by number. It is safe for
// concurrent use.
type bm25 struct {
	mu       sync.RWMutex
	k1, b    float64
	ids      []string             // slot -> chunk ID ("" when deleted)
	slots    map[string]int       // chunk ID -> slot
	lengths  []int                // slot -> number of terms
	scopes   []string             // slot -> scope of its document
	termsOf  [][]int32            // slot -> its distinct terms' numbers, to delete postings
	termIDs  map[string]int32     // term -> its number
	terms    []string             // term number -> term
	postings map[string][]posting // term -> the chunks that have it
	live     int
	totalLen int

	// typos remembers nearest's answers until the vocabulary changes.
	typoMu sync.Mutex
	typos  map[string]string
}

type posting struct {
	slot int32
	tf   int32
}

// termCount is how often a term occurs in a chunk.
type termCount struct {
	term  string
	count int32
}

func newBM25() *bm25 {
	return &bm25{k1: 1.2, b: 0.75, slots: map[string]int{}, termIDs: map[string]int32{}, postings: map[string][]posting{}}
}

// countTerms returns the distinct terms of a chunk's text with how often
// each occurs (in the order first seen), and the number of terms, using
// local's stems (nil: the shared ones).
func countTerms(text, language string, local *localStems) ([]termCount, int) {
	terms := termsInWith(text, language, local)
	at := make(map[string]int, len(terms))
	var out []termCount
	for _, t := range terms {
		i, ok := at[t]
		if !ok {
			i = len(out)
			at[t] = i
			out = append(out, termCount{term: t})
		}
		out[i].count++
	}
	return out, len(terms)
}

// add indexes a chunk's text under id, in a scope, replacing any earlier
// entry.
func (x *bm25) add(id, scope, text, language string) {
	counts, n := countTerms(text, language, nil)
	x.mu.Lock()
	defer x.mu.Unlock()
	x.forgetTypos()
	x.insertLocked(id, scope, counts, n)
}

// lexicalEntry is a chunk for addAll: its ID, its document's scope,
// title and language, and its text.
type lexicalEntry struct {
	id, scope, title, text, language string
}

// addAll indexes many chunks (title, a newline, and text, as add would be
// given them) as adding them one after the other would: it tokenises them
// on every core, each goroutine a consecutive run of the chunks with a stem
// cache of its own, and then adds their terms in order.
func (x *bm25) addAll(entries []lexicalEntry) {
	workers := runtime.GOMAXPROCS(0)
	locals := make([]*localStems, workers)
	for i := range locals {
		locals[i] = newLocalStems()
	}
	type counted struct {
		counts []termCount
		n      int
	}
	const block = 8192 // chunks tokenised before they are added: bounds the memory
	out := make([]counted, min(block, len(entries)))
	for len(entries) > 0 {
		batch := entries[:min(block, len(entries))]
		entries = entries[len(batch):]
		var wg sync.WaitGroup
		per := (len(batch) + workers - 1) / workers
		for w := 0; w < workers && w*per < len(batch); w++ {
			lo, hi := w*per, min((w+1)*per, len(batch))
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := lo; i < hi; i++ {
					e := batch[i]
					out[i].counts, out[i].n = countTerms(e.title+"\n"+e.text, e.language, locals[w])
				}
			}()
		}
		wg.Wait()
		for _, l := range locals {
			l.publish()
		}
		x.mu.Lock()
		x.forgetTypos()
		for i, e := range batch {
			x.insertLocked(e.id, e.scope, out[i].counts, out[i].n)
			out[i] = counted{}
		}
		x.mu.Unlock()
	}
}

// insertLocked indexes a chunk's counted terms (n in all) under id,
// replacing any earlier entry.
func (x *bm25) insertLocked(id, scope string, counts []termCount, n int) {
	if _, ok := x.slots[id]; ok {
		x.removeLocked(id)
	}
	slot := len(x.ids)
	x.ids = append(x.ids, id)
	x.slots[id] = slot
	x.lengths = append(x.lengths, n)
	x.scopes = append(x.scopes, scope)
	distinct := make([]int32, len(counts))
	for i, c := range counts {
		t, ok := x.termIDs[c.term]
		if !ok {
			t = int32(len(x.terms))
			x.termIDs[c.term] = t
			x.terms = append(x.terms, c.term)
		}
		term := x.terms[t] // one copy of each term
		x.postings[term] = append(x.postings[term], posting{slot: int32(slot), tf: c.count})
		distinct[i] = t
	}
	x.termsOf = append(x.termsOf, distinct)
	x.live++
	x.totalLen += n
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
// loses its postings and keeps its number.
func (x *bm25) removeLocked(id string) {
	slot, ok := x.slots[id]
	if !ok {
		return
	}
	for _, n := range x.termsOf[slot] {
		t := x.terms[n]
		ps := x.postings[t]
		for i, p := range ps {
			if int(p.slot) == slot {
				ps = append(ps[:i], ps[i+1:]...)
				break
			}
		}
		if len(ps) == 0 {
			delete(x.postings, t)
		} else {
			x.postings[t] = ps
		}
	}
	delete(x.slots, id)
	x.ids[slot] = ""
	x.termsOf[slot] = nil
	x.live--
	x.totalLen -= x.lengths[slot]
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
	for _, t := range qterms {
		if seen[t] {
			continue
		}
		seen[t] = true
		ps := x.postings[t]
		if len(ps) == 0 {
			continue
		}
		idf := x.idfLocked(len(ps))
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
		out[t] = x.idfLocked(len(x.postings[t]))
	}
	return out, x.idfLocked(0)
}

// known reports whether some chunk has the term.
func (x *bm25) known(term string) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.postings[term]) > 0
}

// nearest returns the indexed term one edit (a letter changed, added,
// dropped, or two swapped) from term that most chunks have (of those as
// many have, the first in byte order), or "" when there is none: the word
// a typo was meant to be.
func (x *bm25) nearest(term string) string {
	if len(term) < 4 || isNumber(term) {
		return ""
	}
	x.typoMu.Lock()
	fixed, ok := x.typos[term]
	x.typoMu.Unlock()
	if ok {
		return fixed
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	best, bestDF := "", 0
	defer func() {
		x.typoMu.Lock()
		if x.typos == nil {
			x.typos = map[string]string{}
		}
		if len(x.typos) < 10_000 {
			x.typos[term] = best
		}
		x.typoMu.Unlock()
	}()
	for t, ps := range x.postings {
		if d := len(t) - len(term); d < -1 || d > 1 || len(ps) < bestDF || len(ps) == bestDF && t > best ||
			t[0] != term[0] && t[len(t)-1] != term[len(term)-1] {
			continue
		}
		if oneEdit(term, t) {
			best, bestDF = t, len(ps)
		}
	}
	return best
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
