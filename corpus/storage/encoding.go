package storage

import (
	"cabot/corpus"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// This file holds what the stores share below their SQL: how times and
// vectors are written into columns, and how rows become records. The
// stores keep their tables alike (corpus/postgres backs up into a
// corpus/sqlite file), so one encoding serves both.

// TimeLayout keeps times in UTC to the nanosecond with a fixed width, so
// that they sort as text in time order.
const TimeLayout = "2006-01-02T15:04:05.000000000Z"

// FormatTime writes t in TimeLayout.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads a time written by FormatTime (or in RFC 3339, as older
// rows may hold); it returns the zero time for anything else.
func ParseTime(s string) time.Time {
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// EncodeVector writes v as little-endian float32 bytes.
func EncodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return b
}

// DecodeVector reads what EncodeVector wrote; nil gives nil.
func DecodeVector(b []byte) ([]float32, error) {
	if b == nil {
		return nil, nil
	}
	if len(b)%4 != 0 {
		return nil, fmt.Errorf("vector of %d bytes is not a list of float32", len(b))
	}
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v, nil
}

// Row is one row of a result: *sql.Row and *sql.Rows both are.
type Row interface {
	Scan(dest ...any) error
}

// Rows is a result being read, such as *sql.Rows. The caller closes it.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// EachRow calls fn on every row of rows, and stops at the first error fn
// returns; then it returns the error rows met, if any.
func EachRow(rows Rows, fn func(Row) error) error {
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ScanDocument reads a document from the columns id, title, author,
// outlet, url, language, published, text, scope, source, added_by and
// added_at, in that order.
func ScanDocument(row Row) (corpus.Document, error) {
	var d corpus.Document
	var published, addedAt string
	if err := row.Scan(&d.ID, &d.Title, &d.Author, &d.Outlet, &d.URL, &d.Language, &published,
		&d.Text, &d.Scope, &d.Source, &d.AddedBy, &addedAt); err != nil {
		return corpus.Document{}, err
	}
	if published != "" {
		d.Published, _ = time.Parse(time.DateOnly, published)
	}
	d.AddedAt = ParseTime(addedAt)
	return d, nil
}

// ScanChunk reads a chunk with its vector from the columns id, doc_id,
// position, start, end, text, embedder ("" without a vector), vector and
// terms (NULL without them), in that order, of a row of Rows (not of a
// *sql.Row, whose Scan refuses sql.RawBytes).
func ScanChunk(row Row) (IndexedChunk, error) {
	var c IndexedChunk
	// The blobs are read in place (sql.RawBytes, valid until the next row),
	// not copied: both are decoded into memory of their own here.
	var blob, terms sql.RawBytes
	if err := row.Scan(&c.ID, &c.DocID, &c.Position, &c.Start, &c.End, &c.Text, &c.Vector.Embedder, &blob, &terms); err != nil {
		return c, err
	}
	var err error
	if c.Vector.Values, err = DecodeVector(blob); err != nil {
		return c, fmt.Errorf("read vector of chunk %s: %w", c.ID, err)
	}
	if c.Vector.Terms, err = DecodeTerms(terms); err != nil {
		return c, fmt.Errorf("read terms of chunk %s: %w", c.ID, err)
	}
	return c, nil
}

// EachChunk calls fn for every chunk of rows (as ScanChunk reads them), and
// stops at the first error fn returns; fn's error comes back as it is,
// the others are marked "read chunks".
func EachChunk(rows Rows, fn func(IndexedChunk) error) error {
	for rows.Next() {
		c, err := ScanChunk(rows)
		if err != nil {
			return fmt.Errorf("read chunks: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read chunks: %w", err)
	}
	return nil
}

// DocumentChunks reads the rows of a query that joins one document with its
// chunks and their vectors (as ScanChunk reads them; a document without
// chunks gives one row with an empty chunk ID). found is false when there
// was no row: no such document. chunks is never nil.
func DocumentChunks(rows Rows) (chunks []IndexedChunk, found bool, err error) {
	chunks = []IndexedChunk{}
	for rows.Next() {
		found = true
		c, err := ScanChunk(rows)
		if err != nil {
			return nil, false, err
		}
		if c.ID != "" {
			chunks = append(chunks, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return chunks, found, nil
}

// ScanChange reads a change from the columns seq, kind, doc_id, scope and
// at, in that order.
func ScanChange(row Row) (Change, error) {
	var c Change
	var kind, at string
	err := row.Scan(&c.Seq, &kind, &c.DocID, &c.Scope, &at)
	c.Kind, c.At = ChangeKind(kind), ParseTime(at)
	return c, err
}

// ScanAuditEntry reads an audit entry from the columns at, action, doc_id,
// title, scope, actor and detail, in that order.
func ScanAuditEntry(row Row) (AuditEntry, error) {
	var e AuditEntry
	var at string
	err := row.Scan(&at, &e.Action, &e.DocID, &e.Title, &e.Scope, &e.Actor, &e.Detail)
	e.At = ParseTime(at)
	return e, err
}

// EncodePreviewDoc writes a previewed document as JSON for a store's
// previews table; DecodePreviewDoc reads it back.
func EncodePreviewDoc(d corpus.Document) (string, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("encode previewed document %s: %w", d.ID, err)
	}
	return string(b), nil
}

// DecodePreviewDoc reads a document written by EncodePreviewDoc.
func DecodePreviewDoc(s string) (corpus.Document, error) {
	var d corpus.Document
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return d, fmt.Errorf("decode previewed document: %w", err)
	}
	return d, nil
}

// Terms are a chunk's words as the lexical index (rag's BM25) counts them,
// stored beside the chunk's vector so that opening the store need not
// tokenise its text again. rag makes them, and Version says how (its
// tokenizer, stemmer, stop words and translations): terms of another
// version are made again from the text. The zero Terms (Version 0) means
// that none are stored.
type Terms struct {
	Version int
	// Length is how many terms the chunk has, repeats included.
	Length int
	// Counts holds each distinct term once, in the order first seen, with
	// how often it occurs.
	Counts []TermCount
	// Words pairs the stem of each content word with the first word of the
	// chunk that had it, in the order first seen (word vectors know words,
	// not stems).
	Words []StemWord
}

// TermCount is how often a term occurs in a chunk.
type TermCount struct {
	Term  string
	Count int32
}

// StemWord is a word and its stem.
type StemWord struct {
	Stem, Word string
}

// EncodeTerms writes t compactly: unsigned varints for the numbers and
// lengths, each string once (a word's stem as the number of its term when
// it is one, a word equal to its stem as 0). The zero Terms gives nil (a
// NULL column).
func EncodeTerms(t Terms) []byte {
	if t.Version == 0 {
		return nil
	}
	b := make([]byte, 0, 16+8*len(t.Counts)+8*len(t.Words))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(t.Version))
	b = binary.AppendUvarint(b, uint64(t.Length))
	b = binary.AppendUvarint(b, uint64(len(t.Counts)))
	at := make(map[string]int, len(t.Counts))
	for i, c := range t.Counts {
		str(c.Term)
		b = binary.AppendUvarint(b, uint64(c.Count))
		at[c.Term] = i
	}
	b = binary.AppendUvarint(b, uint64(len(t.Words)))
	for _, w := range t.Words {
		if i, ok := at[w.Stem]; ok {
			b = binary.AppendUvarint(b, uint64(i+1))
		} else {
			b = binary.AppendUvarint(b, 0)
			str(w.Stem)
		}
		if w.Word == w.Stem {
			b = binary.AppendUvarint(b, 0)
		} else {
			str(w.Word)
		}
	}
	return b
}

// DecodeTerms reads what EncodeTerms wrote; nil gives the zero Terms. Its
// strings share one allocation (a copy of b): a caller that keeps a few of
// them long should clone those.
func DecodeTerms(b []byte) (Terms, error) {
	if b == nil {
		return Terms{}, nil
	}
	s := string(b)
	size := len(b)
	bad := func() (Terms, error) {
		return Terms{}, fmt.Errorf("terms of %d bytes are not what EncodeTerms writes", size)
	}
	num := func() (int, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > math.MaxInt32 {
			return 0, false
		}
		b, s = b[n:], s[n:]
		return int(v), true
	}
	str := func() (string, bool) {
		n, ok := num()
		if !ok || n > len(s) {
			return "", false
		}
		out := s[:n]
		b, s = b[n:], s[n:]
		return out, true
	}
	var t Terms
	var ok bool
	var n int
	if t.Version, ok = num(); !ok || t.Version == 0 {
		return bad()
	}
	if t.Length, ok = num(); !ok {
		return bad()
	}
	if n, ok = num(); !ok || n > len(s) {
		return bad()
	}
	t.Counts = make([]TermCount, n)
	for i := range t.Counts {
		term, ok := str()
		count, ok2 := num()
		if !ok || !ok2 {
			return bad()
		}
		t.Counts[i] = TermCount{Term: term, Count: int32(count)}
	}
	if n, ok = num(); !ok || n > len(s) {
		return bad()
	}
	t.Words = make([]StemWord, n)
	for i := range t.Words {
		ref, ok := num()
		if !ok || ref > len(t.Counts) {
			return bad()
		}
		w := &t.Words[i]
		if ref > 0 {
			w.Stem = t.Counts[ref-1].Term
		} else if w.Stem, ok = str(); !ok {
			return bad()
		}
		if w.Word, ok = str(); !ok {
			return bad()
		}
		if w.Word == "" {
			w.Word = w.Stem
		}
	}
	if len(b) != 0 {
		return bad()
	}
	return t, nil
}
