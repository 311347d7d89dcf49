// Package storage is the store contract: the operations rag and bot need
// from the store of record, and the records they exchange with it. Every
// implementation (corpus/sqlite now; another database later) satisfies
// Store and passes the conformance tests in corpus/storetest. Nothing here
// names a database.
package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cabot/corpus"
)

// ErrNotFound is returned when a document or an answer does not exist.
var ErrNotFound = errors.New("not found")

// ErrReadOnly is wrapped by the errors of the writing methods (Add, Remove,
// ReplaceVectors, SaveAnswer, SaveFeedback) of a store opened for reading
// only; the error's text says why ("the data directory DIR is read-only").
var ErrReadOnly = errors.New("the store can be read but not changed")

// Vector is the embedding of one chunk and the name of the embedder that
// made it (vectors of different embedders do not mix), with the chunk's
// terms for the lexical index, which do not depend on the embedder (the
// zero Terms when they were not stored).
type Vector struct {
	Embedder string
	Values   []float32
	Terms    Terms
}

// NewDocument is a document for AddBatch, with its chunks and one vector
// per chunk.
type NewDocument struct {
	Doc     corpus.Document
	Chunks  []corpus.Chunk
	Vectors []Vector
	// Print is FingerprintOf(Doc), made ahead (on another core, while the
	// store writes other documents); nil lets the store make it.
	Print *Fingerprint
}

// IndexedChunk is a chunk with its vector, as loaded to build the indexes.
// Vector.Embedder is empty for a chunk that has no vector (left by a crash
// or an old bug; rag embeds it again).
type IndexedChunk struct {
	corpus.Chunk
	Vector Vector
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	At     time.Time
	Action string // "add" or "remove"
	DocID  string
	Title  string
	Scope  string
	Actor  string
	Detail string
}

// ChangeKind says what happened to a document in the change feed.
type ChangeKind string

const (
	ChangeAdd    ChangeKind = "add"
	ChangeRemove ChangeKind = "remove"
)

// Change is one entry of the change feed: a document added or removed, by
// any process or machine that writes to the store.
type Change struct {
	// Seq orders the changes: it increases with every change and is never
	// reused (there may be gaps).
	Seq   int64
	Kind  ChangeKind
	DocID string
	Scope string
	At    time.Time
}

// AnswerRecord is an answer the bot gave, kept so that feedback and the
// quotes behind it can be looked up later. It holds no user ID.
type AnswerRecord struct {
	ID       string
	Question string
	Answer   string
	Grounded bool
	Mode     string
	// Sources is the cited sources with their quotes, as JSON chosen by the
	// caller.
	Sources   string
	Scope     string // the guild it was asked in, "" for DMs and the CLI
	CreatedAt time.Time
}

// UnhelpfulAnswer is an answer that at least one member found not helpful,
// with the votes on it and the reasons given.
type UnhelpfulAnswer struct {
	AnswerRecord
	Helpful, Unhelpful int
	// Reasons counts the "not helpful" votes per reason (FeedbackReasons);
	// votes given without a reason are not in it.
	Reasons map[string]int
	// LastVote is when the newest "not helpful" vote was given.
	LastVote time.Time
}

// Preview is a document read and shown to a moderator, waiting for their
// Confirm. It is kept in the store, not in one process's memory, so that a
// Confirm handled by any process of the bot finds it. It holds the
// moderator's user ID (to refuse anyone else's click) only until it
// expires.
type Preview struct {
	Token   string // the random token the Confirm button carries
	UserID  string // the moderator who asked for it
	GuildID string // the server it was asked in
	Doc     corpus.Document
	Expires time.Time
}

// Health is what a store's check found.
type Health struct {
	Integrity string // "ok", or what the database's own check reported
	// SchemaProblems are the tables, columns and indexes the store should
	// have and lacks (or has otherwise), for people: "table audit is
	// missing".
	SchemaProblems []string
	Documents      int
	Chunks         int
	// ChunksWithoutVector are the IDs of chunks whose vector is missing
	// (rag embeds them again when it opens the store).
	ChunksWithoutVector []string
	// DocumentsWithoutChunks have no text left to answer from.
	DocumentsWithoutChunks []string
	// ForeignKeyProblems counts rows that point at nothing.
	ForeignKeyProblems int
	// Embedders counts vectors per embedder name.
	Embedders map[string]int
}

