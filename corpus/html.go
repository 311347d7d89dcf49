package corpus

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// htmlMeta is what the page says about itself, collected before cleaning.
type htmlMeta struct {
	lang      string
	title     string // <title>
	h1        string // the article's only h1, if any
	canonical string
	timeAttr  string // datetime of the article's <time>
	timeText  string // its text
	byline    string // the article's byline element
	meta      map[string]string
	ld        ldInfo
}

// ldInfo is what the JSON-LD of a page says about its article.
type ldInfo struct {
	headline, author, publisher, published, url, lang string
}

// extractHTML reads the metadata of a page, removes its furniture, lets
// go-readability pick the article, and turns what it picked into paragraphs.
func extractHTML(data []byte, contentType, sourceURL string) (Document, error) {
	text := decodeHTML(data, contentType)
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Document{}, fmt.Errorf("parse HTML: %w", err)
	}
	m := collectMeta(root)
	removeBoilerplate(root)

	art, paras := runReadability(root)
	if len(paras) == 0 {
		// Readability found nothing (a very short page, or it gave up):
		// the cleaned page is the next best thing.
		paras = blockParagraphs(root)
	}

	var doc Document
	// Relative canonical links resolve against the address the page came
	// from, else against its og:url.
	var base *url.URL
	if u := firstNonBlank(httpURL(sourceURL, nil), httpURL(m.meta["og:url"], nil)); u != "" {
		base, _ = url.Parse(u)
	}
	doc.URL = firstNonBlank(httpURL(m.canonical, base), httpURL(m.meta["og:url"], base),
		httpURL(m.ld.url, base), httpURL(sourceURL, nil))
	doc.Outlet = firstNonBlank(m.meta["og:site_name"], m.meta["application-name"], m.ld.publisher,
		collapseText(art.SiteName()))
	doc.Title = stripSiteSuffix(firstNonBlank(
		m.meta["og:title"], m.ld.headline, m.meta["twitter:title"], m.meta["dc.title"],
		m.h1, collapseText(art.Title()), m.title), doc.Outlet, doc.URL)
	// Many sites put their own name in meta author; that is not a byline.
	for _, a := range []string{m.meta["author"], notAnURL(m.meta["article:author"]),
		m.meta["dc.creator"], m.ld.author, m.byline, art.Byline()} {
		if a = cleanByline(a); a != "" && !strings.EqualFold(a, doc.Outlet) {
			doc.Author = a
			break
		}
	}
	doc.Published = firstDate(
		m.meta["article:published_time"], m.meta["date"], m.meta["pubdate"], m.meta["publishdate"],
		m.meta["publish-date"], m.meta["dc.date"], m.meta["dc.date.issued"], m.meta["dcterms.date"],
		m.meta["dcterms.issued"], m.meta["dcterms.created"], m.meta["citation_publication_date"],
		m.meta["datepublished"], m.timeAttr, m.ld.published)
	if t, err := art.PublishedTime(); doc.Published.IsZero() && err == nil {
		y, mo, d := t.Date()
		doc.Published = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	}
	doc.Language = firstNonBlank(primaryLang(m.lang), primaryLang(m.meta["content-language"]),
		primaryLang(m.meta["language"]), primaryLang(m.meta["dc.language"]),
		primaryLang(m.meta["og:locale"]), primaryLang(m.ld.lang))

	doc.Text = strings.Join(dropLeadingMetadata(paras, doc, m), "\n\n")
	return doc, nil
}

// decodeHTML converts a page to UTF-8: the charset of a BOM or of the
// Content-Type wins; a <meta> charset is used unless the page is valid UTF-8
// anyway (pages often declare Latin-1 and are UTF-8); windows-1252 is the
// last guess for non-UTF-8 bytes, as in browsers.
func decodeHTML(data []byte, contentType string) string {
	enc, _, certain := charset.DetermineEncoding(data, contentType)
	if !certain && utf8.Valid(data) || enc == encoding.Nop {
		return string(bytes.TrimPrefix(data, utf8BOM))
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return string(data)
	}
	return string(bytes.TrimPrefix(out, utf8BOM))
}

