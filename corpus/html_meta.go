package corpus

import (
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var bylinePrefixRe = regexp.MustCompile(`(?i)^(?:by|por|written by|escrito por)\s*:?\s+`)

// cleanByline turns "By Ana Pérez | 4 May 2023" into "Ana Pérez".
func cleanByline(s string) string {
	s = collapseText(s)
	s = bylinePrefixRe.ReplaceAllString(s, "")
	for _, sep := range []string{" | ", " · ", " • "} {
		s, _, _ = strings.Cut(s, sep)
	}
	if utf8.RuneCountInString(s) > 100 {
		return ""
	}
	return s
}

// stripSiteSuffix removes " | Outlet" (or " - ", " – ", " — ", " · ") from a
// title when the last part names the outlet or the site's domain.
func stripSiteSuffix(title, outlet, sourceURL string) string {
	title = collapseText(title)
	host := ""
	if u, err := url.Parse(sourceURL); err == nil {
		host = strings.ToLower(u.Hostname())
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " :: ", " » "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		last := strings.TrimSpace(title[i+len(sep):])
		squashed := strings.ToLower(strings.Join(strings.Fields(last), ""))
		if outlet != "" && strings.EqualFold(last, outlet) ||
			host != "" && squashed != "" && strings.Contains(host, squashed) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// primaryLang returns the primary subtag of a language tag, in lower case:
// "es" from "es-ES" or "es_ES".
func primaryLang(tag string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(tag), "-")
	p, _, _ = strings.Cut(p, "_")
	if n := len(p); n < 2 || n > 3 {
		return ""
	}
	for _, r := range p {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return ""
		}
	}
	return strings.ToLower(p)
}

var (
	dateOnlyRe      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	dateTimeLayouts = []string{
		time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00",
		"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05",
	}
)

// parseHTMLDate reads an RFC 3339 time or a YYYY-MM-DD date and keeps the
// calendar date as written, the date the page shows its readers, as midnight
// UTC.
func parseHTMLDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	var t time.Time
	var err error
	if dateOnlyRe.MatchString(s) {
		t, err = time.Parse(time.DateOnly, s)
	} else {
		err = errors.New("no layout")
		for _, layout := range dateTimeLayouts {
			if t, err = time.Parse(layout, s); err == nil {
				break
			}
		}
	}
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, false
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

func firstDate(candidates ...string) time.Time {
	for _, c := range candidates {
		if t, ok := parseHTMLDate(c); ok {
			return t
		}
	}
	return time.Time{}
}

// collectMeta reads the metadata of a page: <html lang>, <title>, the
// article's h1 and <time>, <meta> tags (keys lower-cased: name, property,
// itemprop, http-equiv), the canonical link and JSON-LD.
func collectMeta(root *html.Node) htmlMeta {
	m := htmlMeta{meta: map[string]string{}}
	var h1s, articleH1s []string
	var walk func(n *html.Node, inArticle, inSVG, inComments bool)
	walk = func(n *html.Node, inArticle, inSVG, inComments bool) {
		if n.Type == html.ElementNode {
			words := classWords(n)
			inComments = inComments || slices.ContainsFunc(words, func(w string) bool {
				return strings.HasPrefix(w, "comment") || strings.HasPrefix(w, "comentario") || w == "replies" || w == "reply"
			})
			if m.byline == "" && !inComments && !inSVG && (strings.EqualFold(htmlAttr(n, "rel"), "author") ||
				strings.EqualFold(htmlAttr(n, "itemprop"), "author") ||
				slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, "byline") || w == "author" })) {
				m.byline = collapseText(htmlText(n))
			}
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = htmlAttr(n, "lang")
				}
			case atom.Title:
				if m.title == "" && !inSVG {
					m.title = collapseText(htmlText(n))
				}
			case atom.Meta:
				content := htmlAttr(n, "content")
				for _, k := range []string{"name", "property", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(htmlAttr(n, k))); key != "" && content != "" {
						if _, dup := m.meta[key]; !dup {
							m.meta[key] = collapseText(content)
						}
					}
				}
			case atom.Link:
				if m.canonical == "" && slices.Contains(strings.Fields(strings.ToLower(htmlAttr(n, "rel"))), "canonical") {
					m.canonical = htmlAttr(n, "href")
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(htmlAttr(n, "type")), "application/ld+json") {
					m.ld.merge(parseJSONLD(htmlText(n)))
				}
			case atom.H1:
				t := collapseText(htmlText(n))
				h1s = append(h1s, t)
				if inArticle {
					articleH1s = append(articleH1s, t)
				}
			case atom.Time:
				dt := htmlAttr(n, "datetime")
				published := strings.EqualFold(htmlAttr(n, "itemprop"), "datePublished") || htmlHasAttr(n, "pubdate")
				if dt != "" && m.timeAttr == "" && (inArticle || published) {
					m.timeAttr, m.timeText = dt, collapseText(htmlText(n))
				}
			case atom.Svg:
				inSVG = true
			case atom.Article, atom.Main:
				inArticle = true
			}
			if strings.EqualFold(htmlAttr(n, "role"), "main") {
				inArticle = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle, inSVG, inComments)
		}
	}
	walk(root, false, false, false)
	switch {
	case len(articleH1s) == 1:
		m.h1 = articleH1s[0]
	case len(articleH1s) == 0 && len(h1s) == 1:
		m.h1 = h1s[0]
	}
	return m
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func htmlHasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func htmlText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// merge fills the empty fields of l from o: the first JSON-LD block wins.
func (l *ldInfo) merge(o ldInfo) {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&l.headline, o.headline}, {&l.author, o.author}, {&l.publisher, o.publisher},
		{&l.published, o.published}, {&l.url, o.url}, {&l.lang, o.lang},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
}

