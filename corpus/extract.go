package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-shiori/go-readability"
	"github.com/ledongthuc/pdf"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// Formats cabot accepts.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatPDF      = "pdf"
)

// DefaultMaxBytes is the default size limit of one document (10 MB).
const DefaultMaxBytes = 10 << 20

var (
	// ErrUnsupportedFormat is wrapped by the errors of DetectFormat and
	// Extract for a file cabot cannot read: an image, an archive, an Office
	// document, an executable, ...
	ErrUnsupportedFormat = errors.New("unsupported format")
	// ErrTooLarge is wrapped by the error of Extract for a file over the size
	// limit.
	ErrTooLarge = errors.New("document too large")
)

// errNoText is the error for a document with no body text.
var errNoText = errors.New("no article text found")

const acceptedFormats = "cabot accepts text, Markdown, HTML and PDF"

// DetectFormat decides the format of a document (FormatText, FormatMarkdown,
// FormatHTML or FormatPDF) from its file name, its Content-Type and its first
// bytes (a few KB are enough).
//
// The content wins over the name and the type when they disagree: a ".txt"
// file that starts with "%PDF-" is a PDF, a ".pdf" file that is an HTML page
// is HTML, and binary data is refused whatever its name. A name or type that
// says the file is an image, an archive, an Office document or an executable
// is refused even when the content looks like text. Without any of these
// clues a text-like file is text.
//
// The error wraps ErrUnsupportedFormat and says what the file looks like and
// which formats are accepted.
func DetectFormat(name, contentType string, head []byte) (string, error) {
	switch f, what := sniffFormat(head); f {
	case FormatPDF, FormatHTML:
		return f, nil
	case sniffBinary:
		return "", unsupportedError("looks like " + what)
	}
	f, what := declaredFormat(name, contentType)
	switch f {
	case sniffBinary:
		return "", unsupportedError(what)
	case "":
		return FormatText, nil
	}
	return f, nil
}

// sniffBinary is the pseudo-format of a file cabot cannot read.
const sniffBinary = "binary"

func unsupportedError(what string) error {
	return fmt.Errorf("%w: the file %s; %s", ErrUnsupportedFormat, what, acceptedFormats)
}

var (
	utf8BOM    = []byte("\xef\xbb\xbf")
	utf16LEBOM = []byte("\xff\xfe")
	utf16BEBOM = []byte("\xfe\xff")
)

// magicNumbers are the magic numbers of common files that are not documents.
var magicNumbers = []struct {
	prefix string
	what   string
	// binaryOnly: the prefix is also a plausible start of a text, so it
	// counts only when the head holds binary bytes.
	binaryOnly bool
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image (image/png)", false},
	{"\xff\xd8\xff", "a JPEG image (image/jpeg)", false},
	{"GIF87a", "a GIF image (image/gif)", false},
	{"GIF89a", "a GIF image (image/gif)", false},
	{"II*\x00", "a TIFF image (image/tiff)", false},
	{"MM\x00*", "a TIFF image (image/tiff)", false},
	{"\x00\x00\x01\x00", "an icon (image/x-icon)", false},
	{"BM", "a BMP image (image/bmp)", true},
	{"PK\x03\x04", "a ZIP archive (application/zip)", false},
	{"PK\x05\x06", "a ZIP archive (application/zip)", false},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (application/msword)", false},
	{`{\rtf`, "an RTF document (application/rtf)", false},
	{"\x7fELF", "an executable program (application/x-executable)", false},
	{"MZ", "a Windows program (application/x-msdownload)", true},
	{"\xfe\xed\xfa\xce", "a macOS program (application/x-mach-binary)", false},
	{"\xfe\xed\xfa\xcf", "a macOS program (application/x-mach-binary)", false},
	{"\xce\xfa\xed\xfe", "a macOS program (application/x-mach-binary)", false},
	{"\xcf\xfa\xed\xfe", "a macOS program (application/x-mach-binary)", false},
	{"\xca\xfe\xba\xbe", "a compiled program (application/octet-stream)", false},
	{"\x00asm", "a WebAssembly module (application/wasm)", false},
	{"\x1f\x8b", "a gzip archive (application/gzip)", false},
	{"BZh", "a bzip2 archive (application/x-bzip2)", true},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (application/x-7z-compressed)", false},
	{"Rar!\x1a\x07", "a RAR archive (application/vnd.rar)", false},
	{"\xfd7zXZ\x00", "an xz archive (application/x-xz)", false},
	{"\x28\xb5\x2f\xfd", "a Zstandard archive (application/zstd)", false},
	{"SQLite format 3\x00", "an SQLite database (application/vnd.sqlite3)", false},
	{"OggS", "an Ogg audio file (audio/ogg)", false},
	{"ID3\x02", "an MP3 audio file (audio/mpeg)", false},
	{"ID3\x03", "an MP3 audio file (audio/mpeg)", false},
	{"ID3\x04", "an MP3 audio file (audio/mpeg)", false},
	{"fLaC", "a FLAC audio file (audio/flac)", false},
	{"\x1aE\xdf\xa3", "a WebM or Matroska video (video/webm)", false},
	{"%!PS", "a PostScript file (application/postscript)", false},
}

