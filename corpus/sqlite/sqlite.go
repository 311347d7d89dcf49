// Package sqlite is the store of record on SQLite (the pure-Go
// modernc.org/sqlite driver): documents, chunks, vectors, the audit log,
// tombstones, and the bot's answers with their feedback, in one file in WAL
// mode. It satisfies the store contract of package cabot/corpus/storage.
package sqlite

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// Store is the store of record: documents, their chunks and the chunks'
// vectors, in one SQLite file in WAL mode with foreign keys on. Each document
// is written in one transaction, so a crash leaves it whole or absent.
// A Store is safe for concurrent use.
type Store struct {
	storage.Reads
	db       *sql.DB
	path     string
	readOnly bool
	// whyReadOnly says why a read-only store cannot be written ("the data
	// directory DIR is read-only").
	whyReadOnly error
	id          string // the store's identity (meta store_id)

	markMu sync.Mutex
	marked atomic.Bool // the marker file records id
}

var _ storage.Store = (*Store)(nil)

// migrations are applied in order; PRAGMA user_version counts those applied.
var migrations = []string{
	`CREATE TABLE documents (
		id           TEXT PRIMARY KEY,
		title        TEXT NOT NULL DEFAULT '',
		author       TEXT NOT NULL DEFAULT '',
		outlet       TEXT NOT NULL DEFAULT '',
		url          TEXT NOT NULL DEFAULT '',
		language     TEXT NOT NULL DEFAULT '',
		published    TEXT NOT NULL DEFAULT '',
		text         TEXT NOT NULL,
		content_hash TEXT NOT NULL,
		scope        TEXT NOT NULL DEFAULT '',
		source       TEXT NOT NULL DEFAULT '',
		added_by     TEXT NOT NULL DEFAULT '',
		added_at     TEXT NOT NULL
	);
	CREATE INDEX documents_content_hash ON documents(content_hash);
	CREATE TABLE chunks (
		id       TEXT PRIMARY KEY,
		doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
		position INTEGER NOT NULL,
		start    INTEGER NOT NULL,
		end      INTEGER NOT NULL,
		text     TEXT NOT NULL,
		UNIQUE (doc_id, position)
	);
	CREATE TABLE vectors (
		chunk_id  TEXT PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
		embedder  TEXT NOT NULL,
		dimension INTEGER NOT NULL,
		vector    BLOB NOT NULL
	);`,
	`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	CREATE TABLE answers (
		id         TEXT PRIMARY KEY,
		question   TEXT NOT NULL,
		answer     TEXT NOT NULL,
		grounded   INTEGER NOT NULL,
		mode       TEXT NOT NULL,
		sources    TEXT NOT NULL,
		scope      TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL
	);
	CREATE TABLE feedback (
		answer_id  TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
		user_hash  TEXT NOT NULL,
		helpful    INTEGER NOT NULL,
		created_at TEXT NOT NULL,
		PRIMARY KEY (answer_id, user_hash)
	);`,
	`ALTER TABLE documents ADD COLUMN canonical_url TEXT NOT NULL DEFAULT '';
	ALTER TABLE documents ADD COLUMN signature BLOB;
	CREATE INDEX documents_canonical_url ON documents(canonical_url);
	CREATE INDEX documents_scope ON documents(scope);
	CREATE TABLE audit (
		id      INTEGER PRIMARY KEY AUTOINCREMENT,
		at      TEXT NOT NULL,
		action  TEXT NOT NULL,
		doc_id  TEXT NOT NULL,
		title   TEXT NOT NULL,
		scope   TEXT NOT NULL,
		actor   TEXT NOT NULL,
		detail  TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX audit_scope ON audit(scope, id);
	CREATE TABLE removed (
		doc_id TEXT PRIMARY KEY,
		at     TEXT NOT NULL
	);`,
	// The change feed: written in the transaction of each Add and Remove,
	// read by every process that keeps indexes (AUTOINCREMENT: a number is
	// never used twice, even after the newest row is deleted).
	`CREATE TABLE changes (
		seq    INTEGER PRIMARY KEY AUTOINCREMENT,
		kind   TEXT NOT NULL CHECK (kind IN ('add', 'remove')),
		doc_id TEXT NOT NULL,
		scope  TEXT NOT NULL,
		at     TEXT NOT NULL
	);`,
	// The duplicate look-ups are by URL or hash within the visible scopes:
	// with scope in their indexes they no longer lose to documents_scope
	// (which the planner picked for a global document's look-up, reading
	// every global document).
	`DROP INDEX documents_canonical_url;
	DROP INDEX documents_content_hash;
	CREATE INDEX documents_canonical_url ON documents(canonical_url, scope);
	CREATE INDEX documents_content_hash ON documents(content_hash, scope);`,
	// Why a member found an answer not helpful (storage.FeedbackReasons).
	`ALTER TABLE feedback ADD COLUMN reason TEXT NOT NULL DEFAULT '';`,
	// The bands of each document's MinHash signature (corpus.BandKeys),
	// so that the near-duplicate look-up reads the documents that share one
	// instead of every signature. Migrating stores those of the documents
	// there are (storage.BackfillBands).
	`CREATE TABLE document_bands (
		doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
		band   INTEGER NOT NULL,
		key    INTEGER NOT NULL,
		scope  TEXT NOT NULL,
		PRIMARY KEY (doc_id, band)
	);
	CREATE INDEX document_bands_key ON document_bands(key, scope);`,
	// /doc add previews waiting for Confirm (storage.Preview); doc is the
	// document as JSON, expires a storage.FormatTime time.
	`CREATE TABLE previews (
		token    TEXT PRIMARY KEY,
		user_id  TEXT NOT NULL,
		guild_id TEXT NOT NULL,
		doc      TEXT NOT NULL,
		expires  TEXT NOT NULL
	);
	CREATE INDEX previews_expires ON previews(expires);`,
	// Each chunk's terms for the lexical index (storage.EncodeTerms), so
	// that opening the store does not tokenise every chunk; NULL for the
	// chunks stored before, which rag tokenises as it did.
	`ALTER TABLE vectors ADD COLUMN terms BLOB;`,
}

