package rag

import (
	"math"
	"slices"
	"sort"
	"sync"
)

// bm25 is an in-memory Okapi BM25 index over chunks. It is safe for
// concurrent use.
type bm25 struct {
	mu       sync.RWMutex
	k1, b    float64
	ids      []string       // slot -> chunk ID ("" when deleted)
	slots    map[string]int // chunk ID -> slot
	lengths  []int          // slot -> number of terms
	scopes   []string       // slot -> scope of its document
	termsOf  [][]string     // slot -> distinct terms, to delete postings
	postings map[string][]posting
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

func newBM25() *bm25 {
	return &bm25{k1: 1.2, b: 0.75, slots: map[string]int{}, postings: map[string][]posting{}}
}

// add indexes a chunk's text under id, in a scope, replacing any earlier
// entry.
func (x *bm25) add(id, scope, text, language string) {
	tf := map[string]int32{}
	n := 0
	for _, t := range termsIn(text, language) {
		tf[t]++
		n++
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.forgetTypos()
	if _, ok := x.slots[id]; ok {
		x.removeLocked(id)
	}
	slot := len(x.ids)
	x.ids = append(x.ids, id)
	x.slots[id] = slot
	x.lengths = append(x.lengths, n)
	x.scopes = append(x.scopes, scope)
	distinct := make([]string, 0, len(tf))
	for t, c := range tf {
		x.postings[t] = append(x.postings[t], posting{slot: int32(slot), tf: c})
		distinct = append(distinct, t)
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

func (x *bm25) removeLocked(id string) {
	slot, ok := x.slots[id]
	if !ok {
		return
	}
	for _, t := range x.termsOf[slot] {
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
	scores := map[int32]float64{}
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
			scores[p.slot] += idf * tf * (x.k1 + 1) / (tf + norm)
		}
	}
	out := make([]hit, 0, len(scores))
	for slot, s := range scores {
		out = append(out, hit{ID: x.ids[slot], Score: s})
	}
	return topHits(out, k)
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
// dropped, or two swapped) from term that most chunks have, or "" when
// there is none: the word a typo was meant to be.
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
		if d := len(t) - len(term); d < -1 || d > 1 || len(ps) <= bestDF || t[0] != term[0] && t[len(t)-1] != term[len(term)-1] {
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
