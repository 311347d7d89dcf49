package bot

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"cabot/bot/discordmd"

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
	// Title replaces TitleGrounded or TitleNotGrounded when set.
	Title string
	// Question, when set, is shown above the answer, neutralized, on one
	// line (the embed's author line, where links and mentions do not
	// render).
	Question  string
	Text      string // the answer text with [n] markers
	Grounded  bool
	Citations []Citation
	Note      string // optional short note (e.g. "The documents do not cover this.")
	Footer    string // e.g. "extractive · 3 ms"
	// FollowUp, when set, says how to ask a follow-up; it is shown on its
	// own line under the footer.
	FollowUp string
}

// Colours and titles of answer embeds.
const (
	ColorGrounded    = 0x2ECC71
	ColorNotGrounded = 0x95A5A6

	TitleGrounded    = "Answer"
	TitleNotGrounded = "Not covered by the documents"
)

const (
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
// ColorGrounded or ColorNotGrounded. The description is
// discordmd.Neutralize(v.Text), cut with discordmd.Split into embeds of
// MaxEmbedDescription runes. After it come a "Note" field, the citations, one
// line each ("`[n]` [Title](URL) — Outlet, Published", missing parts left
// out), packed into "Sources" and then "Sources (cont.)" fields, and the
// footer. Titles, outlets and notes are neutralized; brackets and backticks
// in titles become parentheses and apostrophes so that they cannot break the
// link; a title that names another domain than its URL's is shown unlinked
// with the URL after it.
//
// Citations come first: when everything does not fit, the description is
// cut with discordmd.Truncate, at a sentence or word boundary, and ends with
// "…". Only when the citations would leave less than 500 runes of text are
// their titles shortened, and as a last resort the last ones replaced by
// "…and N more".
func AnswerEmbeds(v AnswerView) []*discordgo.MessageEmbed {
	title, color := TitleGrounded, ColorGrounded
	if !v.Grounded {
		title, color = TitleNotGrounded, ColorNotGrounded
	}
	if t := inline(v.Title, MaxEmbedTitle); t != "" {
		title = t
	}
	question := questionLine(v.Question)
	footer := discordmd.CutRunes(strings.TrimSpace(strings.TrimSpace(v.Footer)+"\n"+strings.TrimSpace(v.FollowUp)), MaxEmbedFooter)
	var fields []*discordgo.MessageEmbedField
	if note := discordmd.CutRunes(strings.TrimSpace(discordmd.Neutralize(v.Note)), MaxEmbedFieldValue); note != "" {
		fields = append(fields, &discordgo.MessageEmbedField{Name: "Note", Value: note})
	}
	text := strings.TrimSpace(discordmd.Neutralize(v.Text))

	fixed := utf8.RuneCountInString(title) + utf8.RuneCountInString(question) + utf8.RuneCountInString(footer) + fieldsLength(fields)
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
		embeds := assembleEmbeds(title, color, discordmd.Split(discordmd.Truncate(text, budget), MaxEmbedDescription), fields, footer)
		if question != "" {
			embeds[0].Author = &discordgo.MessageEmbedAuthor{Name: question}
		}
		total := 0
		for _, e := range embeds {
			total += EmbedLength(e)
		}
		if (total <= MaxEmbedTotal && len(embeds) <= MaxEmbeds) || budget <= 0 {
			return embeds
		}
		// discordmd.Split may have added fence lines, or made too many parts.
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
	s = linkTextCleaner.Replace(discordmd.Neutralize(inlineCleaner.Replace(s)))
	return discordmd.CutRunes(strings.TrimSpace(s), n)
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
	b.WriteString(citationMeta(c))
	return discordmd.CutRunes(b.String(), MaxEmbedFieldValue)
}

// citationMeta is " — outlet, date" of a citation, "" when it has neither.
func citationMeta(c Citation) string {
	var meta []string
	for _, m := range []string{inline(c.Outlet, maxOutletRunes), inline(c.Published, maxDateRunes)} {
		if m != "" {
			meta = append(meta, m)
		}
	}
	if len(meta) == 0 {
		return ""
	}
	return " — " + strings.Join(meta, ", ")
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

// questionLine is how a question is shown above its answer: one line,
// neutralized, within MaxEmbedAuthorName.
func questionLine(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if q == "" {
		return ""
	}
	return inline("❓ "+q, MaxEmbedAuthorName)
}

// maxParts is the most messages one answer is continued over.
const maxParts = 10

// AnswerParts renders an answer as the embeds of one or more messages, so
// that nothing is cut: the text continues from one message to the next,
// each message within Discord's limits (as AnswerEmbeds). Each part lists
// the sources its text cites; sources cited nowhere are listed in the last.
// The question and the note are shown in the first part, the footer and the
// follow-up hint in the last; with several parts the titles say "(1/3)",
// "(2/3)"... Parts are cut at paragraph, line or sentence ends, never
// between a sentence and its citation markers. An answer longer than
// maxParts messages is cut in the last, as AnswerEmbeds does.
func AnswerParts(v AnswerView) [][]*discordgo.MessageEmbed {
	text := strings.TrimSpace(discordmd.Neutralize(v.Text))
	first, last := v, v
	first.Footer, first.FollowUp = "", ""
	last.Question, last.Note = "", ""
	fixed := EmbedLength(AnswerEmbeds(AnswerView{Title: v.Title, Grounded: v.Grounded, Question: v.Question, Note: v.Note,
		Footer: v.Footer, FollowUp: v.FollowUp})[0])
	byN := map[int]Citation{}
	for _, c := range v.Citations {
		byN[c.N] = c
	}
	var chunks []string
	for size := MaxEmbedDescription; ; size = size * 3 / 4 {
		chunks = splitCited(text, size)
		fits := true
		for _, c := range chunks {
			if utf8.RuneCountInString(c)+fixed+fieldsLength(sourceFields(citationLines(cited(c, byN), MaxEmbedTitle))) > MaxEmbedTotal {
				fits = false
				break
			}
		}
		if fits || size < 2*minAnswerRunes {
			break
		}
	}
	if len(chunks) <= 1 {
		return [][]*discordgo.MessageEmbed{AnswerEmbeds(v)}
	}
	if len(chunks) > maxParts {
		chunks = append(chunks[:maxParts-1], strings.Join(chunks[maxParts-1:], "\n\n"))
	}
	listed := map[int]bool{}
	for _, c := range chunks {
		for _, cit := range cited(c, byN) {
			listed[cit.N] = true
		}
	}
	title := v.Title
	if title == "" {
		title = TitleGrounded
		if !v.Grounded {
			title = TitleNotGrounded
		}
	}
	parts := make([][]*discordgo.MessageEmbed, 0, len(chunks))
	for k, c := range chunks {
		pv := AnswerView{Grounded: v.Grounded, Text: c, Citations: cited(c, byN)}
		switch k {
		case 0:
			pv = first
			pv.Text, pv.Citations = c, cited(c, byN)
		case len(chunks) - 1:
			pv = last
			pv.Text, pv.Citations = c, cited(c, byN)
			for _, cit := range v.Citations {
				if !listed[cit.N] {
					pv.Citations = append(pv.Citations, cit)
				}
			}
		}
		pv.Title = fmt.Sprintf("%s (%d/%d)", title, k+1, len(chunks))
		parts = append(parts, AnswerEmbeds(pv))
	}
	return parts
}

// citeMarkRe matches citation markers: [3], [1, 2].
var citeMarkRe = regexp.MustCompile(`\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]`)

// leadingCitesRe matches the citation markers a part of a split text
// starts with.
var leadingCitesRe = regexp.MustCompile(`^(?:\[\d{1,3}(?:\s*,\s*\d{1,3})*\][ \t]*)+`)

// cited returns the citations of byN that text cites, in order of first
// citation.
func cited(text string, byN map[int]Citation) []Citation {
	var out []Citation
	seen := map[int]bool{}
	for _, m := range citeMarkRe.FindAllStringSubmatch(text, -1) {
		for _, f := range strings.Split(m[1], ",") {
			var n int
			if _, err := fmt.Sscan(strings.TrimSpace(f), &n); err != nil || seen[n] {
				continue
			}
			if c, ok := byN[n]; ok {
				seen[n] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// citeSlack is the room splitCited keeps for markers moved back to the
// part they belong to.
const citeSlack = 40

// splitCited splits text as discordmd.Split does into parts of at most
// limit runes, but never leaves citation markers at the start of a part:
// they belong to the sentence before them, at the end of the previous part.
func splitCited(text string, limit int) []string {
	parts := discordmd.Split(text, max(limit-citeSlack, 64))
	out := parts[:0]
	for _, p := range parts {
		if m := leadingCitesRe.FindString(p); m != "" && len(out) > 0 && utf8.RuneCountInString(m) <= citeSlack {
			out[len(out)-1] += " " + strings.TrimSpace(m)
			if p = strings.TrimSpace(p[len(m):]); p == "" {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// Answer styles: embeds, or plain text for people who turn embeds off or
// copy answers on a phone.
const (
	StyleEmbed = "embed"
	StyleText  = "text"
)

// AnswerTexts renders an answer as the contents of one or more plain-text
// messages of at most MaxMessage runes: a bold title, the question quoted
// (neutralized, links broken so that they do not resolve), the text, the
// note, then under "Sources" one line per source the part cites
// ("`[n]` Title — Outlet, Published <URL>"), and the footer and follow-up
// hint in small print in the last part. Like AnswerParts it continues a
// long text over several messages, each listing the sources it cites, and
// never cuts between a sentence and its citation markers.
func AnswerTexts(v AnswerView) []string {
	title := TitleGrounded
	if !v.Grounded {
		title = TitleNotGrounded
	}
	if t := inline(v.Title, MaxEmbedTitle); t != "" {
		title = t
	}
	text := strings.TrimSpace(discordmd.Neutralize(v.Text))
	head := "**" + title + "**"
	if q := questionLine(v.Question); q != "" {
		head += "\n> " + strings.ReplaceAll(q, "://", ":/\u200b/")
	}
	var tail []string
	if note := inline(v.Note, MaxEmbedFieldValue); note != "" {
		tail = append(tail, "*"+note+"*")
	}
	var small []string
	for _, l := range strings.Split(strings.TrimSpace(v.Footer+"\n"+v.FollowUp), "\n") {
		if l = inline(l, 300); l != "" {
			small = append(small, "-# "+l)
		}
	}
	byN := map[int]Citation{}
	for _, c := range v.Citations {
		byN[c.N] = c
	}
	fixed := utf8.RuneCountInString(head+strings.Join(tail, "\n")+strings.Join(small, "\n")) + 16
	var chunks []string
	for size := MaxMessage; ; size = size * 3 / 4 {
		chunks = splitCited(text, size)
		fits := true
		for _, c := range chunks {
			if utf8.RuneCountInString(c+textSources(cited(c, byN)))+fixed > MaxMessage {
				fits = false
				break
			}
		}
		if fits || size < minAnswerRunes {
			break
		}
	}
	if len(chunks) == 0 {
		chunks = []string{""}
	}
	listed := map[int]bool{}
	for _, c := range chunks {
		for _, cit := range cited(c, byN) {
			listed[cit.N] = true
		}
	}
	var out []string
	for k, c := range chunks {
		var b strings.Builder
		h := "**" + title + "**"
		if len(chunks) > 1 {
			h = fmt.Sprintf("**%s (%d/%d)**", title, k+1, len(chunks))
		}
		if k == 0 {
			h = strings.Replace(head, "**"+title+"**", h, 1)
		}
		b.WriteString(h)
		if c != "" {
			b.WriteString("\n" + c)
		}
		cits := cited(c, byN)
		if k == 0 && len(tail) > 0 {
			b.WriteString("\n\n" + strings.Join(tail, "\n"))
		}
		if k == len(chunks)-1 {
			for _, cit := range v.Citations {
				if !listed[cit.N] {
					cits = append(cits, cit)
				}
			}
		}
		b.WriteString(textSources(cits))
		if k == len(chunks)-1 && len(small) > 0 {
			b.WriteString("\n" + strings.Join(small, "\n"))
		}
		// Only a pathological part (a source list longer than a message)
		// needs this; Split cuts it at line ends.
		out = append(out, discordmd.Split(b.String(), MaxMessage)...)
	}
	return out
}

// textSources is the "Sources" block of a plain-text answer.
func textSources(cits []Citation) string {
	if len(cits) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n\n**Sources**")
	for _, c := range cits {
		fmt.Fprintf(&b, "\n`[%d]` %s", c.N, cmp.Or(inline(c.Title, MaxEmbedTitle), "Untitled"))
		b.WriteString(citationMeta(c))
		if link, _ := linkTarget(c.URL); link != "" {
			b.WriteString(" <" + link + ">")
		}
	}
	return b.String()
}
