package postgres

import (
	"cabot/corpus/storage"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/lib/pq"
)

// migrations are applied in order, each in the transaction that records it
// in schema_version. The tables and columns are those of corpus/sqlite
// (times as fixed-width UTC text to the nanosecond, vectors as little-endian
// float32 bytes), so that Backup copies rows as they are.
var migrations = []string{
	`CREATE TABLE documents (
		id            text PRIMARY KEY,
		title         text NOT NULL DEFAULT '',
		author        text NOT NULL DEFAULT '',
		outlet        text NOT NULL DEFAULT '',
		url           text NOT NULL DEFAULT '',
		language      text NOT NULL DEFAULT '',
		published     text NOT NULL DEFAULT '',
		text          text NOT NULL,
		content_hash  text NOT NULL,
		scope         text NOT NULL DEFAULT '',
		source        text NOT NULL DEFAULT '',
		added_by      text NOT NULL DEFAULT '',
		added_at      text NOT NULL,
		canonical_url text NOT NULL DEFAULT '',
		signature     bytea NOT NULL
	);
	CREATE INDEX documents_canonical_url ON documents (canonical_url, scope);
	CREATE INDEX documents_content_hash ON documents (content_hash, scope);
	CREATE INDEX documents_scope ON documents (scope);
	CREATE INDEX documents_added_at ON documents (added_at, id);
	CREATE TABLE chunks (
		id       text PRIMARY KEY,
		doc_id   text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
		position integer NOT NULL,
		start    integer NOT NULL,
		"end"    integer NOT NULL,
		text     text NOT NULL,
		UNIQUE (doc_id, position)
	);
	CREATE TABLE vectors (
		chunk_id  text PRIMARY KEY REFERENCES chunks (id) ON DELETE CASCADE,
		embedder  text NOT NULL,
		dimension integer NOT NULL,
		vector    bytea NOT NULL
	);
	CREATE TABLE meta (
		key   text PRIMARY KEY,
		value text NOT NULL
	);
	CREATE TABLE answers (
		id         text PRIMARY KEY,
		question   text NOT NULL,
		answer     text NOT NULL,
		grounded   boolean NOT NULL,
		mode       text NOT NULL,
		sources    text NOT NULL,
		scope      text NOT NULL DEFAULT '',
		created_at text NOT NULL
	);
	CREATE TABLE feedback (
		answer_id  text NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
		user_hash  text NOT NULL,
		helpful    boolean NOT NULL,
		created_at text NOT NULL,
		PRIMARY KEY (answer_id, user_hash)
	);
	CREATE TABLE audit (
		id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		at     text NOT NULL,
		action text NOT NULL,
		doc_id text NOT NULL,
		title  text NOT NULL,
		scope  text NOT NULL,
		actor  text NOT NULL,
		detail text NOT NULL DEFAULT ''
	);
	CREATE INDEX audit_scope ON audit (scope, id);
	CREATE TABLE removed (
		doc_id text PRIMARY KEY,
		at     text NOT NULL
	);
	-- The change feed: a sequence number is never used twice; writers hold
	-- the write lock, so numbers commit in order.
	CREATE TABLE changes (
		seq    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		kind   text NOT NULL CHECK (kind IN ('add', 'remove')),
		doc_id text NOT NULL,
		scope  text NOT NULL,
		at     text NOT NULL
	);`,
	// Why a member found an answer not helpful (storage.FeedbackReasons).
	`ALTER TABLE feedback ADD COLUMN reason text NOT NULL DEFAULT '';`,
	// The bands of each document's MinHash signature (corpus.BandKeys),
	// so that the near-duplicate look-up reads the documents that share one
	// instead of every signature. Migrating stores those of the documents
	// there are (storage.BackfillBands).
	`CREATE TABLE document_bands (
		doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
		band   integer NOT NULL,
		key    bigint NOT NULL,
		scope  text NOT NULL,
		PRIMARY KEY (doc_id, band)
	);
	CREATE INDEX document_bands_key ON document_bands (key, scope);`,
	// /doc add previews waiting for Confirm (storage.Preview); doc is the
	// document as JSON, expires a storage.FormatTime time.
	`CREATE TABLE previews (
		token    text PRIMARY KEY,
		user_id  text NOT NULL,
		guild_id text NOT NULL,
		doc      text NOT NULL,
		expires  text NOT NULL
	);
	CREATE INDEX previews_expires ON previews(expires);`,
	// Each chunk's terms for the lexical index (storage.EncodeTerms); NULL
	// for the chunks stored before.
	`ALTER TABLE vectors ADD COLUMN terms bytea;`,
}

// bandsVersion is the schema version that keeps signatures' bands: migrating
// to it backfills them.
const bandsVersion = 3

// migrationLock is the key of the advisory lock that serialises migrations
// of processes starting at once.
const migrationLock = writeLock + 1

// schemaVersion returns the version the database's schema_version records,
// 0 when there is none.
func schemaVersion(ctx context.Context, q storage.DB) (int, error) {
	var exists bool
	if err := q.QueryRowContext(ctx, `SELECT to_regclass('schema_version') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v int
	err := q.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// migrate brings the schema up to date. A database that is up to date
// already is only read (so that a read-only server can be opened).
func (s *Store) migrate(ctx context.Context) error {
	v, err := schemaVersion(ctx, s.db)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this cabot knows (%d): upgrade cabot", v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	err = s.inTx(ctx, nil, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`); err != nil {
			return err
		}
		v, err := schemaVersion(ctx, tx) // another process may have migrated meanwhile
		if err != nil {
			return err
		}
		for ; v < len(migrations); v++ {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrate to version %d: %w", v+1, err)
			}
			if v+1 == bandsVersion {
				if err := storage.BackfillBands(ctx, reader(tx)); err != nil {
					return fmt.Errorf("migrate to version %d: %w", v+1, err)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, v)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrate schema: %w", writeErr(err))
	}
	return nil
}