// bandsVersion is the schema version that keeps signatures' bands: migrating
// to it backfills them.
const bandsVersion = 7

// Open opens (creating if needed) the store at path and brings its schema up
// to date. It fails with ErrStoreLost when the file was emptied or deleted
// after it held documents.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("open store: create data directory: %w", err)
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Set("_txlock", "immediate")
	return open(ctx, path, q, nil)
}

// OpenReadOnly opens the existing store at path for reading only, for a
// data directory or a store file that cannot be written (see Writable):
// everything that reads works, and every write fails with an error
// wrapping storage.ErrReadOnly that says why. Its schema must be up to
// date already (upgrading it needs write access).
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open store %s for reading: %w", path, err)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	// Without a -wal file no process is writing (a writer would need one),
	// and SQLite cannot create the -shm file it wants in a read-only
	// directory: read the file as it is.
	if _, err := os.Stat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	why := Writable(path)
	if why == nil {
		why = fmt.Errorf("the store %s is open for reading only", path)
	}
	return open(ctx, path, q, why)
}

// open opens the store at path with the connection parameters q; readOnly
// is nil for a store that may be written, else why it may not.
func open(ctx context.Context, path string, q url.Values, readOnly error) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// A file: URI, so that '?', '#' and '%' in the path are escaped.
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{Reads: storage.NewReads(storage.SQL(db), scopeIn), db: db, path: path, readOnly: readOnly != nil, whyReadOnly: readOnly}
	steps := []func(context.Context) error{s.migrate, s.backfillSignatures, s.checkIdentity}
	if s.readOnly {
		steps = []func(context.Context) error{s.checkVersion, s.checkIdentity}
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	return s, nil
}

// refuseWrite returns the error of a write to a read-only store, nil when
// the store may be written.
func (s *Store) refuseWrite() error {
	if !s.readOnly {
		return nil
	}
	return fmt.Errorf("%w (%w)", s.whyReadOnly, storage.ErrReadOnly)
}

