package corpus

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// ParseArticle turns article text, as people paste it, into a Document:
//
//   - an optional front matter block between "---" lines, with "key: value"
//     lines (title, author, outlet, url, language, published);
//   - a title: a Markdown heading, or a short first line with no final period;
//   - a byline: "By NAME" (or "Por NAME");
//   - body paragraphs;
//   - a trailing source: the article's URL and the outlet's name as the last
//     lines, in either order, or a "Source: ..." line.
//
// Front matter wins over what is found in the text. The body keeps each
// paragraph's words exactly; paragraphs are separated by one blank line and
// the lines of a paragraph are joined with a space. ParseArticle fails only
// when there is no body text or a front matter value is unusable.
func ParseArticle(raw string) (Document, error) {
	raw = strings.TrimPrefix(raw, "\ufeff")
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	raw = strings.ReplaceAll(raw, "\r", "\n")

	var doc Document
	meta, rest, err := splitFrontMatter(raw)
	if err != nil {
		return Document{}, err
	}
	raw = rest

	var blocks []string
	for _, p := range Paragraphs(raw) {
		lines := strings.Split(raw[p.Start:p.End], "\n")
		for k := range lines {
			lines[k] = strings.Join(strings.Fields(lines[k]), " ")
		}
		blocks = append(blocks, lines...)
		blocks = append(blocks, "") // paragraph break marker
	}
	paras := joinParagraphs(blocks)

	// Title and byline at the top.
	if len(paras) > 0 {
		if t, ok := titleLine(paras[0], len(paras) > 1); ok {
			doc.Title = t
			paras = paras[1:]
		}
	}
	if len(paras) > 0 {
		if m := bylineRe.FindStringSubmatch(paras[0]); m != nil {
			doc.Author = strings.TrimSpace(m[1])
			paras = paras[1:]
		}
	}
	// Source lines at the bottom.
	for n := 0; n < 2 && len(paras) > 1; n++ {
		last := paras[len(paras)-1]
		if u, ok := bareURL(last); ok && doc.URL == "" {
			doc.URL = u
		} else if m := sourceRe.FindStringSubmatch(last); m != nil && doc.Outlet == "" {
			doc.Outlet = strings.TrimSpace(m[1])
		} else if doc.Outlet == "" && looksLikeOutlet(last) && (doc.URL != "" || nextIsURL(paras)) {
			doc.Outlet = last
		} else {
			break
		}
		paras = paras[:len(paras)-1]
	}
	doc.Text = strings.Join(paras, "\n\n")
	if strings.TrimSpace(doc.Text) == "" {
		return Document{}, fmt.Errorf("parse article: no body text")
	}
	if err := applyFrontMatter(&doc, meta); err != nil {
		return Document{}, err
	}
	if doc.Language == "" {
		doc.Language = GuessLanguage(doc.Text)
	}
	doc.ID = DocumentID(doc.Text)
	return doc, nil
}

var (
	bylineRe = regexp.MustCompile(`^(?:[Bb]y|BY|[Pp]or|POR)\s+(\p{Lu}[\p{L}'’.-]*(?:,?\s+(?:\p{Lu}[\p{L}'’.-]*|de|del|la|las|los|da|das|do|dos|y|e|and|van|von|der|di|le|bin|al|el)){0,7})$`)
	sourceRe = regexp.MustCompile(`^(?i:source|fuente)\s*:\s*(\S.{0,100})$`)
	urlRe    = regexp.MustCompile(`^<?(https?://\S+?)>?$`)
)

// joinParagraphs joins the lines of each paragraph (separated by "" markers)
// with a space.
func joinParagraphs(blocks []string) []string {
	var out []string
	var cur []string
	for _, b := range blocks {
		if b == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = nil
			}
			continue
		}
		// Headings, bylines, bare URLs and "Source:" lines stand alone even
		// without blank lines around them.
		if standaloneLine(b) {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = nil
			}
			out = append(out, b)
			continue
		}
		cur = append(cur, b)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