// sniffFormat looks at the first bytes of a file. It returns FormatPDF, FormatHTML,
// sniffBinary with a description, or "" when the content looks like text and
// only the name or type can tell more.
func sniffFormat(head []byte) (format, what string) {
	if len(head) == 0 {
		return "", ""
	}
	if bytes.HasPrefix(head, utf16LEBOM) || bytes.HasPrefix(head, utf16BEBOM) {
		// UTF-16 text has NUL bytes but is not binary; Extract explains that
		// it wants UTF-8.
		if looksLikeHTML(decodeUTF16Head(head)) {
			return FormatHTML, ""
		}
		return "", ""
	}
	binary := hasBinaryBytes(head)
	for _, s := range magicNumbers {
		if bytes.HasPrefix(head, []byte(s.prefix)) && (binary || !s.binaryOnly) {
			if strings.HasPrefix(s.prefix, "PK") {
				return sniffBinary, zipKind(head)
			}
			return sniffBinary, s.what
		}
	}
	if len(head) >= 12 && string(head[:4]) == "RIFF" {
		switch string(head[8:12]) {
		case "WEBP":
			return sniffBinary, "a WebP image (image/webp)"
		case "WAVE":
			return sniffBinary, "a WAV audio file (audio/wav)"
		case "AVI ":
			return sniffBinary, "an AVI video (video/x-msvideo)"
		}
	}
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		switch string(head[8:12]) {
		case "heic", "heix", "mif1", "avif":
			return sniffBinary, "a HEIC or AVIF image (image/heic)"
		}
		return sniffBinary, "an MP4 video or audio file (video/mp4)"
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n\f")
	if bytes.HasPrefix(text, []byte("%PDF-")) {
		return FormatPDF, ""
	}
	if looksLikeHTML(text) {
		return FormatHTML, ""
	}
	if binary {
		// net/http knows more signatures (fonts, audio, video); it also
		// matches text that happens to start like one ("BM", "ID3"), hence
		// only for binary data.
		if ct := http.DetectContentType(head); !strings.HasPrefix(ct, "text/") && ct != "application/octet-stream" {
			return sniffBinary, "a file of type " + ct
		}
		return sniffBinary, "binary data (application/octet-stream), not text"
	}
	return "", ""
}

// hasBinaryBytes reports whether head holds control bytes that never occur
// in text (the same set as net/http's sniffing).
func hasBinaryBytes(head []byte) bool {
	for _, b := range head[:min(len(head), 1024)] {
		if b <= 0x08 || b == 0x0b || 0x0e <= b && b <= 0x1a || 0x1c <= b && b <= 0x1f {
			return true
		}
	}
	return false
}

// zipKind tells Office documents, OpenDocument files and EPUB books from
// plain ZIP archives by the names of their first entries.
func zipKind(head []byte) string {
	h := string(head)
	switch {
	case strings.Contains(h, "word/"):
		return "a Word document (application/vnd.openxmlformats-officedocument.wordprocessingml.document)"
	case strings.Contains(h, "xl/"):
		return "an Excel spreadsheet (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)"
	case strings.Contains(h, "ppt/"):
		return "a PowerPoint presentation (application/vnd.openxmlformats-officedocument.presentationml.presentation)"
	case strings.Contains(h, "application/epub+zip"):
		return "an EPUB book (application/epub+zip)"
	case strings.Contains(h, "application/vnd.oasis.opendocument"):
		return "an OpenDocument file (application/vnd.oasis.opendocument)"
	case strings.Contains(h, "[Content_Types].xml"):
		return "a Microsoft Office document (application/vnd.openxmlformats-officedocument)"
	}
	return "a ZIP archive (application/zip)"
}

func decodeUTF16Head(head []byte) []byte {
	var out []byte
	be := bytes.HasPrefix(head, utf16BEBOM)
	for i := 2; i+1 < len(head); i += 2 {
		hi, lo := head[i+1], head[i]
		if be {
			hi, lo = lo, hi
		}
		if hi == 0 {
			out = append(out, lo)
		} else {
			out = append(out, '?')
		}
	}
	return bytes.TrimLeft(out, " \t\r\n\f")
}

