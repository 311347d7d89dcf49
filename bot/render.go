package bot

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits. Discord counts characters as Unicode code points
// (utf8.RuneCountInString); the library enforces none of them.
const (
	MaxMessage          = 2000 // message content
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25 // fields per embed
	MaxEmbedFieldName   = 256
	MaxEmbedFieldValue  = 1024
	MaxEmbedFooter      = 2048 // footer text
	MaxEmbedAuthorName  = 256
	MaxEmbedTotal       = 6000 // EmbedLength summed over all embeds of one message
	MaxEmbeds           = 10
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
// message (MaxMessage) or embed description (MaxEmbedDescription)
// limits. It panics if limit < 1.
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
		panic("bot: Split limit must be at least 1")
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
			panic("bot: Split found no cut")
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

// hasAtMostRunes reports whether s has at most n runes, reading no further.
func hasAtMostRunes(s string, n int) bool {
	for range s {
		if n--; n < 0 {
			return false
		}
	}
	return true
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

const zwsp = "\u200b"

// Neutralize makes text that came from documents, users or a model safe to
// show in Discord:
//   - it removes invisible and bidirectional control characters (U+200B to
//     U+200F, U+202A to U+202E, U+2060, U+2066 to U+2069, U+061C, U+FEFF),
//     except a zero-width joiner or non-joiner between two non-ASCII letters or
//     symbols, where it holds emoji sequences and scripts such as Persian
//     together;
//   - it rewrites a Markdown link whose text contains a dot or "://", or is
//     blank, as "text (<target>)" so that the real target shows, and reduces a
//     link to a javascript:, vbscript:, data: or file: target to its text;
//   - it puts a zero-width space after the @ of @everyone and @here (in any
//     case) and after the < of user, role and channel mentions ("<@123>",
//     "<@!123>", "<@&123>", "<#123>"), so that they neither ping nor resolve.
//
// Neutralize is idempotent. It does not escape other Markdown; replies should
// still carry NoMentions.
func Neutralize(s string) string {
	return defangMentions(rewriteLinks(stripInvisible(s)))
}

// isInvisible reports whether Neutralize removes r.
func isInvisible(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E ||
		r >= 0x2066 && r <= 0x2069 || r == 0x2060 || r == 0x061C || r == 0xFEFF
}

func isJoiner(r rune) bool { return r == 0x200C || r == 0x200D }

// joinable reports whether a joiner next to r may stay: it cannot hide
// anything in ASCII text (mentions, URLs) there.
func joinable(r rune) bool {
	return r >= utf8.RuneSelf && !unicode.IsSpace(r) && !isInvisible(r)
}

func stripInvisible(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return isInvisible(r) || r == utf8.RuneError }) {
		return s
	}
	rs := make([]rune, 0, len(s))
	for _, r := range s { // invalid bytes become U+FFFD
		if isInvisible(r) && !isJoiner(r) {
			continue
		}
		rs = append(rs, r)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		if isJoiner(r) && !(i > 0 && joinable(rs[i-1]) && i+1 < len(rs) && joinable(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func rewriteLinks(s string) string {
	// Each pass that changes s removes at least one '[', so this ends.
	// Repeating until nothing changes makes links that a rewrite exposes
	// ("[[a.b](c)](d)") safe too, and Neutralize idempotent.
	for {
		out := mdLinkRe.ReplaceAllStringFunc(s, rewriteLink)
		if out == s {
			return s
		}
		s = out
	}
}

func rewriteLink(link string) string {
	m := mdLinkRe.FindStringSubmatch(link)
	text, target := m[1], m[2]
	if len(target) >= 2 && target[0] == '<' && target[len(target)-1] == '>' {
		target = target[1 : len(target)-1]
	}
	switch {
	case strings.TrimSpace(target) == "" || dangerousTarget(target):
		return text
	case strings.TrimSpace(text) == "":
		return "<" + target + ">"
	case strings.Contains(text, ".") || strings.Contains(text, "://"):
		return text + " (<" + target + ">)"
	}
	return link
}

// dangerousTarget reports whether a link target runs code or embeds data.
// Browsers ignore ASCII whitespace and control characters in the scheme.
func dangerousTarget(target string) bool {
	t := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, target))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(t, scheme) {
			return true
		}
	}
	return false
}

func defangMentions(s string) string {
	if !strings.ContainsAny(s, "@#") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte(c)
		switch c {
		case '<':
			if i+2 < len(s) && (s[i+1] == '@' && strings.IndexByte("0123456789!&", s[i+2]) >= 0 ||
				s[i+1] == '#' && '0' <= s[i+2] && s[i+2] <= '9') {
				b.WriteString(zwsp)
			}
		case '@':
			if hasFoldPrefix(s[i+1:], "everyone") || hasFoldPrefix(s[i+1:], "here") {
				b.WriteString(zwsp)
			}
		}
	}
	return b.String()
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// NoMentions returns allowed mentions that let nothing ping: attach it to
// every message and edit. Its Parse is an empty, non-nil slice, which
// serialises as "parse":[]; a zero MessageAllowedMentions serialises as
// "parse":null, which does not stop pings.
func NoMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// EmbedLength returns the characters Discord counts for an embed against
// MaxEmbedTotal: title, description, field names and values, footer text and
// author name, in runes. A nil embed counts 0.
func EmbedLength(e *discordgo.MessageEmbed) int {
	if e == nil {
		return 0
	}
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	for _, f := range e.Fields {
		if f != nil {
			n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		}
	}
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	return n
}

// Citation is one numbered source under an answer.
type Citation struct {
	N                  int
	Title, Outlet, URL string
	Published          string // YYYY-MM-DD or ""
}

// AnswerView is what an answer embed shows.
type AnswerView struct {
	Text      string // the answer text with [n] markers
	Grounded  bool
	Citations []Citation
	Note      string // optional short note (e.g. "The documents do not cover this.")
	Footer    string // e.g. "extractive · 3 ms"
}

// Colours and titles of answer embeds.
const (
	ColorGrounded    = 0x2ECC71
	ColorNotGrounded = 0x95A5A6

	TitleGrounded    = "Answer"
	TitleNotGrounded = "Not covered by the documents"
)

const (
	ellipsis = "…"
	// minAnswerRunes is how much answer text AnswerEmbeds keeps room for
	// before it shortens the citations.
	minAnswerRunes = 500
	maxURLRunes    = 512
	maxOutletRunes = 100
	maxDateRunes   = 32
)

// citationStyles are the title lengths AnswerEmbeds tries, longest first,
// before it drops citations from the end.
var citationStyles = []int{MaxEmbedTitle, 100, 40}

// AnswerEmbeds renders an answer as the embeds of one message, within all of
// Discord's limits (each embed's, MaxEmbedTotal summed over the embeds, and
// MaxEmbeds).
//
// The first embed is titled TitleGrounded or TitleNotGrounded and coloured
// ColorGrounded or ColorNotGrounded. The description is Neutralize(v.Text),
// cut with Split into embeds of MaxEmbedDescription runes. After it come a
// "Note" field, the citations, one line each ("`[n]` [Title](URL) — Outlet,
// Published", missing parts left out), packed into "Sources" and then
// "Sources (cont.)" fields, and the footer. Titles, outlets and notes are
// neutralized; brackets and backticks in titles become parentheses and
// apostrophes so that they cannot break the link; a title that names another
// domain than its URL's is shown unlinked with the URL after it.
//
// Citations come first: when everything does not fit, the description is
// cut at a sentence or word boundary and ends with "…". Only when the
// citations would leave less than 500 runes of text are their titles
// shortened, and as a last resort the last ones replaced by "…and N more".
func AnswerEmbeds(v AnswerView) []*discordgo.MessageEmbed {
	title, color := TitleGrounded, ColorGrounded
	if !v.Grounded {
		title, color = TitleNotGrounded, ColorNotGrounded
	}
	footer := cutRunes(strings.TrimSpace(v.Footer), MaxEmbedFooter)
	var fields []*discordgo.MessageEmbedField
	if note := cutRunes(strings.TrimSpace(Neutralize(v.Note)), MaxEmbedFieldValue); note != "" {
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Note", Value: note})
	}
	text := strings.TrimSpace(Neutralize(v.Text))

	fixed := utf8.RuneCountInString(title) + utf8.RuneCountInString(footer) + fieldsLength(fields)
	room := MaxEmbedTotal - fixed - min(utf8.RuneCountInString(text), minAnswerRunes)
	var sources []*discordgo.MessageEmbedField
	for _, titleRunes := range citationStyles {
		sources = sourceFields(citationLines(v.Citations, titleRunes))
		if fieldsLength(sources) <= room {
			break
		}
	}
	if fieldsLength(sources) > room {
		sources = fitSources(citationLines(v.Citations, citationStyles[len(citationStyles)-1]), room)
	}
	fields = append(fields, sources...)

	budget := MaxEmbedTotal - fixed - fieldsLength(sources)
	for {
		embeds := assembleEmbeds(title, color, Split(truncateText(text, budget), MaxEmbedDescription), fields, footer)
		total := 0
		for _, e := range embeds {
			total += EmbedLength(e)
		}
		if (total <= MaxEmbedTotal && len(embeds) <= MaxEmbeds) || budget <= 0 {
			return embeds
		}
		// Split may have added fence lines, or made too many parts.
		budget -= max(total-MaxEmbedTotal, 1)
		if len(embeds) > MaxEmbeds {
			budget = min(budget, MaxEmbedTotal/2)
		}
	}
}

func assembleEmbeds(title string, color int, desc []string, fields []*discordgo.MessageEmbedField, footer string) []*discordgo.MessageEmbed {
	embeds := []*discordgo.MessageEmbed{{Title: title, Color: color}}
	for i, d := range desc {
		if i == 0 {
			embeds[0].Description = d
			continue
		}
		embeds = append(embeds, &discordgo.MessageEmbed{Description: d, Color: color})
	}
	last := embeds[len(embeds)-1]
	for _, f := range fields {
		if len(last.Fields) == MaxEmbedFields {
			last = &discordgo.MessageEmbed{Color: color}
			embeds = append(embeds, last)
		}
		last.Fields = append(last.Fields, f)
	}
	if footer != "" {
		last.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	return embeds
}

// truncateText returns text if it has at most budget runes, else its start
// ending in "…", within budget runes: cut like a Split part (not in a link,
// with code blocks closed), but at the latest sentence end that leaves it at
// least half full, else at the latest space.
func truncateText(text string, budget int) string {
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

func fieldsLength(fields []*discordgo.MessageEmbedField) int {
	return EmbedLength(&discordgo.MessageEmbed{Fields: fields})
}

var (
	inlineCleaner = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")
	// Brackets would end the link text, a backtick could open a code span
	// and a backslash could escape the closing bracket.
	linkTextCleaner = strings.NewReplacer("[", "(", "]", ")", "`", "'", "\\", "\uFF3C")
	urlEscaper      = strings.NewReplacer("(", "%28", ")", "%29", "<", "%3C", ">", "%3E", " ", "%20")
	domainRe        = regexp.MustCompile(`(?i)(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}`)
)

// inline makes s one neutralized line of at most n runes, safe inside the
// text of a Markdown link.
func inline(s string, n int) string {
	s = linkTextCleaner.Replace(Neutralize(inlineCleaner.Replace(s)))
	return cutRunes(strings.TrimSpace(s), n)
}

// citationLines renders one line per citation, titles cut to titleRunes.
func citationLines(cits []Citation, titleRunes int) []string {
	lines := make([]string, 0, len(cits))
	for _, c := range cits {
		lines = append(lines, citationLine(c, titleRunes))
	}
	return lines
}

func citationLine(c Citation, titleRunes int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "`[%d]` ", c.N)
	b.WriteString(titleLink(c.Title, c.URL, titleRunes))
	var meta []string
	for _, m := range []string{inline(c.Outlet, maxOutletRunes), inline(c.Published, maxDateRunes)} {
		if m != "" {
			meta = append(meta, m)
		}
	}
	if len(meta) > 0 {
		b.WriteString(" — " + strings.Join(meta, ", "))
	}
	return cutRunes(b.String(), MaxEmbedFieldValue)
}

// titleLink renders a document's title, cut to titleRunes, as a Markdown
// link to url when url is a safe http(s) link and the title does not name
// another domain (then the link is shown beside it).
func titleLink(title, url string, titleRunes int) string {
	title = inline(title, titleRunes)
	link, host := linkTarget(url)
	if title == "" {
		title = host
	}
	switch {
	case title == "":
		return "Untitled"
	case link == "":
		return title
	case namesOtherDomain(title, host):
		return title + " (<" + link + ">)"
	}
	return "[" + title + "](" + link + ")"
}

// linkTarget returns raw as a link target and its host, or "" and "" if it
// is not an http(s) URL or is too long to show.
func linkTarget(raw string) (link, host string) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		utf8.RuneCountInString(raw) > maxURLRunes {
		return "", ""
	}
	return urlEscaper.Replace(raw), strings.ToLower(u.Hostname())
}

// namesOtherDomain reports whether a link text shows a URL or a domain name
// other than host, which would make the link deceptive.
func namesOtherDomain(text, host string) bool {
	if strings.Contains(text, "://") {
		return true
	}
	for _, d := range domainRe.FindAllString(text, -1) {
		d = strings.ToLower(d)
		if d != host && !strings.HasSuffix(host, "."+d) && !strings.HasSuffix(d, "."+host) {
			return true
		}
	}
	return false
}

// sourceFields packs citation lines into fields of at most
// MaxEmbedFieldValue runes.
func sourceFields(lines []string) []*discordgo.MessageEmbedField {
	var fields []*discordgo.MessageEmbedField
	var cur strings.Builder
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		name := "Sources"
		if len(fields) > 0 {
			name = "Sources (cont.)"
		}
		fields = append(fields, &discordgo.MessageEmbedField{Name: name, Value: cur.String()})
		cur.Reset()
	}
	for _, l := range lines {
		if cur.Len() > 0 && utf8.RuneCountInString(cur.String())+1+utf8.RuneCountInString(l) > MaxEmbedFieldValue {
			flush()
		}
		if cur.Len() > 0 {
			cur.WriteByte('\n')
		}
		cur.WriteString(l)
	}
	flush()
	return fields
}

// fitSources keeps as many citation lines as fit in room runes of fields,
// with a last line saying how many were left out.
func fitSources(lines []string, room int) []*discordgo.MessageEmbedField {
	for k := len(lines) - 1; k > 0; k-- {
		kept := append(lines[:k:k], fmt.Sprintf("…and %d more", len(lines)-k))
		if f := sourceFields(kept); fieldsLength(f) <= room {
			return f
		}
	}
	return nil
}

// cutRunes cuts s to at most n runes, ending it with "…" if cut.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	i, k := 0, 0
	for i = range s {
		if k == n-1 {
			break
		}
		k++
	}
	return strings.TrimRightFunc(s[:i], unicode.IsSpace) + ellipsis
}
