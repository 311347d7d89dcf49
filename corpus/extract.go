package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
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
	maxBytes = orDefault(maxBytes, DefaultMaxBytes)
	format, err := checkDocument(data, name, contentType, maxBytes)
	if err != nil {
		return Document{}, err
	}
	doc, err := extractFormat(format, data, contentType, sourceURL, maxBytes, defaultLimits())
	if err != nil {
		return Document{}, fmt.Errorf("extract %s: %w", quoteName(name), err)
	}
	return doc, nil
}

// quoteName names a document in errors.
func quoteName(name string) string {
	if name == "" {
		return "document"
	}
	return strconv.Quote(name)
}

// checkDocument does the checks that need no parsing: the size, emptiness
// and the format.
func checkDocument(data []byte, name, contentType string, maxBytes int64) (format string, err error) {
	what := quoteName(name)
	if int64(len(data)) > maxBytes {
		return "", fmt.Errorf("extract %s: %w: the file is %s and the limit is %s",
			what, ErrTooLarge, HumanBytes(int64(len(data))), HumanBytes(maxBytes))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return "", fmt.Errorf("extract %s: %w: the file is empty", what, errNoText)
	}
	format, err = DetectFormat(name, contentType, data[:min(len(data), 4096)])
	if err != nil {
		return "", fmt.Errorf("extract %s: %w", what, err)
	}
	return format, nil
}

// limits bound what one document may cost to index and to search.
type limits struct {
	Sentences, Chunks int
}

// Default limits of one document.
const (
	DefaultMaxSentences = 20_000
	DefaultMaxChunks    = 5_000
)

func defaultLimits() limits {
	return limits{Sentences: DefaultMaxSentences, Chunks: DefaultMaxChunks}
}

// extractFormat reads a document of a known format and checks its size in
// sentences and chunks.
func extractFormat(format string, data []byte, contentType, sourceURL string, maxBytes int64, lim limits) (Document, error) {
	var doc Document
	var err error
	switch format {
	case FormatHTML:
		doc, err = extractHTML(data, contentType, sourceURL)
	case FormatPDF:
		doc, err = extractPDF(data, 4*maxBytes)
	default:
		doc, err = extractText(data)
	}
	if err == nil && strings.TrimSpace(doc.Text) == "" {
		err = errNoText
	}
	if err != nil {
		return Document{}, err
	}
	if n := len(Sentences(doc.Text)); n > lim.Sentences {
		return Document{}, limitErrorf("has %s sentences; the limit is %s", thousands(n), thousands(lim.Sentences))
	}
	if n := len(Split("", doc.Text, DefaultChunkOptions())); n > lim.Chunks {
		return Document{}, limitErrorf("is too long: %s chunks of text; the limit is %s", thousands(n), thousands(lim.Chunks))
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

// ErrLimit is wrapped by the errors of Extract and Extractor.Extract for a
// document refused because reading or indexing it would cost too much: too
// many sentences, chunks or pages, content that inflates too far, or (for
// Extractor) reading that takes too long or too much memory.
var ErrLimit = errors.New("document over a limit")

// limitError is a refusal for a limit. Its message does not repeat ErrLimit.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }
func (e *limitError) Unwrap() error { return ErrLimit }

func limitErrorf(format string, args ...any) error {
	return &limitError{fmt.Sprintf(format, args...)}
}

// thousands writes n with thousands separators: 1,500,000.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// HumanBytes writes a size the way a moderator reads it: "100 bytes",
// "1.5 KB", "10 MB". Fractions are rounded up, so that a file just over a
// limit never reads as the limit itself.
func HumanBytes(n int64) string {
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