// readSchema reads the tables (with their columns: "text NOT NULL DEFAULT
// ”"), indexes and constraints (as table.constraint) of the schema named
// name (current_schema() when empty).
func readSchema(ctx context.Context, q storage.DB, name string) (storage.Schema, error) {
	sc := storage.NewSchema()
	if name == "" {
		if err := q.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&name); err != nil {
			return sc, fmt.Errorf("read schema: %w", err)
		}
	}
	// each runs query on the schema's name and calls fn on every row.
	each := func(what, query string, fn func(storage.Row) error) error {
		rows, err := q.QueryContext(ctx, query, name)
		if err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
		defer rows.Close()
		if err := storage.EachRow(rows, fn); err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
		return nil
	}
	err := each("schema", `SELECT table_name, column_name, data_type, is_nullable = 'NO', coalesce(column_default, ''),
		is_identity = 'YES' FROM information_schema.columns WHERE table_schema = $1 AND table_name <> 'schema_version'`, func(r storage.Row) error {
		var table, col, typ, dflt string
		var notNull, identity bool
		if err := r.Scan(&table, &col, &typ, &notNull, &dflt, &identity); err != nil {
			return err
		}
		extra := ""
		if identity {
			extra = " IDENTITY"
		}
		if sc.Tables[table] == nil {
			sc.Tables[table] = map[string]string{}
		}
		sc.Tables[table][col] = storage.ColumnDescription(typ, notNull, dflt, extra)
		return nil
	})
	if err != nil {
		return sc, err
	}
	// Definitions name the table with its schema: drop it, so that the
	// store's schema compares with the one the migrations create elsewhere.
	unqualify := strings.NewReplacer(pq.QuoteIdentifier(name)+".", "", name+".", "")
	// definitions reads (table, name, definition) rows into defs, keyed by
	// key(table, name).
	definitions := func(defs map[string]string, key func(table, name string) string) func(storage.Row) error {
		return func(r storage.Row) error {
			var table, n, def string
			if err := r.Scan(&table, &n, &def); err != nil {
				return err
			}
			k := key(table, n)
			defs[k], sc.TableOf[k] = unqualify.Replace(def), table
			return nil
		}
	}
	if err := each("indexes", `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1`,
		definitions(sc.Indexes, func(_, index string) string { return index })); err != nil {
		return sc, err
	}
	if err := each("constraints", `SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE n.nspname = $1 AND c.contype IN ('p', 'f', 'u', 'c')`,
		definitions(sc.Constraints, func(table, con string) string { return table + "." + con })); err != nil {
		return sc, err
	}
	return sc, nil
}

// expectedSchema returns the schema the migrations create: it applies them
// to a new schema inside a transaction that it rolls back, so that nothing
// is left behind.
func (s *Store) expectedSchema(ctx context.Context) (storage.Schema, error) {
	var sc storage.Schema
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return sc, err
	}
	defer tx.Rollback()
	const name = "cabot_expected_schema"
	if _, err := tx.ExecContext(ctx, `CREATE SCHEMA `+name); err != nil {
		return sc, fmt.Errorf("create a schema to compare with (needs the CREATE privilege on the database): %w", err)
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL search_path TO `+name); err != nil {
		return sc, err
	}
	for v, m := range migrations {
		if _, err := tx.ExecContext(ctx, m); err != nil {
			return sc, fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	return readSchema(ctx, tx, name)
}

// schemaProblems compares the store's schema with what the migrations
// create and describes what is missing or different, sorted.
func (s *Store) schemaProblems(ctx context.Context) ([]string, error) {
	want, err := s.expectedSchema(ctx)
	if err != nil {
		return nil, fmt.Errorf("expected schema: %w", err)
	}
	have, err := readSchema(ctx, s.db, "")
	if err != nil {
		return nil, err
	}
	return storage.SchemaProblems(want, have), nil
}

// Check inspects the store: the schema against what the migrations create
// (tables, columns, indexes, constraints), rows that point at nothing,
// chunks without vectors, documents without chunks, and which embedders
// made the vectors. Integrity is "ok" when the database answers: PostgreSQL
// checks its pages itself (data checksums, when the cluster has them).
func (s *Store) Check(ctx context.Context) (storage.Health, error) {
	failed := func(err error) (storage.Health, error) {
		return storage.Health{}, fmt.Errorf("check store: %w", err)
	}
	h := storage.Health{Embedders: map[string]int{}}
	if err := s.db.PingContext(ctx); err != nil {
		return failed(err)
	}
	h.Integrity = "ok"
	var err error
	if h.SchemaProblems, err = s.schemaProblems(ctx); err != nil {
		return failed(err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.doc_id)) +
		(SELECT count(*) FROM vectors v WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = v.chunk_id)) +
		(SELECT count(*) FROM feedback f WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.id = f.answer_id))`).Scan(&h.ForeignKeyProblems); err != nil {
		return failed(err)
	}
	if err := storage.CheckContents(ctx, s.read(), &h); err != nil {
		return storage.Health{}, err
	}
	return h, nil
}
