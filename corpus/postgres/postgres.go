// Package postgres is the store of record on PostgreSQL (through
// database/sql and github.com/lib/pq), for several processes or machines
// that share one corpus: documents, chunks, vectors (plain bytea columns:
// each process keeps its own index), the audit log, tombstones, the bot's
// answers with their feedback, and the change feed that every process
// follows. It satisfies the store contract of package cabot/corpus/storage,
// and shares its reads (storage.Reads) with corpus/sqlite.
//
// Writers (Add and Remove) take one transaction-level advisory lock, so that
// the duplicate check and the insert cannot interleave with another
// writer's, and the change feed's sequence numbers become visible in order.
// Backup writes an SQLite file (see corpus/sqlite) that a SQLite store can be
// restored from.
package postgres

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/lib/pq/pqerror"
)

// Store is the store of record in a PostgreSQL database. It is safe for
// concurrent use, also by several processes and machines at once.
type Store struct {
	storage.Reads
	db    *sql.DB
	where string
}

var _ storage.Store = (*Store)(nil)

// writeLock is the key of the transaction-level advisory lock that every
// Add and Remove holds ("cabot" in ASCII).
const writeLock = 0x6361626f74

// Open connects to the database at url (postgres://user:password@host/db or
// a key=value connection string) and brings its schema up to date. Without
// an sslmode, TLS is tried first and plain TCP if the server has no TLS
// ("prefer", as libpq does; lib/pq's own default is "require").
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pq.NewConfig(url)
	if err != nil {
		// lib/pq's message may quote the URL with its password.
		return nil, errors.New("open store: the PostgreSQL URL cannot be parsed")
	}
	if cfg.SSLMode == "" {
		cfg.SSLMode = pq.SSLModePrefer
	}
	s := &Store{where: describe(cfg)}
	connector, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", s.where, err)
	}
	s.db = sql.OpenDB(connector)
	// As many connections, kept as long, as with pgxpool's defaults before.
	conns := max(4, runtime.NumCPU())
	s.db.SetMaxOpenConns(conns)
	s.db.SetMaxIdleConns(conns)
	s.db.SetConnMaxLifetime(time.Hour)
	s.db.SetConnMaxIdleTime(30 * time.Minute)
	s.Reads = storage.NewReads(reader(s.db), anyScope)
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open store %s: %w", s.where, err)
	}
	return s, nil
}

// describe names the database for people, without the password.
func describe(c pq.Config) string {
	host := c.Host
	if !strings.HasPrefix(host, "/") {
		host = fmt.Sprintf("%s:%d", host, c.Port)
	}
	return fmt.Sprintf("postgres://%s@%s/%s", c.User, host, c.Database)
}

// Where names the database (user, host, port and database, never the
// password).
func (s *Store) Where() string { return s.where }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// Close closes the connections.
func (s *Store) Close() error { return s.db.Close() }

// writeErr marks an error of a write that the server refused because it
// accepts reads only (a standby, default_transaction_read_only) as
// storage.ErrReadOnly.
func writeErr(err error) error {
	if pq.As(err, pqerror.ReadOnlySQLTransaction) != nil {
		return fmt.Errorf("the database is read-only: %w (%w)", err, storage.ErrReadOnly)
	}
	return err
}

// inTx runs fn in a transaction with the options opts (nil for the
// defaults), and commits it when fn returns nil, else rolls it back.
func (s *Store) inTx(ctx context.Context, opts *sql.TxOptions, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// inWriteTx runs fn in a transaction that holds the write lock, and commits
// it when fn returns nil.
func (s *Store) inWriteTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.inTx(ctx, nil, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writeLock)); err != nil {
			return fmt.Errorf("take the write lock: %w", err)
		}
		return fn(tx)
	})
}

// rowsAffected is the number of rows the statement that returned res and
// err changed.
func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// maxParameters is how many parameters one PostgreSQL statement takes at
// most.
const maxParameters = 65535

// insertRows runs insert ("INSERT INTO t (a, b) VALUES ") followed by the
// rows' values, each row as "($1, $2)", and suffix (such as an ON CONFLICT
// clause): one statement for as many rows as maxParameters allows.
func insertRows(ctx context.Context, tx *sql.Tx, insert, suffix string, rows [][]any) error {
	for len(rows) > 0 {
		n := min(len(rows), maxParameters/len(rows[0]))
		var b strings.Builder
		b.WriteString(insert)
		args := make([]any, 0, n*len(rows[0]))
		for i, row := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				b.WriteString("$" + strconv.Itoa(len(args)))
			}
			b.WriteByte(')')
		}
		b.WriteString(suffix)
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// Add stores a document with its chunks and one vector per chunk, its audit
// entry and its change, in one transaction that holds the write lock. It
// returns a *corpus.DuplicateError when the document duplicates one visible
// in its scope, also one another process stored a moment before, and fails
// if the document ID exists already or a chunk does not match the text.
func (s *Store) Add(ctx context.Context, doc corpus.Document, chunks []corpus.Chunk, vectors []storage.Vector) error {
	if err := storage.MatchChunks(doc, chunks, vectors); err != nil {
		return err
	}
	err := s.inWriteTx(ctx, func(tx *sql.Tx) error { return addIn(ctx, tx, doc, chunks, vectors, nil) })
	var de *corpus.DuplicateError
	if errors.As(err, &de) {
		return err
	}
	if err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, writeErr(err))
	}
	return nil
}

