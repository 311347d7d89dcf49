package corpus

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkChunks checks what Split promises for any text: exact offsets, IDs and
// positions, the size limit, every sentence and every word covered, and
// consecutive chunks that move forward and overlap by at most opt.Overlap
// bytes. opt must have MaxSize > 0 and 0 <= Overlap < MaxSize.
func checkChunks(t testing.TB, docID, text string, opt ChunkOptions, chunks []Chunk) {
	t.Helper()
	call := fmt.Sprintf("Split(%q, %.60q, %+v)", docID, text, opt)
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		if len(chunks) != 0 {
			t.Errorf("%s = %d chunks; want none for a text with no words", call, len(chunks))
		}
		return
	}
	if len(chunks) == 0 {
		t.Fatalf("%s = no chunks; want at least one", call)
	}
	validText := utf8.ValidString(text)
	for k, c := range chunks {
		if c.Position != k || c.ID != fmt.Sprintf("%s:%d", docID, k) || c.DocID != docID {
			t.Errorf("%s[%d] = {ID: %q, DocID: %q, Position: %d}; want {ID: %q, DocID: %q, Position: %d}",
				call, k, c.ID, c.DocID, c.Position, fmt.Sprintf("%s:%d", docID, k), docID, k)
		}
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			t.Fatalf("%s[%d] = [%d,%d); want a non-empty span of the text's %d bytes", call, k, c.Start, c.End, len(text))
		}
		if c.Text != text[c.Start:c.End] {
			t.Fatalf("%s[%d].Text = %q; want text[%d:%d] = %q", call, k, c.Text, c.Start, c.End, text[c.Start:c.End])
		}
		if c.Text != strings.TrimFunc(c.Text, unicode.IsSpace) {
			t.Errorf("%s[%d].Text = %q; want no white space around it", call, k, c.Text)
		}
		if validText && !utf8.ValidString(c.Text) {
			t.Errorf("%s[%d].Text = %q splits a multi-byte character", call, k, c.Text)
		}
		if n := len(c.Text); n > opt.MaxSize && strings.IndexFunc(c.Text, unicode.IsSpace) >= 0 {
			t.Errorf("%s[%d] is %d bytes; want at most MaxSize %d unless it is a single word: %q", call, k, n, opt.MaxSize, c.Text)
		}
		for _, b := range []int{c.Start, c.End} {
			if w := wordAround(text, b); len(w) > 0 && len(w) <= opt.MaxSize {
				t.Errorf("%s[%d] = [%d,%d) cuts the word %q; want chunks cut at white space", call, k, c.Start, c.End, w)
			}
		}
		if k == 0 {
			continue
		}
		prev := chunks[k-1]
		if c.Start <= prev.Start || c.End < prev.End {
			t.Errorf("%s[%d] = [%d,%d) after [%d,%d); want chunks that move forward", call, k, c.Start, c.End, prev.Start, prev.End)
		}
		if overlap := prev.End - c.Start; overlap > opt.Overlap {
			t.Errorf("%s[%d] = [%d,%d) overlaps [%d,%d) by %d bytes; want at most Overlap %d",
				call, k, c.Start, c.End, prev.Start, prev.End, overlap, opt.Overlap)
		}
	}

	// Every sentence that fits a chunk lies whole inside one, and every word
	// of the text is in some chunk.
	for _, s := range Sentences(text) {
		if s.End-s.Start > opt.MaxSize {
			continue
		}
		inside := false
		for _, c := range chunks {
			if c.Start <= s.Start && s.End <= c.End {
				inside = true
				break
			}
		}
		if !inside {
			t.Errorf("%s: sentence [%d,%d) %q is not inside any chunk", call, s.Start, s.End, text[s.Start:s.End])
		}
	}
	covered := make([]bool, len(text))
	for _, c := range chunks {
		for b := c.Start; b < c.End; b++ {
			covered[b] = true
		}
	}
	for b, r := range text {
		if !covered[b] && !unicode.IsSpace(r) {
			t.Fatalf("%s: byte %d (%q in %q) is in no chunk", call, b, r, text[max(0, b-20):min(len(text), b+20)])
		}
	}
}

// wordAround returns the word that byte offset b of text falls inside, or ""
// when b is at the start or end of a word.
func wordAround(text string, b int) string {
	before, _ := utf8.DecodeLastRuneInString(text[:b])
	after, _ := utf8.DecodeRuneInString(text[b:])
	if b == 0 || b == len(text) || unicode.IsSpace(before) || unicode.IsSpace(after) {
		return ""
	}
	start := strings.LastIndexFunc(text[:b], unicode.IsSpace) + 1
	end := len(text)
	if i := strings.IndexFunc(text[b:], unicode.IsSpace); i >= 0 {
		end = b + i
	}
	return text[start:end]
}

// manyParagraphs returns n short paragraphs of two sentences each.
func manyParagraphs(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "Paragraph %d is short. It has two sentences.", i)
	}
	return b.String()
}