// parseJSONLD reads the article of a JSON-LD block: the first object whose
// @type is an article type (NewsArticle, BlogPosting, ...), anywhere in the
// block (@graph, arrays), else the first object with a datePublished.
func parseJSONLD(s string) ldInfo {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "//"), "<![CDATA[")
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "//"), "]]>")
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return ldInfo{}
	}
	var article, dated map[string]any
	var find func(v any)
	find = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				find(e)
			}
		case map[string]any:
			if article == nil && isArticleType(v["@type"]) {
				article = v
			}
			if _, ok := v["datePublished"]; ok && dated == nil {
				dated = v
			}
			for _, k := range []string{"@graph", "mainEntity", "itemListElement"} {
				find(v[k])
			}
		}
	}
	find(v)
	if article == nil {
		article = dated
	}
	if article == nil {
		return ldInfo{}
	}
	return ldInfo{
		headline:  collapseText(firstNonBlank(ldString(article["headline"]), ldString(article["name"]))),
		author:    collapseText(ldNames(article["author"])),
		publisher: collapseText(ldNames(article["publisher"])),
		published: ldString(article["datePublished"]),
		url:       firstNonBlank(ldString(article["url"]), ldID(article["mainEntityOfPage"])),
		lang:      ldString(article["inLanguage"]),
	}
}

func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || strings.HasSuffix(t, "Posting") || t == "Report"
	case []any:
		return slices.ContainsFunc(t, isArticleType)
	}
	return false
}

func ldString(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

func ldID(v any) string {
	if m, ok := v.(map[string]any); ok {
		return ldString(m["@id"])
	}
	return ldString(v)
}

// ldNames reads a person or an organisation, or a list of them, as names
// joined with ", ".
func ldNames(v any) string {
	switch v := v.(type) {
	case string:
		return notAnURL(v)
	case map[string]any:
		return ldString(v["name"])
	case []any:
		var names []string
		for _, e := range v {
			if n := ldNames(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}
