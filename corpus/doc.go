// Package corpus is the domain of cabot's documents, as pure code: a
// Document with its metadata, extraction from text, Markdown, HTML and PDF,
// safe fetching of links, sentences and chunks with exact offsets, duplicate
// signatures, and the articles bundled with the binary. It holds no SQL and
// no vectors: the store of record is in corpus/sqlite, behind the contract
// of corpus/storage.
//
// The package returns errors and logs nothing.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"
)

// Document is one article with its metadata. Text is the body only: the title,
// byline and trailing source lines of a pasted article are metadata, not text.
type Document struct {
	ID       string
	Title    string
	Author   string
	Outlet   string
	URL      string
	Language string
	// Published is the publication date; the zero time means unknown.
	Published time.Time
	Text      string

	// Scope is empty for documents every server sees (the bundled ones).
	Scope   string
	Source  string // how it arrived: "bundled", "cli", ...
	AddedBy string
	AddedAt time.Time
}

// PublishedString returns the publication date as YYYY-MM-DD, or "" when it
// is unknown.
func (d Document) PublishedString() string { return FormatDate(d.Published) }

// FormatDate writes a date as YYYY-MM-DD, and the zero time (unknown) as "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ContentHash is the SHA-256 of the normalised body text: case and white space
// do not change it.
func (d Document) ContentHash() string {
	sum := sha256.Sum256([]byte(normalizeForHash(d.Text)))
	return hex.EncodeToString(sum[:])
}

// DocumentID derives a stable document ID from the body text, so that the same
// text always gets the same ID.
func DocumentID(text string) string {
	sum := sha256.Sum256([]byte(normalizeForHash(text)))
	return "d" + hex.EncodeToString(sum[:8])
}

// ScopedID derives the ID of a document from its scope and text: the same
// text added in two servers makes two documents, and a global document's ID
// is DocumentID(text).
func ScopedID(scope, text string) string {
	if scope == "" {
		return DocumentID(text)
	}
	sum := sha256.Sum256([]byte(scope + "\x00" + normalizeForHash(text)))
	return "d" + hex.EncodeToString(sum[:8])
}

func normalizeForHash(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// Chunk is a contiguous span of a document's text: Text == doc.Text[Start:End]
// (byte offsets), so that any sentence quoted from a chunk can be located in
// and checked against its document.
type Chunk struct {
	ID       string
	DocID    string
	Position int
	Start    int
	End      int
	Text     string
}

// DefaultTitle names a document that has none, for its citations: the start
// of its first sentence, cut at a word within 80 characters.
func DefaultTitle(text string) string {
	first := text
	if s := Sentences(text); len(s) > 0 {
		first = text[s[0].Start:s[0].End]
	}
	return CutWords(strings.TrimSpace(first), 80, 40)
}

// CutWords returns s if it has at most n runes, else its first n runes cut
// back to the last space among them, followed by "…". When that space comes
// no later than byte minCut, so that too little would be left, the n runes
// are kept whole, cut inside a word. The result has at most n+1 runes.
func CutWords(s string, n, minCut int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := string([]rune(s)[:n])
	if k := strings.LastIndexByte(r, ' '); k > minCut {
		return r[:k] + "…"
	}
	return r + "…"
}
