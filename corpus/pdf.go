package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// pdfLine is one line of text on a page.
type pdfLine struct {
	text       string
	x, y, size float64
}

// maxPDFPages bounds the pages of a PDF.
const maxPDFPages = 2000

// extractPDF reads the text of every page. ledongthuc/pdf panics on some
// damaged files; the panic becomes an error. The streams read for the text
// (page contents and fonts' ToUnicode maps) may inflate to maxInflate bytes
// in all.
//
// Two traps of the library are out of reach here: a cross-reference chain
// that loops (NewReader never returns) and an object stream that inflates
// without end. Extractor stops those by its deadline.
func extractPDF(data []byte, maxInflate int64) (doc Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = Document{}, fmt.Errorf("read PDF: the file is damaged or uses features cabot cannot read (%v)", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return Document{}, errors.New("read PDF: the file is password-protected; send an unprotected copy")
	}
	if err != nil {
		return Document{}, fmt.Errorf("read PDF: %w", err)
	}
	pageList, err := pdfPages(r, max(1000, len(data)/16))
	if err != nil {
		return Document{}, err
	}
	budget := inflateBudget{left: maxInflate, limit: maxInflate, seen: map[uint64]bool{}}
	var pages [][]pdfLine
	for _, p := range pageList {
		if err := budget.spendPage(p.V); err != nil {
			return Document{}, err
		}
		pages = append(pages, pageLines(p.Content().Text))
	}
	paras := pdfParagraphs(pages)
	if len(paras) == 0 {
		return Document{}, errors.New("the PDF has no text layer (it is probably scanned images); send a PDF with selectable text, or paste the text")
	}
	text := strings.Join(paras, "\n\n")
	doc, err = ParseArticle(text)
	if err != nil {
		// The text is not article-shaped (for instance it starts with
		// "---"); keep it whole.
		doc = Document{Text: text}
	}
	if t := pdfInfoTitle(r); t != "" {
		if doc.Title == "" && len(paras) > 1 && normalizeForHash(paras[0]) == normalizeForHash(t) {
			doc.Text = strings.TrimSpace(strings.TrimPrefix(doc.Text, paras[0]))
		}
		doc.Title = t
	}
	return doc, nil
}

// errPageTree is the error for a page tree that loops, repeats a page or
// nests absurdly.
var errPageTree = errors.New("read PDF: the file is damaged (its page tree loops or lists a page twice)")

// maxPDFDepth bounds the nesting of the page tree.
const maxPDFDepth = 64

// pdfPages lists the pages of a document in order. It walks the page tree
// itself, visiting each object once and at most limit nodes, because
// Reader.Page and the lookup of inherited attributes loop forever on a tree
// with a cycle, and a tree that lists one page many times makes every later
// step repeat.
func pdfPages(r *pdf.Reader, limit int) ([]pdf.Page, error) {
	var pages []pdf.Page
	seen := map[uint64]bool{}
	visits := 0
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		visits++
		if depth > maxPDFDepth || visits > limit {
			return errPageTree
		}
		if id, ok := pdfObjectID(v); ok {
			if seen[id] {
				return errPageTree
			}
			seen[id] = true
		}
		kids := v.Key("Kids")
		switch t := v.Key("Type").Name(); {
		case t == "Pages" || t == "" && kids.Kind() == pdf.Array:
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), depth+1); err != nil {
					return err
				}
			}
		case t == "Page" || t == "" && !v.Key("Contents").IsNull():
			if len(pages) == maxPDFPages {
				return limitErrorf("read PDF: it has more than %s pages; the limit is %s", thousands(maxPDFPages), thousands(maxPDFPages))
			}
			// The library looks fonts up through /Parent until it finds
			// /Resources or the chain ends.
			if _, ok := pdfResources(v); !ok {
				return errPageTree
			}
			pages = append(pages, pdf.Page{V: v})
		}
		return nil
	}
	err := walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return pages, err
}

