package discordmd

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	codeFence  = "```"
	fenceClose = "\n```" // added at the end of a part cut inside a code block
	// maxLangRunes bounds the language tag of a code block ("```go"), which
	// Split repeats at the start of every part that continues the block.
	maxLangRunes = 32
	// minRepairLimit is the smallest limit at which Split closes and reopens
	// code blocks: a part must hold the reopen line (at most 4+maxLangRunes
	// runes), one rune of code and the closing line.
	minRepairLimit = 64
)

// Split splits text into parts of at most limit runes each, for Discord's
// message (2,000 runes) or embed description (4,096 runes) limits. It panics
// if limit < 1.
//
// Empty text gives no parts, and text of at most limit runes is returned
// unchanged as the only part. Longer text is cut where the least damage is
// done, in this order of preference: a paragraph break, a line break, the end
// of a sentence (". ", "! ", "? ", or before a line break), a space, and only
// then between two runes. Paragraph, line and sentence breaks are taken only
// when they leave the part at least half full. A cut never falls inside a
// Markdown link "[text](url)" or a bare http(s) URL unless the link alone is
// longer than the limit, and never inside a ``` fence. A cut inside a code
// block closes the block at the end of the part ("\n```") and reopens it,
// with its language tag, at the start of the next ("```go\n"); these lines
// count towards the limit. With limit < 64 code blocks are cut without this
// repair.
//
// Nothing but whitespace is lost. For text longer than limit, each part is
//
//	open + text[s:e] + close
//
// where the cores text[s:e] appear in order without overlapping; the text
// before the first core, between two cores and after the last is whitespace
// only (unicode.IsSpace), which is dropped; each core contains non-whitespace
// (the line break before a continued line is dropped but its indentation is
// kept); close is "\n```" or "", and open is "```" + language + "\n" exactly
// when the previous part ends with an added close, "" otherwise. So every part
// is non-empty and, when text has balanced fences and limit >= 64, every part
// has balanced fences.
func Split(text string, limit int) []string {
	if limit < 1 {
		panic("discordmd: Split limit must be at least 1")
	}
	if text == "" {
		return nil
	}
	if utf8.RuneCountInString(text) <= limit {
		return []string{text}
	}
	return newSplitter(text, limit).split()
}

// How bad it is to end a part at a position: the splitter takes the best
// position of the lowest level that has one.
const (
	levelFree      = iota
	levelEmptyTail // inside a code block, with only whitespace left before its closing fence
	levelLink      // inside a Markdown link or a bare URL
	levelBroken    // inside a ``` fence or an opening fence's language line
	numLevels
)

// Kinds of cut, from worst to best.
const (
	cutRune = iota
	cutSpace
	cutSentence
	cutLine
	cutParagraph
	numCuts
)

type codeBlock struct {
	lang string
	body int // where the code starts, after "```lang\n"
}

type splitter struct {
	text   string
	limit  int
	repair bool // close and reopen code blocks at cuts
	// truncating: only the first part is wanted, and it should end at the
	// latest sentence end rather than the latest paragraph break.
	truncating bool
	level      []uint8 // for each byte offset 0..len(text), how bad a cut there is
	block      []int32 // for each byte offset, the index in blocks of the code block it is in, or -1
	blocks     []codeBlock
}

var (
	// A Markdown link: text without brackets or line breaks, then a target
	// in angle brackets or without spaces (one level of parentheses allowed,
	// as in Wikipedia URLs).
	mdLinkRe  = regexp.MustCompile(`\[([^\[\]\n]*)\]\((<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)\)`)
	bareURLRe = regexp.MustCompile(`(?i)https?://\S+`)
)