// OK reports whether nothing needs repair.
func (h Health) OK() bool {
	return h.Integrity == "ok" && len(h.SchemaProblems) == 0 && len(h.ChunksWithoutVector) == 0 && len(h.DocumentsWithoutChunks) == 0 &&
		h.ForeignKeyProblems == 0 && len(h.Embedders) <= 1
}

// Store is the store of record: documents, their chunks and vectors, the
// audit log, tombstones of removed documents, the bot's answers with
// their feedback, and the /doc add previews waiting for Confirm. Each document is written in one transaction, so a crash
// leaves it whole or absent. Implementations are safe for concurrent use.
type Store interface {
	// Add stores a document with its chunks and one vector per chunk, an
	// audit entry and an "add" change, in one transaction; it clears the
	// document's tombstone. Inside that transaction it looks for a duplicate
	// as FindDuplicate does, and returns a *corpus.DuplicateError (storing
	// nothing) when it finds one, also when another process or machine
	// stored it a moment before. It fails if the document ID exists already,
	// or if a chunk does not match the document's text.
	Add(ctx context.Context, doc corpus.Document, chunks []corpus.Chunk, vectors []Vector) error
	// AddBatch stores documents as Add would, one after the other, in one
	// transaction: each is checked for duplicates among the stored
	// documents and those stored before it in docs. It returns one error
	// per document, nil for each it stored; a *corpus.DuplicateError, or
	// the reason it is refused (chunks that do not match the text), for
	// each it did not. When the transaction fails, it returns that error
	// and stores none of them.
	AddBatch(ctx context.Context, docs []NewDocument) ([]error, error)
	// Remove deletes a document with its chunks and vectors, records who did
	// it, leaves a tombstone and records a "remove" change, in one
	// transaction. It returns the removed document's metadata (without
	// text), or an error wrapping ErrNotFound.
	Remove(ctx context.Context, id, actor string) (corpus.Document, error)
	// Has reports whether a document with this ID exists.
	Has(ctx context.Context, id string) (bool, error)
	// WasRemoved reports whether a document with this ID was removed and not
	// added again since.
	WasRemoved(ctx context.Context, id string) (bool, error)
	// FindDuplicate looks for a stored document visible in doc.Scope (the
	// global documents and the scope's own) that doc duplicates: the same
	// canonical URL, the same normalised text, or a near-duplicate text
	// (corpus.NearDuplicateThreshold). It returns nil when there is none.
	FindDuplicate(ctx context.Context, doc corpus.Document) (*corpus.Duplicate, error)
	// Document returns one document with its text, or an error wrapping
	// ErrNotFound.
	Document(ctx context.Context, id string) (corpus.Document, error)
	// Documents returns every document, oldest first.
	Documents(ctx context.Context) ([]corpus.Document, error)
	// DocumentInfos returns every document without its text (Text empty),
	// oldest first: what the indexes keep of them.
	DocumentInfos(ctx context.Context) ([]corpus.Document, error)
	// Chunks calls fn for every chunk with its vector, in document and
	// position order, and stops at the first error fn returns.
	Chunks(ctx context.Context, fn func(IndexedChunk) error) error
	// EncodedChunks is Chunks with each chunk's terms as EncodeTerms wrote
	// them (nil without them; Vector.Terms is zero), valid only until fn
	// returns: for a caller that reads them in place (ReadTerms) rather
	// than keep them decoded.
	EncodedChunks(ctx context.Context, fn func(c IndexedChunk, terms []byte) error) error
	// DocumentChunks returns one document's chunks with their vectors, in
	// position order, or an error wrapping ErrNotFound when the document
	// does not exist.
	DocumentChunks(ctx context.Context, id string) ([]IndexedChunk, error)

	// Changes returns the change feed after the change numbered after (0:
	// from the start), oldest first, at most limit entries. Every process
	// that keeps its own indexes follows the feed by asking again from the
	// last Seq it has seen: a change becomes visible only after every change
	// with a smaller Seq is, so nothing is skipped that way, also with
	// writers on other machines. Implementations must keep that promise
	// (SQLite serialises its writers; a server database must order the
	// feed's writes, e.g. by locking the feed table in each writing
	// transaction).
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)
	// LastChange returns the Seq of the newest change, 0 when there is none.
	// A process reads it before it loads the store, then follows the feed
	// from there.
	LastChange(ctx context.Context) (int64, error)
	// ReplaceVectors stores new vectors for chunks (by chunk ID) in one
	// transaction. A vector without terms (the zero Terms) keeps the
	// terms the chunk has.
	ReplaceVectors(ctx context.Context, vectors map[string]Vector) error
	// Counts returns how many documents and chunks the store holds.
	Counts(ctx context.Context) (docs, chunks int, err error)
	// Audit returns the newest entries of the audit log, newest first: those
	// of one scope, or all of them when all is true.
	Audit(ctx context.Context, scope string, all bool, limit int) ([]AuditEntry, error)

	// SaveAnswer stores an answer record.
	SaveAnswer(ctx context.Context, a AnswerRecord) error
	// Answer returns a stored answer, or an error wrapping ErrNotFound.
	Answer(ctx context.Context, id string) (AnswerRecord, error)
	// SaveFeedback records whether a user found an answer helpful; a second
	// vote by the same user replaces the first. The user ID is kept only as
	// a keyed hash.
	SaveFeedback(ctx context.Context, answerID, userID string, helpful bool) error
	// FeedbackCounts returns how many users found an answer helpful and not.
	FeedbackCounts(ctx context.Context, answerID string) (helpful, unhelpful int, err error)
	// SaveFeedbackReason records why a user found an answer not helpful
	// (one of FeedbackReasons; a second reason replaces the first). It
	// fails with an error wrapping ErrNotFound when that user's vote on the
	// answer is not "not helpful"; a new vote clears the reason.
	SaveFeedbackReason(ctx context.Context, answerID, userID, reason string) error
	// Unhelpful returns the answers found not helpful, newest vote first, at
	// most limit: those asked in one scope, or all when all is true.
	Unhelpful(ctx context.Context, scope string, all bool, limit int) ([]UnhelpfulAnswer, error)

	// SavePreview stores a document preview (replacing one with the same
	// token) and deletes the previews that expired before now.
	SavePreview(ctx context.Context, p Preview) error
	// Preview returns a stored preview, also an expired one not yet
	// deleted, or an error wrapping ErrNotFound.
	Preview(ctx context.Context, token string) (Preview, error)
	// DeletePreview deletes a preview and reports whether it was there: of
	// two processes deleting the same preview at once, exactly one gets
	// true, so a preview is consumed once.
	DeletePreview(ctx context.Context, token string) (bool, error)

	// Check inspects the store (the database's own integrity checks, the
	// schema against what the store should have, chunks without vectors,
	// documents without chunks, embedders).
	Check(ctx context.Context) (Health, error)
	// Backup writes a consistent copy of the store to path, also while it is
	// in use.
	Backup(ctx context.Context, path string) error
	// Ping checks that the store answers.
	Ping(ctx context.Context) error
	// Where names the store for people (a file path, a database name),
	// without secrets.
	Where() string
	Close() error
}

// MatchChunks checks a document to store: one vector per chunk, and each
// chunk of the document and matching its text.
func MatchChunks(doc corpus.Document, chunks []corpus.Chunk, vectors []Vector) error {
	if len(chunks) != len(vectors) {
		return fmt.Errorf("add document %s: %d chunks but %d vectors", doc.ID, len(chunks), len(vectors))
	}
	for _, c := range chunks {
		if c.DocID != doc.ID || c.Start < 0 || c.Start > c.End || c.End > len(doc.Text) || doc.Text[c.Start:c.End] != c.Text {
			return fmt.Errorf("add document %s: chunk %s does not match the document text", doc.ID, c.ID)
		}
	}
	return nil
}