// AddBatch stores documents as Add would, one after the other, in one
// transaction that holds the write lock. Each is checked for duplicates
// inside it, so also against those stored before it in docs.
func (s *Store) AddBatch(ctx context.Context, docs []storage.NewDocument) ([]error, error) {
	var results []error
	err := s.inWriteTx(ctx, func(tx *sql.Tx) error {
		results = make([]error, len(docs))
		for i, d := range docs {
			if err := storage.MatchChunks(d.Doc, d.Chunks, d.Vectors); err != nil {
				results[i] = err
				continue
			}
			err := addIn(ctx, tx, d.Doc, d.Chunks, d.Vectors, d.Print)
			var de *corpus.DuplicateError
			if errors.As(err, &de) {
				results[i] = err
				continue
			}
			if err != nil {
				return fmt.Errorf("document %s: %w", d.Doc.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add %d documents: %w", len(docs), writeErr(err))
	}
	return results, nil
}

// addIn stores a document whose chunks match it inside tx, which holds the
// write lock, unless it duplicates one (a *corpus.DuplicateError, and
// nothing written). fp is its fingerprint, or nil to make it.
func addIn(ctx context.Context, tx *sql.Tx, doc corpus.Document, chunks []corpus.Chunk, vectors []storage.Vector, fp *storage.Fingerprint) error {
	if doc.AddedAt.IsZero() {
		doc.AddedAt = time.Now().UTC()
	}
	if fp == nil {
		fp = storage.FingerprintOf(doc)
	}
	dup, err := storage.FindDuplicateOf(ctx, reader(tx), anyScope, doc, fp)
	if err != nil {
		return err
	}
	if dup != nil {
		return &corpus.DuplicateError{Duplicate: *dup}
	}
	sig := fp.Signature
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents
		(id, title, author, outlet, url, language, published, text, content_hash, scope, source, added_by, added_at,
		 canonical_url, signature)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		doc.ID, doc.Title, doc.Author, doc.Outlet, doc.URL, doc.Language, doc.PublishedString(),
		doc.Text, fp.ContentHash, doc.Scope, doc.Source, doc.AddedBy, storage.FormatTime(doc.AddedAt),
		fp.CanonicalURL, sig.Bytes()); err != nil {
		return err
	}
	if err := storage.InsertBands(ctx, reader(tx), doc.ID, doc.Scope, sig); err != nil {
		return err
	}
	if err := audit(ctx, tx, "add", doc, doc.AddedBy, fmt.Sprintf("%d chunks", len(chunks))); err != nil {
		return err
	}
	if err := recordChange(ctx, tx, storage.ChangeAdd, doc); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM removed WHERE doc_id = $1`, doc.ID); err != nil {
		return err
	}
	if len(chunks) == 0 {
		return nil
	}
	chunkRows, vectorRows := make([][]any, len(chunks)), make([][]any, len(chunks))
	for i, c := range chunks {
		v := vectors[i]
		chunkRows[i] = []any{c.ID, c.DocID, c.Position, c.Start, c.End, c.Text}
		vectorRows[i] = []any{c.ID, v.Embedder, len(v.Values), storage.EncodeVector(v.Values), nullBytes(storage.EncodeTerms(v.Terms))}
	}
	if err := insertRows(ctx, tx, `INSERT INTO chunks (id, doc_id, position, start, "end", text) VALUES `, "", chunkRows); err != nil {
		return fmt.Errorf("chunks: %w", err)
	}
	if err := insertRows(ctx, tx, `INSERT INTO vectors (chunk_id, embedder, dimension, vector, terms) VALUES `, "", vectorRows); err != nil {
		return fmt.Errorf("vectors: %w", err)
	}
	return nil
}

// nullBytes is b, or SQL NULL for nil (a chunk without stored terms).
func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

// audit records an action on a document inside tx.
func audit(ctx context.Context, tx *sql.Tx, action string, doc corpus.Document, actor, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (at, action, doc_id, title, scope, actor, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		storage.FormatTime(time.Now()), action, doc.ID, doc.Title, doc.Scope, actor, detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// recordChange appends a change to the feed inside tx. The transaction holds
// the write lock, which it keeps until it commits: a change with a larger
// Seq can only commit after this one, so a follower misses none.
func recordChange(ctx context.Context, tx *sql.Tx, kind storage.ChangeKind, doc corpus.Document) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO changes (kind, doc_id, scope, at) VALUES ($1, $2, $3, $4)`,
		string(kind), doc.ID, doc.Scope, storage.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("record change: %w", err)
	}
	return nil
}

// Remove deletes a document with its chunks and vectors, records who did it,
// leaves a tombstone and a "remove" change, in one transaction. It returns
// the removed document's metadata, or an error wrapping storage.ErrNotFound.
func (s *Store) Remove(ctx context.Context, id, actor string) (corpus.Document, error) {
	var doc corpus.Document
	err := s.inWriteTx(ctx, func(tx *sql.Tx) error {
		var err error
		doc, err = storage.ScanDocument(tx.QueryRowContext(ctx, `SELECT `+storage.DocColumns+` FROM documents WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return storage.ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = $1`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO removed (doc_id, at) VALUES ($1, $2) ON CONFLICT (doc_id) DO UPDATE SET at = excluded.at`,
			id, storage.FormatTime(time.Now())); err != nil {
			return err
		}
		if err := audit(ctx, tx, "remove", doc, actor, ""); err != nil {
			return err
		}
		return recordChange(ctx, tx, storage.ChangeRemove, doc)
	})
	if err != nil {
		return corpus.Document{}, fmt.Errorf("remove document %s: %w", id, writeErr(err))
	}
	doc.Text = ""
	return doc, nil
}

// ReplaceVectors stores new vectors for chunks (by chunk ID) in one
// transaction; it stores none if a chunk does not exist.
func (s *Store) ReplaceVectors(ctx context.Context, vectors map[string]storage.Vector) error {
	if len(vectors) == 0 {
		return nil
	}
	rows := make([][]any, 0, len(vectors))
	for id, v := range vectors {
		rows = append(rows, []any{id, v.Embedder, len(v.Values), storage.EncodeVector(v.Values), nullBytes(storage.EncodeTerms(v.Terms))})
	}
	err := s.inTx(ctx, nil, func(tx *sql.Tx) error {
		return insertRows(ctx, tx, `INSERT INTO vectors (chunk_id, embedder, dimension, vector, terms) VALUES `,
			` ON CONFLICT (chunk_id) DO UPDATE SET embedder = excluded.embedder, dimension = excluded.dimension, vector = excluded.vector,
				terms = coalesce(excluded.terms, vectors.terms)`, rows)
	})
	if err != nil {
		return fmt.Errorf("replace vectors: %w", writeErr(err))
	}
	return nil
}

// Audit returns the newest entries of the audit log, newest first: those of
// one scope, or all of them when all is true.
func (s *Store) Audit(ctx context.Context, scope string, all bool, limit int) ([]storage.AuditEntry, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT at, action, doc_id, title, scope, actor, detail FROM audit
		WHERE $1 OR scope = $2 ORDER BY id DESC LIMIT $3`, all, scope, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []storage.AuditEntry
	err = storage.EachRow(rows, func(r storage.Row) error {
		e, err := storage.ScanAuditEntry(r)
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return out, nil
}

// SaveAnswer stores an answer record.
func (s *Store) SaveAnswer(ctx context.Context, a storage.AnswerRecord) error {
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now().UTC()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO answers (id, question, answer, grounded, mode, sources, scope, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, a.ID, a.Question, a.Answer, a.Grounded, a.Mode, a.Sources, a.Scope,
		storage.FormatTime(a.CreatedAt))
	if err != nil {
		return fmt.Errorf("save answer %s: %w", a.ID, writeErr(err))
	}
	return nil
}

// SaveFeedbackReason records why a user found an answer not helpful; it
// fails with an error wrapping storage.ErrNotFound when that user's vote on
// the answer is not "not helpful".
func (s *Store) SaveFeedbackReason(ctx context.Context, answerID, userID, reason string) error {
	if !storage.ValidReason(reason) {
		return fmt.Errorf("save feedback reason on answer %s: unknown reason %q", answerID, reason)
	}
	key, err := storage.Secret(ctx, s.read(), storage.FeedbackKeyName)
	if err != nil {
		return fmt.Errorf("save feedback reason on answer %s: %w", answerID, writeErr(err))
	}
	n, err := rowsAffected(s.db.ExecContext(ctx, `UPDATE feedback SET reason = $1 WHERE answer_id = $2 AND user_hash = $3 AND NOT helpful`,
		reason, answerID, storage.UserHash(key, userID)))
	if err != nil {
		return fmt.Errorf("save feedback reason on answer %s: %w", answerID, writeErr(err))
	}
	if n == 0 {
		return fmt.Errorf("save feedback reason on answer %s: no \"not helpful\" vote by this user: %w", answerID, storage.ErrNotFound)
	}
	return nil
}

// SaveFeedback records whether a user found an answer helpful; a second vote
// by the same user replaces the first. The user ID is stored only as a keyed
// hash (HMAC-SHA-256 with a random key kept in the database).
func (s *Store) SaveFeedback(ctx context.Context, answerID, userID string, helpful bool) error {
	key, err := storage.Secret(ctx, s.read(), storage.FeedbackKeyName)
	if err != nil {
		return fmt.Errorf("save feedback on answer %s: %w", answerID, writeErr(err))
	}
	hash := storage.UserHash(key, userID)
	_, err = s.db.ExecContext(ctx, `INSERT INTO feedback (answer_id, user_hash, helpful, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (answer_id, user_hash) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at, reason = ''`,
		answerID, hash, helpful, storage.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("save feedback on answer %s: %w", answerID, writeErr(err))
	}
	return nil
}