func newSplitter(text string, limit int) *splitter {
	n := len(text)
	s := &splitter{
		text:   text,
		limit:  limit,
		repair: limit >= minRepairLimit,
		level:  make([]uint8, n+1),
		block:  make([]int32, n+1),
	}
	for i := range s.block {
		s.block[i] = -1
	}
	marks := fenceMarks(text)
	for k := 0; k < len(marks); k += 2 {
		m := marks[k]
		lang, body := fenceHeader(text, m)
		end := n // the last offset inside the block
		if k+1 < len(marks) {
			end = marks[k+1]
		}
		idx := int32(len(s.blocks))
		s.blocks = append(s.blocks, codeBlock{lang: lang, body: body})
		for p := m + len(codeFence); p <= end; p++ {
			s.block[p] = idx
		}
		if !s.repair {
			continue
		}
		// A cut in the opening line would show an empty block, or the
		// language as code in the next part.
		s.raise(m+1, body, levelBroken)
		if k+1 < len(marks) {
			// A cut after the last line of code would start the next part
			// with an empty block.
			q := body + len(strings.TrimRightFunc(text[body:end], unicode.IsSpace))
			s.raise(max(q, body+1), end, levelEmptyTail)
		}
	}
	for _, m := range marks {
		s.raise(m+1, m+len(codeFence)-1, levelBroken)
	}
	for _, re := range []*regexp.Regexp{mdLinkRe, bareURLRe} {
		for _, loc := range re.FindAllStringIndex(text, -1) {
			s.raise(loc[0]+1, loc[1]-1, levelLink)
		}
	}
	return s
}

// raise sets the level of the offsets from..to (inclusive) to at least lv.
func (s *splitter) raise(from, to int, lv uint8) {
	for p := max(from, 0); p <= to && p < len(s.level); p++ {
		s.level[p] = max(s.level[p], lv)
	}
}

// fenceMarks returns the offsets of the ``` fences, read left to right
// without overlap; they alternately open and close code blocks.
func fenceMarks(text string) []int {
	var marks []int
	for i := 0; ; {
		j := strings.Index(text[i:], codeFence)
		if j < 0 {
			return marks
		}
		marks = append(marks, i+j)
		i += j + len(codeFence)
	}
}

// fenceHeader returns the language tag of the code block opened by the fence
// at m, and the offset where its code starts.
func fenceHeader(text string, m int) (lang string, body int) {
	start := m + len(codeFence)
	rest := text[start:]
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		return "", start
	}
	line := strings.TrimSuffix(rest[:nl], "\r")
	if line != "" && (utf8.RuneCountInString(line) > maxLangRunes ||
		strings.ContainsFunc(line, func(r rune) bool { return r == '`' || unicode.IsSpace(r) })) {
		return "", start // code on the opening line, not a language tag
	}
	return line, start + nl + 1
}

// reopen returns the line that reopens the code block that offset p is in,
// or "" outside code blocks or without repair.
func (s *splitter) reopen(p int) string {
	if !s.repair || s.block[p] < 0 {
		return ""
	}
	return codeFence + s.blocks[s.block[p]].lang + "\n"
}

func (s *splitter) firstNonSpace(p int) int {
	for p < len(s.text) {
		r, w := utf8.DecodeRuneInString(s.text[p:])
		if !unicode.IsSpace(r) {
			break
		}
		p += w
	}
	return p
}

// skipSep returns where the part after a cut at p starts: after the
// whitespace at p, but keeping the indentation of the next line.
func (s *splitter) skipSep(p int) int {
	r := s.firstNonSpace(p)
	if nl := strings.LastIndexByte(s.text[p:r], '\n'); nl >= 0 {
		return p + nl + 1
	}
	return r
}

