package rag

import (
	"slices"
	"sync"

	"cabot/corpus"
)

// A reading is what the answerer reads of a text whatever the question:
// its sentences and each one's stems (in the text's language, with the
// English its words may mean). The answerer reads the same chunks and
// titles for question after question; readings keeps the last
// readingsKept of them, by language and text, so that a chunk is tokenised
// once, not once per question.
type reading struct {
	spans []corpus.Span // the sentences, as corpus.Sentences gives them
	stems [][]string    // each sentence's distinct stems
}

// readingsKept bounds the cache: about 1.5 KB a chunk.
const readingsKept = 4096

type readingKey struct{ language, text string }

var readings = struct {
	sync.Mutex
	m    map[readingKey]*reading
	ring []readingKey // insertion order; the oldest is evicted first
	next int
}{m: map[readingKey]*reading{}}

// readText returns the reading of a text in a language: split into
// sentences when split is set, else the whole text as one (a title).
func readText(text, language string, split bool) *reading {
	k := readingKey{language, text}
	readings.Lock()
	r := readings.m[k]
	readings.Unlock()
	if r != nil {
		return r
	}
	r = &reading{spans: []corpus.Span{{Start: 0, End: len(text)}}}
	if split {
		r.spans = corpus.Sentences(text)
	}
	r.stems = make([][]string, len(r.spans))
	for i, sp := range r.spans {
		r.stems[i] = distinctStems(text[sp.Start:sp.End], language)
	}
	readings.Lock()
	defer readings.Unlock()
	if old, ok := readings.m[k]; ok {
		return old // read meanwhile by another question
	}
	if len(readings.ring) < readingsKept {
		readings.ring = append(readings.ring, k)
	} else {
		delete(readings.m, readings.ring[readings.next])
		readings.ring[readings.next] = k
		readings.next = (readings.next + 1) % readingsKept
	}
	readings.m[k] = r
	return r
}

// distinctStems returns the stems of a text in a language (with the
// English ones its words may mean), each once, in the order first seen.
func distinctStems(text, language string) []string {
	ts := termsIn(text, language)
	out := ts[:0:0]
	for _, t := range ts {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