// runReadability runs go-readability on a copy of the cleaned page and
// returns the paragraphs of the article it picked (none when it picked
// nothing). It is a port of a JavaScript library that indexes a lot; a panic
// on a strange page must not take the caller down, and the cleaned page is
// then used instead.
func runReadability(root *html.Node) (art readability.Article, paras []string) {
	defer func() {
		if recover() != nil {
			art, paras = readability.Article{}, nil
		}
	}()
	p := readability.NewParser()
	p.MaxElemsToParse = 200_000
	art, err := p.ParseDocument(root, nil)
	if err != nil || art.Node == nil {
		return readability.Article{}, nil
	}
	return art, blockParagraphs(art.Node)
}

func firstNonBlank(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func notAnURL(s string) string {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return ""
	}
	return s
}

// Boilerplate removal. Readability drops most of a page's furniture itself,
// but it keeps a section whose class has a positive word ("article-comments",
// "story-share") and it falls back to the whole page when the article is
// short; removing what is clearly not the article first makes both rarer.

// nonContentTags never hold article text.
var nonContentTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
	atom.Svg: true, atom.Math: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Head: true,
	atom.Audio: true, atom.Video: true,
}

// furnitureTags are the page's furniture, unless they wrap the article.
var furnitureTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Header: true, atom.Footer: true, atom.Form: true,
	atom.Dialog: true, atom.Menu: true,
}

var furnitureRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "search": true,
	"dialog": true, "alertdialog": true, "menu": true, "menubar": true, "toolbar": true,
}

// Words of class and id attributes (split at non-letters, lower case) that
// name furniture, and prefixes for words like "sharebar" or "cookiebanner".
var (
	furnitureWords = map[string]bool{
		"ad": true, "ads": true, "adslot": true, "adunit": true, "dfp": true, "banner": true,
		"comment": true, "comments": true, "commentlist": true, "comentarios": true, "replies": true,
		"nav": true, "navbar": true, "navigation": true, "menu": true, "masthead": true, "breadcrumbs": true,
		"header": true, "footer": true, "cabecera": true, "pie": true, "widget": true, "widgets": true,
		"popular": true, "trending": true, "mostread": true, "mostpopular": true, "mostviewed": true,
		"masleido": true, "masleidos": true, "masleidas": true, "promo": true, "promos": true,
		"tags": true, "etiquetas": true, "keywords": true, "popup": true, "modal": true, "overlay": true,
		"print": true, "skip": true, "readmore": true, "seealso": true, "sronly": true, "visuallyhidden": true, "signup": true,
	}
	furniturePrefixes = []string{
		"cookie", "consent", "gdpr", "share", "social", "compartir", "related", "relacionad",
		"newsletter", "subscri", "suscri", "advert", "publicidad", "sponsor", "patrocin",
		"sidebar", "breadcrumb", "disqus", "outbrain", "taboola", "paywall",
	}
	styleHiddenRe = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)
)