// longArticle returns one long paragraph of many numbered sentences.
func longArticle(sentences int) string {
	var parts []string
	for i := range sentences {
		parts = append(parts, fmt.Sprintf("Sentence number %d says that the brigade of doctors worked hard in Baku.", i))
	}
	return strings.Join(parts, " ")
}

const unicodeText = "Él viajó a Bakú con José Ángel Portal Miranda. ¿Qué pasó después? ¡Todo salió bien! " +
	"日本語の文章は句点で終わるのでこの文はとても長い一つの文になります。 " +
	"Ñandú, pingüino y cigüeña 🐧🦩 llegaron juntos. Über straße ökonomie.\n\n" +
	"Ελληνικά κείμενα εδώ. Русский текст тоже здесь. Последнее предложение."

func TestSplit(t *testing.T) {
	bundled := bundledArticle(t)
	longWord := strings.Repeat("x", 5000)
	tests := []struct {
		name string
		text string
		opt  ChunkOptions
	}{
		{"bundled article, default options", bundled.Text, DefaultChunkOptions()},
		{"bundled article, small chunks with overlap", bundled.Text, ChunkOptions{MaxSize: 300, Overlap: 120}},
		{"bundled article, small chunks without overlap", bundled.Text, ChunkOptions{MaxSize: 250, Overlap: 0}},
		{"bundled article, chunks smaller than sentences", bundled.Text, ChunkOptions{MaxSize: 60, Overlap: 30}},
		{"many short paragraphs", manyParagraphs(80), ChunkOptions{MaxSize: 300, Overlap: 0}},
		{"many short paragraphs with overlap", manyParagraphs(80), ChunkOptions{MaxSize: 300, Overlap: 100}},
		{"one paragraph without punctuation", strings.TrimSpace(strings.Repeat("palabra ", 3000)), ChunkOptions{MaxSize: 200, Overlap: 50}},
		{"one very long word", longWord, DefaultChunkOptions()},
		{"one very long word inside sentences", "It starts here. The word " + longWord + " is long. It ends here.", ChunkOptions{MaxSize: 100, Overlap: 40}},
		{"long article", longArticle(60), ChunkOptions{MaxSize: 400, Overlap: 150}},
		{"unicode", unicodeText, ChunkOptions{MaxSize: 64, Overlap: 20}},
		{"unicode, chunks of a few runes", unicodeText, ChunkOptions{MaxSize: 7, Overlap: 0}},
		{"unicode, one chunk", unicodeText, ChunkOptions{MaxSize: 5000, Overlap: 100}},
		{"empty", "", DefaultChunkOptions()},
		{"white space only", " \n\n\t \n", DefaultChunkOptions()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const docID = "d0123456789abcdef"
			chunks := Split(docID, tt.text, tt.opt)
			checkChunks(t, docID, tt.text, tt.opt, chunks)
		})
	}
}

// Short texts fit one chunk that is the whole text.
func TestSplitShortText(t *testing.T) {
	for _, text := range []string{"One sentence.", "One.\n\nTwo paragraphs.", "  padded text  "} {
		chunks := Split("d1", text, DefaultChunkOptions())
		want := strings.TrimSpace(text)
		if len(chunks) != 1 || chunks[0].Text != want {
			t.Errorf("Split(%q, %q) = %+v; want one chunk %q", "d1", text, chunks, want)
		}
	}
}

// The bundled article does not fit one chunk with the default options.
func TestSplitBundledDefault(t *testing.T) {
	doc := bundledArticle(t)
	chunks := Split(doc.ID, doc.Text, DefaultChunkOptions())
	if len(chunks) < 3 {
		t.Errorf("Split(bundled article, default) = %d chunks; want at least 3 for %d bytes of text", len(chunks), len(doc.Text))
	}
	// No chunk starts inside a sentence.
	starts := map[int]bool{}
	for _, s := range Sentences(doc.Text) {
		starts[s.Start] = true
	}
	for _, c := range chunks {
		if !starts[c.Start] {
			t.Errorf("Split(bundled article, default)[%d] starts inside a sentence: %.60q", c.Position, c.Text)
		}
	}
}

// With no MaxSize, Split uses the default options.
func TestSplitZeroOptions(t *testing.T) {
	doc := bundledArticle(t)
	got := Split(doc.ID, doc.Text, ChunkOptions{})
	want := Split(doc.ID, doc.Text, DefaultChunkOptions())
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Split(bundled, ChunkOptions{}) = %d chunks; want the %d chunks of DefaultChunkOptions()", len(got), len(want))
	}
}

