package storage

import (
	"cabot/corpus"
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// This file holds the reads whose SQL is the same in both stores, written
// once against Querier. Their SQL marks parameters with "?"; a store whose
// driver numbers them ($1, $2, …) rebinds it in the DB it gives SQL. SQL that
// differs between the stores stays in each store.

// Querier is what the shared reads run through: a store's database or a
// transaction, adapted by SQL.
type Querier interface {
	// QueryRow runs a query that returns at most one row; its error, if
	// any, comes from Scan (sql.ErrNoRows for no row).
	QueryRow(ctx context.Context, query string, args ...any) Row
	// Query runs a query; the caller closes the result.
	Query(ctx context.Context, query string, args ...any) (Result, error)
	// Exec runs a statement that returns no rows.
	Exec(ctx context.Context, query string, args ...any) error
}

// DB is a database/sql handle, *sql.DB or *sql.Tx, of a store: SQL adapts
// it to Querier.
type DB interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// SQL adapts a database/sql handle to Querier.
func SQL(db DB) Querier { return sqlQuerier{db} }

type sqlQuerier struct{ db DB }

func (q sqlQuerier) QueryRow(ctx context.Context, query string, args ...any) Row {
	return q.db.QueryRowContext(ctx, query, args...)
}

func (q sqlQuerier) Query(ctx context.Context, query string, args ...any) (Result, error) {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func (q sqlQuerier) Exec(ctx context.Context, query string, args ...any) error {
	_, err := q.db.ExecContext(ctx, query, args...)
	return err
}

// Reads are the reads of the store contract whose SQL both stores share.
// A store embeds them, made with NewReads on its database.
type Reads struct {
	q  Querier
	in ScopeIn
}

// NewReads returns the shared reads through q; in writes the store's test
// of visible scopes (for FindDuplicate).
func NewReads(q Querier, in ScopeIn) Reads { return Reads{q, in} }

// FindDuplicate is FindDuplicate through the store's database or pool.
func (r Reads) FindDuplicate(ctx context.Context, doc corpus.Document) (*corpus.Duplicate, error) {
	return FindDuplicate(ctx, r.q, r.in, doc)
}

// Result is the rows a Query returns, which the caller closes.
type Result interface {
	Rows
	Close() error
}

// DocColumns are the columns ScanDocument reads.
const DocColumns = `id, title, author, outlet, url, language, published, text, scope, source, added_by, added_at`

// Document returns one document with its text, or an error wrapping
// ErrNotFound.
func (r Reads) Document(ctx context.Context, id string) (corpus.Document, error) {
	d, err := ScanDocument(r.q.QueryRow(ctx, `SELECT `+DocColumns+` FROM documents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return corpus.Document{}, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return corpus.Document{}, fmt.Errorf("read document %s: %w", id, err)
	}
	return d, nil
}

// collect runs query and reads every row with scan; none gives nil.
func collect[T any](ctx context.Context, q Querier, scan func(Row) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	err = EachRow(rows, func(r Row) error {
		v, err := scan(r)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Documents returns every document, oldest first.
func (r Reads) Documents(ctx context.Context) ([]corpus.Document, error) {
	out, err := collect(ctx, r.q, ScanDocument, `SELECT `+DocColumns+` FROM documents ORDER BY added_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return out, nil
}

// docInfoColumns are DocColumns with an empty text.
const docInfoColumns = `id, title, author, outlet, url, language, published, '', scope, source, added_by, added_at`

// DocumentInfos returns every document without its text, oldest first.
func (r Reads) DocumentInfos(ctx context.Context) ([]corpus.Document, error) {
	out, err := collect(ctx, r.q, ScanDocument, `SELECT `+docInfoColumns+` FROM documents ORDER BY added_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return out, nil
}

// chunkColumns are read by ScanChunk.
const chunkColumns = `c.id, c.doc_id, c.position, c.start, c."end", c.text, coalesce(v.embedder, ''), v.vector, v.terms`

// Chunks calls fn for every chunk with its vector, in document and
// position order, and stops at the first error fn returns.
func (r Reads) Chunks(ctx context.Context, fn func(IndexedChunk) error) error {
	rows, err := r.chunks(ctx)
	if err != nil {
		return err
	}
	defer rows.Close()
	return EachChunk(rows, fn)
}

// EncodedChunks is Chunks with each chunk's terms as EncodeTerms wrote
// them (nil without them; Vector.Terms is zero), valid only until fn
// returns.
func (r Reads) EncodedChunks(ctx context.Context, fn func(c IndexedChunk, terms []byte) error) error {
	rows, err := r.chunks(ctx)
	if err != nil {
		return err
	}
	defer rows.Close()
	return EachEncodedChunk(rows, fn)
}

// chunks runs the query of Chunks.
func (r Reads) chunks(ctx context.Context) (Result, error) {
	rows, err := r.q.Query(ctx, `SELECT `+chunkColumns+`
		FROM chunks c LEFT JOIN vectors v ON v.chunk_id = c.id ORDER BY c.doc_id, c.position`)
	if err != nil {
		return nil, fmt.Errorf("read chunks: %w", err)
	}
	return rows, nil
}

// DocumentChunks returns one document's chunks with their vectors, in
// position order, or an error wrapping ErrNotFound. One statement reads the
// document and its chunks, so that they come from the same moment.
func (r Reads) DocumentChunks(ctx context.Context, id string) ([]IndexedChunk, error) {
	// A document without chunks gives one row of empty values.
	rows, err := r.q.Query(ctx, `SELECT coalesce(c.id, ''), coalesce(c.doc_id, ''), coalesce(c.position, 0),
		coalesce(c.start, 0), coalesce(c."end", 0), coalesce(c.text, ''), coalesce(v.embedder, ''), v.vector, v.terms
		FROM documents d LEFT JOIN chunks c ON c.doc_id = d.id LEFT JOIN vectors v ON v.chunk_id = c.id
		WHERE d.id = ? ORDER BY c.position`, id)
	if err != nil {
		return nil, fmt.Errorf("read chunks of document %s: %w", id, err)
	}
	defer rows.Close()
	out, found, err := DocumentChunks(rows)
	if err != nil {
		return nil, fmt.Errorf("read chunks of document %s: %w", id, err)
	}
	if !found {
		return nil, fmt.Errorf("chunks of document %s: %w", id, ErrNotFound)
	}
	return out, nil
}

// Changes returns the changes after the one numbered after, oldest
// first, at most limit of them (100 when limit is not positive).
func (r Reads) Changes(ctx context.Context, after int64, limit int) ([]Change, error) {
	if limit <= 0 {
		limit = 100
	}
	out, err := collect(ctx, r.q, ScanChange, `SELECT seq, kind, doc_id, scope, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read changes: %w", err)
	}
	return out, nil
}

// LastChange returns the Seq of the newest change, 0 when there is none.
func (r Reads) LastChange(ctx context.Context) (int64, error) {
	var seq int64
	if err := r.q.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM changes`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("read last change: %w", err)
	}
	return seq, nil
}

// Counts returns how many documents and chunks the store holds.
func (r Reads) Counts(ctx context.Context) (docs, chunks int, err error) { return counts(ctx, r.q) }

// counts is Counts through q.
func counts(ctx context.Context, q Querier) (docs, chunks int, err error) {
	err = q.QueryRow(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks)`).Scan(&docs, &chunks)
	if err != nil {
		return 0, 0, fmt.Errorf("count documents: %w", err)
	}
	return docs, chunks, nil
}

// Answer returns a stored answer, or an error wrapping ErrNotFound.
func (r Reads) Answer(ctx context.Context, id string) (AnswerRecord, error) {
	var a AnswerRecord
	var created string
	err := r.q.QueryRow(ctx, `SELECT id, question, answer, grounded, mode, sources, scope, created_at
		FROM answers WHERE id = ?`, id).Scan(&a.ID, &a.Question, &a.Answer, &a.Grounded, &a.Mode, &a.Sources, &a.Scope, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return AnswerRecord{}, fmt.Errorf("answer %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return AnswerRecord{}, fmt.Errorf("read answer %s: %w", id, err)
	}
	a.CreatedAt = ParseTime(created)
	return a, nil
}

// Has reports whether a document with this ID exists.
func (r Reads) Has(ctx context.Context, id string) (bool, error) {
	var ok bool
	if err := r.q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("look up document %s: %w", id, err)
	}
	return ok, nil
}

// WasRemoved reports whether a document with this ID was removed and not
// added again since.
func (r Reads) WasRemoved(ctx context.Context, id string) (bool, error) {
	var ok bool
	if err := r.q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM removed WHERE doc_id = ?)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("look up removed document %s: %w", id, err)
	}
	return ok, nil
}

// FeedbackCounts returns how many users found an answer helpful and not.
func (r Reads) FeedbackCounts(ctx context.Context, answerID string) (helpful, unhelpful int, err error) {
	err = r.q.QueryRow(ctx, `SELECT count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful)
		FROM feedback WHERE answer_id = ?`, answerID).Scan(&helpful, &unhelpful)
	if err != nil {
		return 0, 0, fmt.Errorf("count feedback on answer %s: %w", answerID, err)
	}
	return helpful, unhelpful, nil
}

// Secret returns a random 32-byte value stored under name in the meta
// table, creating it through q once (the first to store one wins).
func Secret(ctx context.Context, q Querier, name string) ([]byte, error) {
	fresh, err := NewSecret(name)
	if err != nil {
		return nil, err
	}
	if err := q.Exec(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		name, fresh); err != nil {
		return nil, fmt.Errorf("store %s: %w", name, err)
	}
	// A statement of its own: it sees the value of another process that
	// stored one first.
	var v string
	if err := q.QueryRow(ctx, `SELECT value FROM meta WHERE key = ?`, name).Scan(&v); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return DecodeSecret(name, v)
}

// CheckContents fills in the part of a store's Check that reads its tables
// alike in both stores: the counts, chunks without a vector, documents
// without chunks and the vectors of each embedder. Counts' error comes back
// as it is, the others are marked "check store".
func CheckContents(ctx context.Context, q Querier, h *Health) error {
	var err error
	if h.Documents, h.Chunks, err = counts(ctx, q); err != nil {
		return err
	}
	text := func(r Row) (v string, err error) { return v, r.Scan(&v) }
	if h.ChunksWithoutVector, err = collect(ctx, q, text, `SELECT c.id FROM chunks c LEFT JOIN vectors v ON v.chunk_id = c.id
		WHERE v.chunk_id IS NULL ORDER BY c.doc_id, c.position`); err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	if h.DocumentsWithoutChunks, err = collect(ctx, q, text, `SELECT d.id FROM documents d
		WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.doc_id = d.id) ORDER BY d.id`); err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	rows, err := q.Query(ctx, `SELECT embedder, count(*) FROM vectors GROUP BY embedder`)
	if err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	defer rows.Close()
	err = EachRow(rows, func(r Row) error {
		var name string
		var n int
		if err := r.Scan(&name, &n); err != nil {
			return err
		}
		h.Embedders[name] = n
		return nil
	})
	if err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	return nil
}

// Unhelpful returns the answers found not helpful, newest vote first, at
// most limit (50 when limit <= 0): those asked in one scope, or all when
// all is true.
func (r Reads) Unhelpful(ctx context.Context, scope string, all bool, limit int) ([]UnhelpfulAnswer, error) {
	if limit <= 0 {
		limit = 50
	}
	// TimeLayout sorts as text, so max(created_at) is the newest vote.
	out, err := collect(ctx, r.q, func(row Row) (UnhelpfulAnswer, error) {
		var u UnhelpfulAnswer
		var created, last string
		err := row.Scan(&u.ID, &u.Question, &u.Answer, &u.Grounded, &u.Mode, &u.Sources, &u.Scope, &created,
			&u.Helpful, &u.Unhelpful, &last)
		u.CreatedAt, u.LastVote = ParseTime(created), ParseTime(last)
		return u, err
	}, `SELECT a.id, a.question, a.answer, a.grounded, a.mode, a.sources, a.scope, a.created_at,
			count(*) FILTER (WHERE f.helpful), count(*) FILTER (WHERE NOT f.helpful),
			max(f.created_at) FILTER (WHERE NOT f.helpful)
		FROM answers a JOIN feedback f ON f.answer_id = a.id
		WHERE (? OR a.scope = ?)
		GROUP BY a.id
		HAVING count(*) FILTER (WHERE NOT f.helpful) > 0
		ORDER BY max(f.created_at) FILTER (WHERE NOT f.helpful) DESC, a.id
		LIMIT ?`, all, scope, limit)
	if err != nil {
		return nil, fmt.Errorf("read answers found not helpful: %w", err)
	}
	// The reasons of every listed answer, in one query.
	byID := make(map[string]*UnhelpfulAnswer, len(out))
	for i := range out {
		out[i].Reasons = map[string]int{}
		byID[out[i].ID] = &out[i]
	}
	type reason struct {
		answer, name string
		n            int
	}
	reasons, err := collect(ctx, r.q, func(row Row) (reason, error) {
		var rs reason
		return rs, row.Scan(&rs.answer, &rs.name, &rs.n)
	}, `SELECT f.answer_id, f.reason, count(*) FROM feedback f JOIN answers a ON a.id = f.answer_id
		WHERE NOT f.helpful AND f.reason <> '' AND (? OR a.scope = ?)
		GROUP BY f.answer_id, f.reason`, all, scope)
	if err != nil {
		return nil, fmt.Errorf("read the reasons given on answers found not helpful: %w", err)
	}
	for _, rs := range reasons {
		if u := byID[rs.answer]; u != nil {
			u.Reasons[rs.name] = rs.n
		}
	}
	return out, nil
}

// Preview returns a stored preview, or an error wrapping ErrNotFound.
func (r Reads) Preview(ctx context.Context, token string) (Preview, error) {
	p := Preview{Token: token}
	var doc, expires string
	err := r.q.QueryRow(ctx, `SELECT user_id, guild_id, doc, expires FROM previews WHERE token = ?`, token).
		Scan(&p.UserID, &p.GuildID, &doc, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("preview: %w", ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("read preview: %w", err)
	}
	if p.Doc, err = DecodePreviewDoc(doc); err != nil {
		return p, fmt.Errorf("read preview: %w", err)
	}
	p.Expires = ParseTime(expires)
	return p, nil
}