func standaloneLine(line string) bool {
	if strings.HasPrefix(line, "#") || bylineRe.MatchString(line) || sourceRe.MatchString(line) {
		return true
	}
	_, ok := bareURL(line)
	return ok
}

func titleLine(p string, more bool) (string, bool) {
	if h := strings.TrimLeft(p, "#"); h != p && strings.HasPrefix(h, " ") {
		return strings.TrimSpace(h), true
	}
	if !more || utf8.RuneCountInString(p) > 200 {
		return "", false
	}
	if strings.ContainsAny(p[len(p)-1:], ".!?:;,") || bylineRe.MatchString(p) {
		return "", false
	}
	return p, true
}

func bareURL(p string) (string, bool) {
	m := urlRe.FindStringSubmatch(p)
	if m == nil {
		return "", false
	}
	u, err := url.Parse(m[1])
	if err != nil || u.Host == "" {
		return "", false
	}
	return m[1], true
}

func nextIsURL(paras []string) bool {
	if len(paras) < 2 {
		return false
	}
	_, ok := bareURL(paras[len(paras)-2])
	return ok
}

func looksLikeOutlet(p string) bool {
	return utf8.RuneCountInString(p) <= 60 && !strings.ContainsAny(p[len(p)-1:], ".!?:;,")
}

func splitFrontMatter(raw string) (map[string]string, string, error) {
	trimmed := strings.TrimLeft(raw, " \t\n")
	if !strings.HasPrefix(trimmed, "---\n") {
		return nil, raw, nil
	}
	lines := strings.Split(trimmed, "\n")
	end := -1
	for k := 1; k < len(lines); k++ {
		if strings.TrimSpace(lines[k]) == "---" {
			end = k
			break
		}
	}
	if end < 0 {
		return nil, "", fmt.Errorf("parse front matter: no closing \"---\" line")
	}
	meta := map[string]string{}
	canonical := map[string]string{"source": "outlet", "site": "outlet", "lang": "language", "date": "published"}
	for n, line := range lines[1:end] {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, "", fmt.Errorf("parse front matter: line %d: want \"key: value\", got %q", n+2, line)
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if c, ok := canonical[k]; ok {
			k = c
		}
		if _, dup := meta[k]; dup {
			return nil, "", fmt.Errorf("parse front matter: line %d: %s is given twice", n+2, k)
		}
		meta[k] = strings.Trim(strings.TrimSpace(v), `"`)
	}
	return meta, strings.Join(lines[end+1:], "\n"), nil
}

func applyFrontMatter(doc *Document, meta map[string]string) error {
	for k, v := range meta {
		if v == "" {
			continue
		}
		switch k {
		case "title":
			doc.Title = v
		case "author":
			doc.Author = v
		case "outlet":
			doc.Outlet = v
		case "url":
			u, ok := bareURL(v)
			if !ok {
				return fmt.Errorf("parse front matter: url %q is not an http(s) address", v)
			}
			doc.URL = u
		case "language":
			doc.Language = strings.ToLower(v)
		case "published":
			t, err := ParseDate(v)
			if err != nil {
				return fmt.Errorf("parse front matter: %w", err)
			}
			doc.Published = t
		default:
			return fmt.Errorf("parse front matter: unknown key %q (known: title, author, outlet, url, language, published)", k)
		}
	}
	return nil
}

// ParseDate reads a publication date written as YYYY-MM-DD, or as an RFC 3339
// time.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Truncate(24 * time.Hour), nil
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
}

// GuessLanguage returns "en" or "es" by counting common function words, or ""
// when the text gives too little to tell.
func GuessLanguage(text string) string {
	en, es := 0, 0
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Trim(w, ".,;:!?\"'()“”")
		switch w {
		case "the", "and", "of", "to", "in", "is", "that", "with", "for", "was":
			en++
		case "el", "la", "los", "las", "y", "de", "que", "en", "con", "para", "por", "del":
			es++
		}
	}
	switch {
	case en >= 3 && en > 2*es:
		return "en"
	case es >= 3 && es > 2*en:
		return "es"
	}
	return ""
}