// Overlap repeats whole sentences at the start of the next chunk; without
// it, chunks do not share text.
func TestSplitOverlap(t *testing.T) {
	text := longArticle(40)
	starts := map[int]bool{}
	for _, s := range Sentences(text) {
		starts[s.Start] = true
	}
	tests := []struct {
		opt         ChunkOptions
		wantOverlap bool
	}{
		{ChunkOptions{MaxSize: 400, Overlap: 150}, true},
		{ChunkOptions{MaxSize: 400, Overlap: 0}, false},
		// Less overlap than any sentence: nothing to repeat.
		{ChunkOptions{MaxSize: 400, Overlap: 20}, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.opt), func(t *testing.T) {
			chunks := Split("d1", text, tt.opt)
			checkChunks(t, "d1", text, tt.opt, chunks)
			overlaps := 0
			for k := 1; k < len(chunks); k++ {
				if chunks[k].Start < chunks[k-1].End {
					overlaps++
				}
				if !starts[chunks[k].Start] {
					t.Errorf("Split(%+v)[%d] starts inside a sentence: %.60q", tt.opt, k, chunks[k].Text)
				}
			}
			if got := overlaps > 0; got != tt.wantOverlap {
				t.Errorf("Split(long article, %+v): %d of %d consecutive chunks overlap; want overlap = %v",
					tt.opt, overlaps, len(chunks)-1, tt.wantOverlap)
			}
		})
	}
}

// Chunks of short paragraphs end at paragraph breaks, not mid-paragraph.
func TestSplitParagraphBreaks(t *testing.T) {
	text := manyParagraphs(40)
	for _, opt := range []ChunkOptions{{MaxSize: 300, Overlap: 0}, {MaxSize: 300, Overlap: 100}} {
		chunks := Split("d1", text, opt)
		for _, c := range chunks[:len(chunks)-1] {
			if !strings.HasPrefix(text[c.End:], "\n\n") {
				t.Errorf("Split(paragraphs, %+v)[%d] ends inside a paragraph: ...%q", opt, c.Position, tail(c.Text, 40))
			}
		}
		if last := chunks[len(chunks)-1]; last.End != len(text) {
			t.Errorf("Split(paragraphs, %+v): last chunk ends at %d; want the end of the text, %d", opt, last.End, len(text))
		}
	}
}

// Regression tests for bugs found while writing these tests.
func TestSplitRegressions(t *testing.T) {
	t.Run("chunk adds no new text", func(t *testing.T) {
		// Two short sentences, then one that does not fit with the second:
		// the second chunk is just the overlap, already in the first chunk.
		a := strings.Repeat("a", 39) + "."
		b := "B" + strings.Repeat("b", 38) + "."
		c := "C" + strings.Repeat("c", 88) + "."
		text := a + " " + b + " " + c
		opt := ChunkOptions{MaxSize: 100, Overlap: 50}
		chunks := Split("d1", text, opt)
		for k := 1; k < len(chunks); k++ {
			if chunks[k].End <= chunks[k-1].End {
				t.Errorf("Split(%q, %+v)[%d] = %q lies inside chunk %d = %q; want every chunk to add text",
					text, opt, k, chunks[k].Text, k-1, chunks[k-1].Text)
			}
		}
	})
	t.Run("chunk stops a paragraph early", func(t *testing.T) {
		// Paragraphs of two sentences, 100 bytes each: three fit in 320
		// bytes and end at a paragraph break.
		para := "S" + strings.Repeat("s", 47) + ". T" + strings.Repeat("t", 48) + "."
		text := strings.Join([]string{para, para, para, para, para}, "\n\n")
		opt := ChunkOptions{MaxSize: 320, Overlap: 0}
		chunks := Split("d1", text, opt)
		if len(chunks) == 0 {
			t.Fatalf("Split(%q, %+v) = no chunks", text, opt)
		}
		if want := 3*len(para) + 4; chunks[0].End != want {
			t.Errorf("Split(5 paragraphs of %d bytes, %+v)[0] = %d bytes; want the %d bytes of 3 paragraphs",
				len(para), opt, len(chunks[0].Text), want)
		}
	})
}

func FuzzSplit(f *testing.F) {
	doc, err := Bundled()
	if err != nil || len(doc) == 0 {
		f.Fatalf("Bundled() = %d documents, %v", len(doc), err)
	}
	f.Add(doc[0].Text, 900, 250)
	f.Add(doc[0].Text, 60, 30)
	f.Add(manyParagraphs(10), 100, 40)
	f.Add(longArticle(10), 150, 149)
	f.Add(unicodeText, 7, 3)
	f.Add(strings.Repeat("x", 300), 10, 5)
	f.Add("Dr. Smith arrived. J. K. Rowling wrote.\n\n\"Why?\" (No.) 3.5 77,000…", 12, 6)
	f.Add("", 10, 0)
	f.Add(" \n \r\n\t", 4, 1)
	f.Add("a\xffb\x80. C\xc3", 4, 2)
	f.Fuzz(func(t *testing.T, text string, maxSize, overlap int) {
		// Keep the options valid and small enough to give many chunks.
		opt := ChunkOptions{MaxSize: 4 + abs(maxSize)%500}
		opt.Overlap = abs(overlap) % opt.MaxSize
		chunks := Split("d1", text, opt)
		checkChunks(t, "d1", text, opt, chunks)
	})
}

func abs(n int) int {
	if n < 0 {
		if n = -n; n < 0 { // math.MinInt
			return 0
		}
	}
	return n
}
