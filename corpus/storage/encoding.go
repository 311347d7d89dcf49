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
	c, terms, err := scanEncodedChunk(row)
	if err != nil {
		return c, err
	}
	if c.Vector.Terms, err = DecodeTerms(terms); err != nil {
		return c, fmt.Errorf("read terms of chunk %s: %w", c.ID, err)
	}
	return c, nil
}

// scanEncodedChunk is ScanChunk with the terms left as EncodeTerms wrote
// them (Vector.Terms zero), valid until the next row is read.
func scanEncodedChunk(row Row) (IndexedChunk, sql.RawBytes, error) {
	var c IndexedChunk
	// The blobs are read in place (sql.RawBytes, valid until the next row),
	// not copied: the vector is decoded into memory of its own here.
	var blob, terms sql.RawBytes
	if err := row.Scan(&c.ID, &c.DocID, &c.Position, &c.Start, &c.End, &c.Text, &c.Vector.Embedder, &blob, &terms); err != nil {
		return c, nil, err
	}
	var err error
	if c.Vector.Values, err = DecodeVector(blob); err != nil {
		return c, nil, fmt.Errorf("read vector of chunk %s: %w", c.ID, err)
	}
	return c, terms, nil
}

// EachChunk calls fn for every chunk of rows (as ScanChunk reads them), and
// stops at the first error fn returns; fn's error comes back as it is,
// the others are marked "read chunks".
func EachChunk(rows Rows, fn func(IndexedChunk) error) error {
	return EachEncodedChunk(rows, func(c IndexedChunk, terms []byte) error {
		var err error
		if c.Vector.Terms, err = DecodeTerms(terms); err != nil {
			return fmt.Errorf("read chunks: read terms of chunk %s: %w", c.ID, err)
		}
		return fn(c)
	})
}

// EachEncodedChunk is EachChunk with each chunk's terms as EncodeTerms
// wrote them (nil without them; Vector.Terms is zero), valid only until fn
// returns.
func EachEncodedChunk(rows Rows, fn func(c IndexedChunk, terms []byte) error) error {
	for rows.Next() {
		c, terms, err := scanEncodedChunk(rows)
		if err != nil {
			return fmt.Errorf("read chunks: %w", err)
		}
		if err := fn(c, terms); err != nil {
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
	r, err := ReadTerms(b)
	if err != nil {
		return Terms{}, err
	}
	s := string(b)
	sub := func(x []byte) string { return s[r.offset(x) : r.offset(x)+len(x)] }
	t := Terms{Version: r.Version, Length: r.Length, Counts: make([]TermCount, r.Terms)}
	for i := range t.Counts {
		term, count, err := r.Term()
		if err != nil {
			return Terms{}, err
		}
		t.Counts[i] = TermCount{Term: sub(term), Count: count}
	}
	t.Words = make([]StemWord, r.Words)
	for i := range t.Words {
		ref, stem, word, err := r.Word()
		if err != nil {
			return Terms{}, err
		}
		w := &t.Words[i]
		if ref >= 0 {
			w.Stem = t.Counts[ref].Term
		} else {
			w.Stem = sub(stem)
		}
		if w.Word = w.Stem; word != nil {
			w.Word = sub(word)
		}
	}
	if err := r.Close(); err != nil {
		return Terms{}, err
	}
	return t, nil
}

// TermsReader reads what EncodeTerms wrote in place, without copying it:
// the terms (Term, Terms times), then the words (Word, Words times), then
// Close. The bytes it returns are parts of the encoding, not to be changed.
type TermsReader struct {
	b       []byte // what is left
	size    int    // the encoding's length
	Version int
	Length  int // terms, repeats included
	Terms   int // distinct terms
	// Words is the number of words, known once the last term is read (or
	// from the start when there is none).
	Words int
	read  int // terms read, then words read
}

// ReadTerms starts reading b, which EncodeTerms wrote (not nil).
func ReadTerms(b []byte) (TermsReader, error) {
	r := TermsReader{b: b[:len(b):len(b)], size: len(b)}
	var ok bool
	if r.Version, ok = r.num(); !ok || r.Version == 0 {
		return r, r.bad()
	}
	if r.Length, ok = r.num(); !ok {
		return r, r.bad()
	}
	if r.Terms, ok = r.num(); !ok || r.Terms > len(r.b) {
		return r, r.bad()
	}
	if r.Terms == 0 {
		return r, r.words()
	}
	return r, nil
}

// Term returns the next distinct term, in the order first seen, and how
// often it occurs.
func (r *TermsReader) Term() (term []byte, count int32, err error) {
	if r.read >= r.Terms {
		return nil, 0, r.bad()
	}
	term, ok := r.str()
	n, ok2 := r.num()
	if !ok || !ok2 {
		return nil, 0, r.bad()
	}
	if r.read++; r.read == r.Terms {
		if err := r.words(); err != nil {
			return nil, 0, err
		}
	}
	return term, int32(n), nil
}

// Word returns the next word's stem: the number of the term it is (from
// 0, in the order of Term), or -1 and the stem; and the word, nil when it
// is its stem.
func (r *TermsReader) Word() (ref int, stem, word []byte, err error) {
	if r.read >= r.Words {
		return 0, nil, nil, r.bad()
	}
	r.read++
	n, ok := r.num()
	if !ok || n > r.Terms {
		return 0, nil, nil, r.bad()
	}
	ref = n - 1
	if ref < 0 {
		if stem, ok = r.str(); !ok {
			return 0, nil, nil, r.bad()
		}
	}
	if word, ok = r.str(); !ok {
		return 0, nil, nil, r.bad()
	}
	if len(word) == 0 {
		word = nil
	}
	return ref, stem, word, nil
}

// Close reports whether the encoding ended where it should.
func (r *TermsReader) Close() error {
	if r.read != r.Words || len(r.b) != 0 {
		return r.bad()
	}
	return nil
}

// words reads the number of words, after the terms.
func (r *TermsReader) words() error {
	var ok bool
	if r.Words, ok = r.num(); !ok || r.Words > len(r.b) {
		return r.bad()
	}
	r.read = 0
	return nil
}

func (r *TermsReader) bad() error {
	return fmt.Errorf("terms of %d bytes are not what EncodeTerms writes", r.size)
}

// offset returns where x, a part of the encoding r returned, starts.
func (r *TermsReader) offset(x []byte) int { return r.size - cap(x) }

func (r *TermsReader) num() (int, bool) {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > math.MaxInt32 {
		return 0, false
	}
	r.b = r.b[n:]
	return int(v), true
}

func (r *TermsReader) str() ([]byte, bool) {
	n, ok := r.num()
	if !ok || n > len(r.b) {
		return nil, false
	}
	out := r.b[:n] // its capacity runs to the end: offset uses it
	r.b = r.b[n:]
	return out, true
}
