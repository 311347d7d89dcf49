package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"math"
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

// extractPDF reads the text of every page. ledongthuc/pdf panics on some
// damaged files; the panic becomes an error.
func extractPDF(data []byte) (doc Document, err error) {
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
	var pages [][]pdfLine
	for _, p := range pageList {
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

// errPageTree is the error for a page tree that loops or nests absurdly.
var errPageTree = errors.New("read PDF: the file is damaged (its page tree loops)")

// pdfPages lists the pages of a document in order. It walks the page tree
// itself, with a depth and a node limit, because Reader.Page and the
// lookup of inherited attributes loop forever on a tree with a cycle.
func pdfPages(r *pdf.Reader, limit int) ([]pdf.Page, error) {
	const maxDepth = 64
	var pages []pdf.Page
	visits := 0
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		visits++
		if depth > maxDepth || visits > limit {
			return errPageTree
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
			// Fonts are looked up through /Parent until it ends.
			up := v
			for n := 0; !up.IsNull(); n++ {
				if n > maxDepth {
					return errPageTree
				}
				up = up.Key("Parent")
			}
			pages = append(pages, pdf.Page{V: v})
		}
		return nil
	}
	err := walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return pages, err
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