func (s *splitter) split() []string {
	var parts []string
	pos := s.skipSep(0)
	for {
		f := s.firstNonSpace(pos)
		if f == len(s.text) {
			return parts
		}
		prefix := s.reopen(pos)
		budget := s.limit - utf8.RuneCountInString(prefix)
		if rest := strings.TrimRightFunc(s.text[pos:], unicode.IsSpace); hasAtMostRunes(rest, budget) {
			return append(parts, prefix+rest)
		}
		end := s.pickEnd(pos, f, budget)
		if end < 0 {
			if pos < f { // drop the indentation and try again
				pos = f
				continue
			}
			// Unreachable: one rune (plus a closing fence when repairing,
			// see minRepairLimit) always fits.
			panic("discordmd: Split found no cut")
		}
		part := prefix + s.text[pos:end]
		if s.reopen(end) != "" {
			part += fenceClose
		}
		parts = append(parts, part)
		if s.truncating {
			return parts
		}
		pos = s.skipSep(end)
	}
}

// pickEnd returns where the part starting at pos (first non-space at f) ends,
// given budget runes for the part without its reopening line, or -1.
func (s *splitter) pickEnd(pos, f, budget int) int {
	var best [numLevels][numCuts]int  // the latest cut of each kind; 0: none
	var full [numLevels][numCuts]bool // whether it leaves the part at least half full
	closeRunes := utf8.RuneCountInString(fenceClose)
	n := 0
	for p := pos; p < len(s.text); {
		_, w := utf8.DecodeRuneInString(s.text[p:])
		p += w
		n++
		if n > budget {
			break
		}
		if p <= f || p >= len(s.text) {
			continue
		}
		cost := n
		if s.reopen(p) != "" {
			cost += closeRunes
		}
		if cost > budget {
			continue
		}
		cut, ok := s.classify(p)
		if !ok {
			continue
		}
		for lv := int(s.level[p]); lv < numLevels; lv++ {
			best[lv][cut], full[lv][cut] = p, n >= budget/2
		}
	}
	for lv := range best {
		b, c := best[lv], full[lv]
		prefer := []int{cutParagraph, cutLine, cutSentence}
		if s.truncating { // the latest sentence end, paragraph and line breaks included
			for _, cut := range []int{cutParagraph, cutLine} {
				if b[cut] > b[cutSentence] {
					b[cutSentence], c[cutSentence] = b[cut], c[cut]
				}
			}
			prefer = prefer[2:]
		}
		for _, cut := range prefer {
			if b[cut] > 0 && c[cut] {
				return b[cut]
			}
		}
		if p := max(b[cutSpace], b[cutSentence], b[cutLine], b[cutParagraph]); p > 0 {
			return p
		}
		if b[cutRune] > 0 {
			return b[cutRune]
		}
	}
	return -1
}

// classify tells what kind of cut ending a part at p is. It reports false
// inside a run of whitespace: the start of the run is the better cut.
func (s *splitter) classify(p int) (int, bool) {
	prev, _ := utf8.DecodeLastRuneInString(s.text[:p])
	if unicode.IsSpace(prev) {
		return 0, false
	}
	if r, _ := utf8.DecodeRuneInString(s.text[p:]); !unicode.IsSpace(r) {
		return cutRune, true
	}
	newlines := strings.Count(s.text[p:s.firstNonSpace(p)], "\n")
	switch {
	case newlines >= 2:
		return cutParagraph, true
	case newlines == 1:
		return cutLine, true
	case s.block[p] >= 0: // in code, a short part is better than a broken line
		return cutRune, true
	case prev == '.' || prev == '!' || prev == '?':
		return cutSentence, true
	}
	return cutSpace, true
}

// Truncate returns text if it has at most budget runes, else its start
// ending in "…", within budget runes: cut like a Split part (not in a link,
// with code blocks closed), but at the latest sentence end that leaves it at
// least half full, else at the latest space. A budget below 1 gives "".
func Truncate(text string, budget int) string {
	switch {
	case utf8.RuneCountInString(text) <= budget:
		return text
	case budget < 1:
		return ""
	case budget < 3:
		return ellipsis
	}
	s := newSplitter(text, budget-2)
	s.truncating = true
	cut := s.split()[0]
	if strings.HasSuffix(cut, codeFence) {
		return cut + "\n" + ellipsis
	}
	return cut + ellipsis
}