// looksLikeHTML reports whether text (BOM and leading space removed) starts
// like an HTML page, after any XML declaration and comments.
func looksLikeHTML(text []byte) bool {
	for {
		switch {
		case bytes.HasPrefix(text, []byte("<?")):
			i := bytes.Index(text, []byte("?>"))
			if i < 0 {
				return false
			}
			text = text[i+2:]
		case bytes.HasPrefix(text, []byte("<!--")):
			i := bytes.Index(text[4:], []byte("-->"))
			if i < 0 {
				return false
			}
			text = text[4+i+3:]
		default:
			for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
				if len(text) > len(p) && strings.EqualFold(string(text[:len(p)]), p) {
					switch text[len(p)] {
					case ' ', '>', '\t', '\n', '\r', '\f', '/':
						return true
					}
				}
			}
			return false
		}
		text = bytes.TrimLeft(text, " \t\r\n\f")
	}
}

var (
	extFormats = map[string]string{
		".txt": FormatText, ".text": FormatText,
		".md": FormatMarkdown, ".markdown": FormatMarkdown, ".mdown": FormatMarkdown, ".mkd": FormatMarkdown, ".mkdn": FormatMarkdown,
		".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML, ".shtml": FormatHTML,
		".pdf": FormatPDF,
	}
	extUnsupported = map[string]string{
		".doc": "a Word document", ".docx": "a Word document", ".odt": "an OpenDocument text",
		".rtf": "an RTF document", ".pages": "a Pages document", ".epub": "an EPUB book",
		".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".ods": "a spreadsheet",
		".ppt": "a presentation", ".pptx": "a presentation", ".odp": "a presentation", ".key": "a presentation",
		".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".gif": "an image", ".webp": "an image",
		".bmp": "an image", ".tif": "an image", ".tiff": "an image", ".heic": "an image", ".svg": "an image",
		".mp3": "an audio file", ".wav": "an audio file", ".ogg": "an audio file", ".m4a": "an audio file", ".flac": "an audio file",
		".mp4": "a video", ".mov": "a video", ".webm": "a video", ".avi": "a video", ".mkv": "a video",
		".zip": "an archive", ".gz": "an archive", ".tgz": "an archive", ".7z": "an archive", ".rar": "an archive", ".tar": "an archive",
		".exe": "a program", ".dll": "a program", ".so": "a program", ".dylib": "a program", ".apk": "a program", ".msi": "a program", ".bin": "binary data",
	}
	typeFormats = map[string]string{
		"text/html": FormatHTML, "application/xhtml+xml": FormatHTML,
		"text/markdown": FormatMarkdown, "text/x-markdown": FormatMarkdown,
		"application/pdf": FormatPDF, "application/x-pdf": FormatPDF,
	}
	binaryTypes = map[string]bool{
		"application/zip": true, "application/x-zip-compressed": true, "application/gzip": true, "application/x-gzip": true,
		"application/x-tar": true, "application/x-7z-compressed": true, "application/x-rar-compressed": true,
		"application/msword": true, "application/rtf": true, "application/epub+zip": true, "application/x-msdownload": true,
		"application/x-executable": true, "application/x-elf": true, "application/x-mach-binary": true,
		"application/java-archive": true, "application/wasm": true, "application/x-shockwave-flash": true,
		"application/postscript": true,
	}
)

