// Package corpus holds cabot's documents: parsing pasted article text into a
// Document with its metadata, splitting it into sentences and chunks with
// exact offsets, the articles bundled with the binary, and the store of record
// (SQLite) that keeps documents, chunks and their vectors.
//
// The package returns errors and logs nothing.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
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
func (d Document) PublishedString() string {
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format(time.DateOnly)
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