// classWords returns the words of the class and id of n, in lower case, split
// at anything but letters and digits.
func classWords(n *html.Node) []string {
	return strings.FieldsFunc(strings.ToLower(htmlAttr(n, "class")+" "+htmlAttr(n, "id")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func isFurnitureName(n *html.Node) bool {
	words := classWords(n)
	for i, w := range words {
		if furnitureWords[w] || i+1 < len(words) && furnitureWords[w+words[i+1]] {
			return true
		}
		for _, p := range furniturePrefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// removeBoilerplate removes scripts, styles, forms, hidden elements and the
// page's furniture (navigation, header, footer, sidebars, banners, share
// buttons, comments, related links, ads), except elements that wrap the
// article: those holding an <article> or <main>, or most of the page's text.
func removeBoilerplate(root *html.Node) {
	textLen := map[*html.Node]int{}
	wrapsArticle := map[*html.Node]bool{}
	var measure func(n *html.Node) (int, bool)
	measure = func(n *html.Node) (int, bool) {
		if n.Type == html.TextNode {
			return len(strings.TrimSpace(n.Data)), false
		}
		if n.Type == html.ElementNode && nonContentTags[n.DataAtom] {
			return 0, false
		}
		total, art := 0, false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			l, a := measure(c)
			total += l
			art = art || a
		}
		textLen[n], wrapsArticle[n] = total, art
		if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main || strings.EqualFold(htmlAttr(n, "role"), "main")) {
			art = true
		}
		return total, art
	}
	pageLen, _ := measure(root)

	var remove []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.CommentNode {
			remove = append(remove, n)
			return
		}
		if n.Type == html.ElementNode {
			if nonContentTags[n.DataAtom] {
				remove = append(remove, n)
				return
			}
			keep := n.DataAtom == atom.Html || n.DataAtom == atom.Body || n.DataAtom == atom.Article ||
				n.DataAtom == atom.Main || wrapsArticle[n]
			// Semantic furniture goes even when it is most of the page's
			// text; a <form>, a hidden element or a class name may wrap the
			// whole page.
			semantic := furnitureTags[n.DataAtom] && n.DataAtom != atom.Form ||
				furnitureRoles[strings.ToLower(strings.TrimSpace(htmlAttr(n, "role")))]
			if !keep && (semantic || textLen[n]*10 < pageLen*7 && isFurniture(n)) {
				remove = append(remove, n)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func isFurniture(n *html.Node) bool {
	return furnitureTags[n.DataAtom] || furnitureRoles[strings.ToLower(strings.TrimSpace(htmlAttr(n, "role")))] ||
		htmlHasAttr(n, "hidden") || strings.EqualFold(htmlAttr(n, "aria-hidden"), "true") ||
		styleHiddenRe.MatchString(htmlAttr(n, "style")) || isFurnitureName(n)
}

var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Legend: true, atom.Menu: true,
}

// blockParagraphs returns the text of n as paragraphs: one per block element
// (p, li, heading, ...), white space collapsed.
func blockParagraphs(n *html.Node) []string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if s := collapseText(cur.String()); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if nonContentTags[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				cur.WriteByte(' ')
				return
			}
		case html.DocumentNode:
		default:
			return
		}
		block := n.Type == html.ElementNode && blockTags[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return paras
}

// standaloneBoilerplate are lines readability may leave in an article.
var standaloneBoilerplate = map[string]bool{
	"advertisement": true, "publicidad": true, "anuncio": true, "share": true, "share this": true,
	"share this article": true, "share this story": true, "compartir": true, "read more": true,
	"leer más": true, "continue reading": true, "sigue leyendo": true, "skip advertisement": true,
	"story continues below advertisement": true, "sponsored": true, "comments": true, "loading...": true,
}

// readMoreRe matches links to other articles set in the body.
var readMoreRe = regexp.MustCompile(`(?i)^(?:read more|read also|also read|see also|related|more on this story|lee también|leer más|lea también|ver también|te puede interesar|relacionad[oa]s?)\s*[:»>|-]`)

// dropLeadingMetadata removes what readability leaves of the metadata at the
// top of the text (the title, the byline, the date line) and standalone
// boilerplate lines anywhere.
func dropLeadingMetadata(paras []string, doc Document, m htmlMeta) []string {
	var out []string
	for i, p := range paras {
		lower := strings.ToLower(p)
		if standaloneBoilerplate[strings.TrimRight(lower, ":")] ||
			readMoreRe.MatchString(p) && utf8.RuneCountInString(p) < 200 {
			continue
		}
		if i < 4 && len(out) == 0 {
			if normalizeForHash(p) == normalizeForHash(doc.Title) ||
				m.h1 != "" && p == m.h1 ||
				m.timeText != "" && p == m.timeText ||
				doc.Author != "" && bylinePrefixRe.MatchString(p) && strings.Contains(p, doc.Author) && utf8.RuneCountInString(p) < 2*utf8.RuneCountInString(doc.Author)+20 {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
