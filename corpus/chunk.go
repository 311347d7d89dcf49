package corpus

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// ChunkOptions sets the size of chunks, in bytes of text.
type ChunkOptions struct {
	// MaxSize is the largest chunk; a single word longer than that is cut
	// between characters.
	MaxSize int
	// Overlap is how much of the end of one chunk, in whole sentences, starts
	// the next one.
	Overlap int
}

// DefaultChunkOptions suits news articles: a few paragraphs per chunk, one
// sentence or so of overlap.
func DefaultChunkOptions() ChunkOptions {
	return ChunkOptions{MaxSize: 900, Overlap: 250}
}

// Split cuts a document's text into chunks that respect paragraphs and
// sentences: a chunk ends at a paragraph break when one falls in its second
// half, else at a sentence end; a sentence longer than MaxSize is cut at white
// space. Consecutive chunks share up to Overlap bytes of whole sentences.
// Every chunk satisfies Text == text[Start:End].
func Split(docID, text string, opt ChunkOptions) []Chunk {
	if opt.MaxSize <= 0 {
		opt = DefaultChunkOptions()
	}
	if opt.Overlap < 0 || opt.Overlap >= opt.MaxSize {
		opt.Overlap = 0
	}
	units := splitUnits(text, opt.MaxSize)
	var chunks []Chunk
	for i := 0; i < len(units); {
		// Grow the chunk one unit at a time while it fits.
		j := i + 1
		for j < len(units) && units[j].End-units[i].Start <= opt.MaxSize {
			j++
		}
		// Unless the text ends here or a paragraph does, end the chunk at
		// the last paragraph break in its second half, if there is one.
		if j < len(units) && !units[j-1].paraEnd {
			for k := j - 1; k > i; k-- {
				if units[k-1].End-units[i].Start < opt.MaxSize/2 {
					break
				}
				if units[k-1].paraEnd {
					j = k
					break
				}
			}
		}
		s, e := units[i].Start, units[j-1].End
		chunks = append(chunks, Chunk{
			ID:       ChunkID(docID, len(chunks)),
			DocID:    docID,
			Position: len(chunks),
			Start:    s,
			End:      e,
			Text:     text[s:e],
		})
		if j >= len(units) {
			break
		}
		// Start the next chunk with the last sentences that fit the overlap,
		// as long as the next new sentence still fits after them: every
		// chunk must add text the one before did not have.
		next := j
		for next-1 > i && units[j-1].End-units[next-1].Start <= opt.Overlap &&
			units[j].End-units[next-1].Start <= opt.MaxSize {
			next--
		}
		i = next
	}
	return chunks
}

type unit struct {
	Span
	paraEnd bool
}

// splitUnits returns the sentences of text, with sentences longer than max
// cut at white space, each marked when it ends a paragraph.
func splitUnits(text string, max int) []unit {
	var out []unit
	for _, p := range Paragraphs(text) {
		sents := sentencesIn(text, p)
		for k, s := range sents {
			pieces := cutLong(text, s, max)
			for m, piece := range pieces {
				out = append(out, unit{Span: piece, paraEnd: k == len(sents)-1 && m == len(pieces)-1})
			}
		}
	}
	return out
}

// cutLong cuts a span longer than max at the last white space before max (or,
// for a single very long word, at a rune boundary).
func cutLong(text string, s Span, max int) []Span {
	var out []Span
	for s.End-s.Start > max {
		cut := s.Start + max
		for cut > s.Start && !utf8.RuneStart(text[cut]) {
			cut--
		}
		k := cut
		for k > s.Start {
			r, size := utf8.DecodeLastRuneInString(text[:k])
			if unicode.IsSpace(r) {
				break
			}
			k -= size
		}
		if k > s.Start {
			cut = k
		}
		if cut <= s.Start { // never loop without progress
			_, size := utf8.DecodeRuneInString(text[s.Start:])
			cut = s.Start + size
		}
		head := trimSpan(text, Span{s.Start, cut})
		if head.End > head.Start {
			out = append(out, head)
		}
		s = trimSpan(text, Span{cut, s.End})
	}
	if s.End > s.Start {
		out = append(out, s)
	}
	return out
}

// ChunkID returns the ID of a document's chunk at a position (0 for the
// first).
func ChunkID(docID string, position int) string { return fmt.Sprintf("%s:%d", docID, position) }