// pdfResources finds the resources of a page as the library does, through
// /Parent; ok is false when the chain of parents is too long (a loop).
func pdfResources(page pdf.Value) (res pdf.Value, ok bool) {
	v := page
	for n := 0; !v.IsNull(); n++ {
		if n > maxPDFDepth {
			return pdf.Value{}, false
		}
		if res = v.Key("Resources"); !res.IsNull() {
			return res, true
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}, true
}

// pdfObjectID returns the object number and generation of v, which the
// library keeps unexported: the same object read twice gives two Values with
// the same ID (a direct object has the ID of the object that holds it). ok
// is false if a new version of the library changes its Value; the walk then
// relies on its node limit.
func pdfObjectID(v pdf.Value) (id uint64, ok bool) {
	ptr := reflect.ValueOf(v).FieldByName("ptr")
	if !ptr.IsValid() || ptr.Kind() != reflect.Struct {
		return 0, false
	}
	num, gen := ptr.FieldByName("id"), ptr.FieldByName("gen")
	if !num.IsValid() || !gen.IsValid() || !num.CanUint() || !gen.CanUint() {
		return 0, false
	}
	return num.Uint()<<16 | gen.Uint(), true
}

// inflateBudget bounds the bytes that the streams read for the text of a
// PDF inflate to, so that a compression bomb is refused after a few MB
// instead of being inflated for minutes. Each page's content is counted,
// each ToUnicode map once.
type inflateBudget struct {
	left, limit int64
	seen        map[uint64]bool
}

// spendPage reads the content streams and the ToUnicode maps of a page.
func (b *inflateBudget) spendPage(page pdf.Value) error {
	if err := b.spend(page.Key("Contents"), false); err != nil {
		return err
	}
	res, _ := pdfResources(page)
	fonts := res.Key("Font")
	for _, name := range fonts.Keys() {
		if err := b.spend(fonts.Key(name).Key("ToUnicode"), true); err != nil {
			return err
		}
	}
	return nil
}

// spend reads a stream, or an array of streams, through the budget; once
// skips a stream read before.
func (b *inflateBudget) spend(v pdf.Value, once bool) error {
	switch v.Kind() {
	case pdf.Array:
		for i := 0; i < v.Len(); i++ {
			if err := b.spend(v.Index(i), once); err != nil {
				return err
			}
		}
		return nil
	case pdf.Stream:
	default:
		return nil
	}
	if id, ok := pdfObjectID(v); ok && once {
		if b.seen[id] {
			return nil
		}
		b.seen[id] = true
	}
	rd := v.Reader()
	defer rd.Close()
	// A damaged stream is the library's business: only its size counts.
	n, _ := io.Copy(io.Discard, io.LimitReader(rd, b.left+1))
	if n > b.left {
		return limitErrorf("read PDF: its text streams inflate to more than %s, the limit for one document", HumanBytes(b.limit))
	}
	b.left -= n
	return nil
}

var (
	pageNumberRe  = regexp.MustCompile(`(?i)^(?:(?:page|p\.|pág\.?|página)\s*)?\d{1,4}(?:\s*(?:/|of|de)\s*\d{1,4})?$`)
	fileNameRe    = regexp.MustCompile(`(?i)\.(?:docx?|odt|rtf|pdf|txt|indd|pages|qxd|tex)$`)
	sentenceEndRe = regexp.MustCompile(`[.!?:…]["'”’»)]*$`)
)

// pdfInfoTitle returns the /Title of the document information dictionary
// unless it is a file name or a placeholder.
func pdfInfoTitle(r *pdf.Reader) string {
	t := collapseText(r.Trailer().Key("Info").Key("Title").Text())
	t = strings.TrimPrefix(t, "Microsoft Word - ")
	switch {
	case fileNameRe.MatchString(t), strings.EqualFold(t, "untitled"), strings.EqualFold(t, "title"):
		return ""
	}
	return t
}

// pageLines groups the glyphs of a page into lines, in the order they are
// drawn. A glyph far enough to the right of the previous one starts a new
// word: many PDFs place words without space characters.
func pageLines(texts []pdf.Text) []pdfLine {
	var lines []pdfLine
	var cur pdfLine
	var b strings.Builder
	var lastX, lastW float64
	started := false
	flush := func() {
		raw := strings.TrimRightFunc(b.String(), unicode.IsSpace)
		if s := collapseText(raw); s != "" {
			if strings.HasSuffix(raw, "\u00ad") { // a soft hyphen breaks a word
				s += "\u00ad"
			}
			cur.text = s
			lines = append(lines, cur)
		}
		b.Reset()
		started = false
	}
	for _, t := range texts {
		if t.S == "" || t.S == "\n" || t.S == "\r" {
			continue
		}
		size := math.Abs(t.FontSize)
		if size < 1 || math.IsNaN(size) {
			size = 1
		}
		switch {
		case !started:
		case math.Abs(t.Y-cur.y) > 0.5*max(size, cur.size):
			flush()
		case t.X-(lastX+lastW) > 0.15*size:
			b.WriteByte(' ')
		}
		if !started {
			cur = pdfLine{x: t.X, y: t.Y, size: size}
			started = true
		}
		b.WriteString(t.S)
		cur.size = max(cur.size, size)
		lastX, lastW = t.X, t.W
	}
	flush()
	return lines
}

// pdfParagraphs joins lines into paragraphs. A paragraph ends at a vertical
// gap clearly wider than the usual line spacing, at a change of font size,
// at an indented first line, when the text moves up (a new column), and at
// the end of a page when the last line ends a sentence. Page numbers are
// dropped.
func pdfParagraphs(pages [][]pdfLine) []string {
	var gaps []float64
	for _, lines := range pages {
		for i := 1; i < len(lines); i++ {
			if dy := lines[i-1].y - lines[i].y; dy > 0 && dy < 4*lines[i].size {
				gaps = append(gaps, dy)
			}
		}
	}
	// The usual line spacing: the lower quartile of the gaps between lines,
	// as paragraph gaps may be as frequent as line gaps.
	lineGap := 0.0
	if len(gaps) > 0 {
		slices.Sort(gaps)
		lineGap = gaps[len(gaps)/4]
	}

	var paras []string
	var cur string
	end := func() {
		if cur = strings.TrimSuffix(cur, "\u00ad"); cur != "" {
			paras = append(paras, cur)
		}
		cur = ""
	}
	for _, lines := range pages {
		margin := pdfLeftMargin(lines)
		var prev *pdfLine
		for i := range lines {
			l := &lines[i]
			if pageNumberRe.MatchString(l.text) {
				continue
			}
			switch {
			case prev == nil:
				// First line of a page: a new paragraph unless the last one
				// runs over from the previous page.
				if cur != "" && sentenceEndRe.MatchString(cur) {
					end()
				}
			default:
				dy := prev.y - l.y
				wide := lineGap > 0 && dy > 1.3*lineGap || dy > 2.2*l.size
				indented := l.x-margin > 0.8*l.size && prev.x-margin <= 0.8*l.size
				if dy <= 0 || wide || math.Abs(l.size-prev.size) > 0.5 || indented {
					end()
				}
			}
			cur = joinPDFLine(cur, l.text)
			prev = l
		}
	}
	end()
	return paras
}

// pdfLeftMargin is the most common starting x of the lines of a page.
func pdfLeftMargin(lines []pdfLine) float64 {
	count := map[int]int{}
	best, bestN := 0, 0
	for _, l := range lines {
		x := int(math.Round(l.x))
		count[x]++
		if count[x] > bestN || count[x] == bestN && x < best {
			best, bestN = x, count[x]
		}
	}
	return float64(best)
}

// joinPDFLine appends a line to a paragraph: with a space, or without the
// hyphen of a word broken across the lines ("Cu-" + "ban" = "Cuban"); a
// hyphen before a capital or a digit is kept ("Franco-" + "Cuban").
func joinPDFLine(par, line string) string {
	if par == "" {
		return line
	}
	if strings.HasSuffix(par, "\u00ad") {
		return strings.TrimSuffix(par, "\u00ad") + line
	}
	last, _ := utf8.DecodeLastRuneInString(par)
	if last == '-' || last == '\u2010' {
		before, _ := utf8.DecodeLastRuneInString(par[:len(par)-utf8.RuneLen(last)])
		next, _ := utf8.DecodeRuneInString(line)
		if unicode.IsLetter(before) {
			if unicode.IsLower(next) {
				return par[:len(par)-utf8.RuneLen(last)] + line
			}
			return par + line
		}
	}
	return par + " " + line
}