// checkVersion refuses a store whose schema is not the one this cabot
// writes, when it cannot be migrated (read-only).
func (s *Store) checkVersion(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case version > len(migrations):
		return fmt.Errorf("schema version %d is newer than this cabot knows (%d): upgrade cabot", version, len(migrations))
	case version < len(migrations):
		return fmt.Errorf("schema version %d needs upgrading to %d, which needs write access: %w; run cabot once where it can write the store",
			version, len(migrations), s.whyReadOnly)
	}
	return nil
}

// Ping checks that the store answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this cabot knows (%d): upgrade cabot", version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
		if v+1 == bandsVersion {
			if err := storage.BackfillBands(ctx, storage.SQL(tx)); err != nil {
				tx.Rollback()
				return fmt.Errorf("migrate to version %d: %w", v+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v+1, err)
		}
	}
	return nil
}

// Add stores a document with its chunks and one vector per chunk, its audit
// entry and its change, in a single transaction. It returns a
// *corpus.DuplicateError when the document duplicates one visible in its
// scope (as FindDuplicate finds them), and fails if the document ID exists
// already.
func (s *Store) Add(ctx context.Context, doc corpus.Document, chunks []corpus.Chunk, vectors []storage.Vector) error {
	if err := s.refuseWrite(); err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	if err := storage.MatchChunks(doc, chunks, vectors); err != nil {
		return err
	}
	// BEGIN IMMEDIATE (_txlock): the duplicate check and the insert hold
	// the write lock together, so two processes adding the same article
	// at once cannot both get it in.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	defer tx.Rollback()
	stmts := newStatements(tx)
	defer stmts.close()
	if err := s.addIn(ctx, stmts, doc, chunks, vectors, nil); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("add document %s: commit: %w", doc.ID, err)
	}
	// The document is stored, so Add succeeds even if the marker cannot
	// be written: the next Open writes it.
	_ = s.markHeld()
	return nil
}

// AddBatch stores documents as Add would, one after the other, in a single
// transaction (one write to disk for them all). Each is checked for
// duplicates inside it, so also against those stored before it in docs.
func (s *Store) AddBatch(ctx context.Context, docs []storage.NewDocument) ([]error, error) {
	if err := s.refuseWrite(); err != nil {
		return nil, fmt.Errorf("add %d documents: %w", len(docs), err)
	}
	results := make([]error, len(docs))
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE, as in Add
	if err != nil {
		return nil, fmt.Errorf("add %d documents: %w", len(docs), err)
	}
	defer tx.Rollback()
	stmts := newStatements(tx) // the same statements for every document
	defer stmts.close()
	for i, d := range docs {
		if err := storage.MatchChunks(d.Doc, d.Chunks, d.Vectors); err != nil {
			results[i] = err
			continue
		}
		err := s.addIn(ctx, stmts, d.Doc, d.Chunks, d.Vectors, d.Print)
		var dup *corpus.DuplicateError
		if errors.As(err, &dup) {
			results[i] = err
			continue
		}
		if err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("add %d documents: commit: %w", len(docs), err)
	}
	_ = s.markHeld() // as in Add
	return results, nil
}