// declaredFormat reads the format from the name and the type. A specific type
// wins over the extension, which wins over a generic text/plain. It returns
// sniffBinary with a description for names and types of files cabot cannot
// read, and "" when neither tells.
func declaredFormat(name, contentType string) (format, what string) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	if f, ok := typeFormats[mt]; ok {
		return f, ""
	}
	major, _, _ := strings.Cut(mt, "/")
	if binaryTypes[mt] || strings.HasPrefix(mt, "application/vnd.") ||
		major == "image" || major == "audio" || major == "video" || major == "font" {
		return sniffBinary, "is declared as " + mt
	}

	base := name[strings.LastIndexAny(name, `/\`)+1:]
	ext := strings.ToLower(path.Ext(base))
	if f, ok := extFormats[ext]; ok {
		return f, ""
	}
	if w, ok := extUnsupported[ext]; ok {
		return sniffBinary, fmt.Sprintf("is named as %s (%s)", w, ext)
	}
	if major == "text" {
		return FormatText, ""
	}
	return "", ""
}

// Extract turns the bytes of a document into a Document. name and
// contentType are the file name and the Content-Type it arrived with (either
// may be empty); sourceURL is where it came from, used when the document does
// not state its own address; maxBytes is the size limit (DefaultMaxBytes when
// maxBytes <= 0), which callers reading from a network should also apply with
// an io.LimitReader of maxBytes+1.
//
// The format comes from DetectFormat. Text and Markdown must be UTF-8 and go
// through ParseArticle (title, byline, trailing source, front matter). HTML
// gives the main article text, without navigation, banners, sidebars, share
// buttons, comments and footers, with its metadata (title, author, outlet,
// publication date, canonical URL, language) from meta tags, JSON-LD and the
// page; a non-UTF-8 charset declared in contentType or in the page is
// decoded. PDF gives the text of every page, lines re-joined into paragraphs
// and hyphenated words re-joined, with the title from the document
// information or the first short line.
//
// Text paragraphs are separated by one blank line, and the result has a
// non-empty Text, ID == DocumentID(Text) and, when it can be told, Language.
// The errors wrap ErrTooLarge or ErrUnsupportedFormat when those are the
// cause; the other errors say why no text could be read (not UTF-8, no text
// layer in a PDF, no article text found, a damaged PDF).
func Extract(data []byte, name, contentType, sourceURL string, maxBytes int64) (Document, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	what := "document"
	if name != "" {
		what = strconv.Quote(name)
	}
	if int64(len(data)) > maxBytes {
		return Document{}, fmt.Errorf("extract %s: %w: the file is %s and the limit is %s",
			what, ErrTooLarge, humanBytes(int64(len(data))), humanBytes(maxBytes))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return Document{}, fmt.Errorf("extract %s: %w: the file is empty", what, errNoText)
	}
	format, err := DetectFormat(name, contentType, data[:min(len(data), 4096)])
	if err != nil {
		return Document{}, fmt.Errorf("extract %s: %w", what, err)
	}
	var doc Document
	switch format {
	case FormatHTML:
		doc, err = extractHTML(data, contentType, sourceURL)
	case FormatPDF:
		doc, err = extractPDF(data)
	default:
		doc, err = extractText(data)
	}
	if err == nil && strings.TrimSpace(doc.Text) == "" {
		err = errNoText
	}
	if err != nil {
		return Document{}, fmt.Errorf("extract %s: %w", what, err)
	}
	if doc.URL == "" {
		doc.URL = httpURL(sourceURL, nil)
	}
	if doc.Language == "" {
		doc.Language = GuessLanguage(doc.Text)
	}
	doc.ID = DocumentID(doc.Text)
	return doc, nil
}

// humanBytes writes a size the way a moderator reads it: "100 bytes",
// "1.5 KB", "10 MB". Fractions are rounded up, so that a file just over a
// limit never reads as the limit itself.
func humanBytes(n int64) string {
	unit := func(v float64, name string) string {
		v = math.Ceil(v*10) / 10
		return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0") + " " + name
	}
	switch {
	case n == 1:
		return "1 byte"
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return unit(float64(n)/(1<<10), "KB")
	}
	return unit(float64(n)/(1<<20), "MB")
}

// extractText reads a text or Markdown file as a pasted article.
func extractText(data []byte) (Document, error) {
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		return Document{}, errors.New("the file is UTF-16 text, not UTF-8 text; save it as UTF-8 and send it again")
	}
	if !utf8.Valid(data) {
		return Document{}, errors.New("the file is not UTF-8 text (it may be in an older encoding such as Windows-1252 or Latin-1); save it as UTF-8 and send it again")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return Document{}, errors.New("the file holds binary data (NUL bytes), not text")
	}
	return ParseArticle(string(data))
}

// httpURL resolves ref against base (which may be nil) and returns it
// when it is an absolute http(s) address, else "".
func httpURL(ref string, base *url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// collapseText collapses the white space of a run of text to single spaces and
// drops invisible characters (soft hyphens, zero-width spaces) and control
// characters, so that the text reads as it is displayed.
func collapseText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00ad', '\u200b', '\u2060', '\ufeff':
			return -1
		}
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// HTML.

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

	art, ok := runReadability(root)
	var paras []string
	if ok && strings.TrimSpace(art.TextContent) != "" {
		if content, err := html.Parse(strings.NewReader(art.Content)); err == nil {
			paras = blockParagraphs(content)
		}
	}
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
		collapseText(art.SiteName))
	doc.Title = stripSiteSuffix(firstNonBlank(
		m.meta["og:title"], m.ld.headline, m.meta["twitter:title"], m.meta["dc.title"],
		m.h1, collapseText(art.Title), m.title), doc.Outlet, doc.URL)
	// Many sites put their own name in meta author; that is not a byline.
	for _, a := range []string{m.meta["author"], notAnURL(m.meta["article:author"]),
		m.meta["dc.creator"], m.ld.author, m.byline, art.Byline} {
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
	if doc.Published.IsZero() && art.PublishedTime != nil {
		y, mo, d := art.PublishedTime.Date()
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

// runReadability runs go-readability on the cleaned page. It is a port of a
// JavaScript library that indexes a lot; a panic on a strange page must not
// take the caller down, and the cleaned page is then used instead.
func runReadability(root *html.Node) (art readability.Article, ok bool) {
	defer func() {
		if recover() != nil {
			art, ok = readability.Article{}, false
		}
	}()
	p := readability.NewParser()
	p.MaxElemsToParse = 200_000
	art, err := p.ParseDocument(root, nil)
	return art, err == nil
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

// PDF.

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