// addIn stores a document whose chunks match it inside tx, unless it
// duplicates one (a *corpus.DuplicateError, and nothing written). fp is
// its fingerprint, or nil to make it.
func (s *Store) addIn(ctx context.Context, tx *statements, doc corpus.Document, chunks []corpus.Chunk, vectors []storage.Vector, fp *storage.Fingerprint) error {
	if doc.AddedAt.IsZero() {
		doc.AddedAt = time.Now().UTC()
	}
	if fp == nil {
		fp = storage.FingerprintOf(doc)
	}
	dup, err := storage.FindDuplicateOf(ctx, storage.SQL(tx), scopeIn, doc, fp)
	if err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	if dup != nil {
		return &corpus.DuplicateError{Duplicate: *dup}
	}
	sig := fp.Signature
	_, err = tx.ExecContext(ctx, `INSERT INTO documents
		(id, title, author, outlet, url, language, published, text, content_hash, scope, source, added_by, added_at,
		 canonical_url, signature)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.ID, doc.Title, doc.Author, doc.Outlet, doc.URL, doc.Language, doc.PublishedString(),
		doc.Text, fp.ContentHash, doc.Scope, doc.Source, doc.AddedBy, storage.FormatTime(doc.AddedAt),
		fp.CanonicalURL, sig.Bytes())
	if err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	if err := storage.InsertBands(ctx, storage.SQL(tx), doc.ID, doc.Scope, sig); err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	if err := audit(ctx, tx, "add", doc, doc.AddedBy, fmt.Sprintf("%d chunks", len(chunks))); err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	if err := recordChange(ctx, tx, storage.ChangeAdd, doc); err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM removed WHERE doc_id = ?`, doc.ID); err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	// Up to insertRows chunks (and their vectors) per statement.
	for lo := 0; lo < len(chunks); lo += insertRows {
		hi := min(lo+insertRows, len(chunks))
		chunkArgs, vectorArgs := make([]any, 0, 6*(hi-lo)), make([]any, 0, 5*(hi-lo))
		for i, c := range chunks[lo:hi] {
			v := vectors[lo+i]
			chunkArgs = append(chunkArgs, c.ID, c.DocID, c.Position, c.Start, c.End, c.Text)
			vectorArgs = append(vectorArgs, c.ID, v.Embedder, len(v.Values), storage.EncodeVector(v.Values), storage.EncodeTerms(v.Terms))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO chunks (id, doc_id, position, start, end, text) VALUES `+values(hi-lo, 6), chunkArgs...); err != nil {
			return fmt.Errorf("add document %s: chunks %d to %d: %w", doc.ID, lo, hi-1, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO vectors (chunk_id, embedder, dimension, vector, terms) VALUES `+values(hi-lo, 5), vectorArgs...); err != nil {
			return fmt.Errorf("add document %s: vectors of chunks %d to %d: %w", doc.ID, lo, hi-1, err)
		}
	}
	return nil
}

// insertRows is how many rows one INSERT of addIn writes at most.
const insertRows = 64

// values returns the VALUES list of rows rows of cols parameters each:
// "(?, ?), (?, ?)".
func values(rows, cols int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")
}

// statements runs the statements of one transaction, each prepared once
// however often it runs (SQLite would compile it again every time).
type statements struct {
	tx       *sql.Tx
	prepared map[string]*sql.Stmt
}

var _ storage.DB = (*statements)(nil)

func newStatements(tx *sql.Tx) *statements {
	return &statements{tx: tx, prepared: map[string]*sql.Stmt{}}
}

// stmt returns query prepared in the transaction.
func (s *statements) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := s.prepared[query]; ok {
		return st, nil
	}
	st, err := s.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.prepared[query] = st
	return st, nil
}

func (s *statements) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (s *statements) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a query of one row; a failure to prepare it is
// returned by the row's Scan, as sql.Tx's own does with its errors.
func (s *statements) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if _, err := s.stmt(ctx, query); err != nil {
		return s.tx.QueryRowContext(ctx, query, args...) // fails the same way
	}
	return s.prepared[query].QueryRowContext(ctx, args...)
}

// close closes the prepared statements.
func (s *statements) close() {
	for _, st := range s.prepared {
		st.Close()
	}
}

// ReplaceVectors stores new vectors for chunks (by chunk ID) in one
// transaction.
func (s *Store) ReplaceVectors(ctx context.Context, vectors map[string]storage.Vector) error {
	if err := s.refuseWrite(); err != nil {
		return fmt.Errorf("replace vectors: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace vectors: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO vectors (chunk_id, embedder, dimension, vector, terms) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (chunk_id) DO UPDATE SET embedder = excluded.embedder, dimension = excluded.dimension, vector = excluded.vector,
			terms = coalesce(excluded.terms, vectors.terms)`)
	if err != nil {
		return fmt.Errorf("replace vectors: %w", err)
	}
	defer stmt.Close()
	for id, v := range vectors {
		if _, err := stmt.ExecContext(ctx, id, v.Embedder, len(v.Values), storage.EncodeVector(v.Values), storage.EncodeTerms(v.Terms)); err != nil {
			return fmt.Errorf("replace vector of chunk %s: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace vectors: %w", err)
	}
	return nil
}

// Where returns the file the store lives in.
func (s *Store) Where() string { return s.path }
