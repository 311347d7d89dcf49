package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"cabot/corpus"
	"cabot/corpus/storage"
	"cabot/rag/lang"

	"github.com/tmc/langchaingo/embeddings"
)

// Embedder turns texts into vectors: any langchaingo embedder, with a name
// that identifies the model (vectors of different embedders do not mix).
type Embedder interface {
	embeddings.Embedder
	Name() string
}

// Library is the searchable collection: the store of record plus the
// in-memory indexes built from it (chromem-go for vectors, BM25 for words).
// It is safe for concurrent use.
type Library struct {
	store    storage.Store
	embedder Embedder
	log      *slog.Logger
	chunking corpus.ChunkOptions

	vectors *vectorIndex
	lexical *bm25

	mu     sync.RWMutex
	docs   map[string]DocInfo
	chunks map[string]corpus.Chunk

	writeMu sync.Mutex // one document added, removed or synced at a time
	// applied is the newest change of the store's feed that the indexes
	// reflect (guarded by writeMu).
	applied int64
}

// DocInfo is a document's metadata: a corpus.Document whose Text is left
// empty (the indexes keep the text of the chunks only).
type DocInfo = corpus.Document

func infoOf(d corpus.Document) DocInfo {
	d.Text = ""
	return d
}

// Options configures a Library.
type Options struct {
	Chunking corpus.ChunkOptions
	Logger   *slog.Logger
}

// ErrEmbedderMismatch is returned by Open when the store holds vectors made
// by another embedder than the one configured.
var ErrEmbedderMismatch = errors.New("store was indexed with another embedder")

// Open builds the in-memory indexes from the store.
func Open(ctx context.Context, store storage.Store, embedder Embedder, opt Options) (*Library, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Chunking.MaxSize == 0 {
		opt.Chunking = corpus.DefaultChunkOptions()
	}
	l := &Library{
		store: store, embedder: embedder, log: opt.Logger, chunking: opt.Chunking,
		vectors: newVectorIndex(), lexical: newBM25(),
		docs: map[string]DocInfo{}, chunks: map[string]corpus.Chunk{},
	}
	start := time.Now()
	// The feed's position is read before the documents: what changes while
	// they load is applied again by Sync, which is harmless.
	applied, err := store.LastChange(ctx)
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	l.applied = applied
	docs, err := store.DocumentInfos(ctx)
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	for _, d := range docs {
		l.docs[d.ID] = infoOf(d)
	}
	// Sized for the chunks there are, so that the maps and lists need not
	// grow as they load.
	_, chunks, err := store.Counts(ctx)
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	l.chunks = make(map[string]corpus.Chunk, chunks)
	l.lexical.reserve(chunks)
	batches := map[string][]vectorEntry{} // scope -> vectors to add
	var missing []corpus.Chunk            // chunks a crash or an old bug left without a vector
	var lexical []lexicalEntry            // chunks to add to BM25, in order
	untermed := 0                         // chunks without stored terms of this version
	err = readChunks(ctx, store, func(c storage.IndexedChunk, terms []byte) error {
		d, ok := l.docs[c.DocID]
		if !ok {
			return nil // added after the documents were read: Sync indexes it
		}
		c.DocID = d.ID // one string for the document's ID, not one per chunk
		if c.Vector.Embedder == "" {
			missing = append(missing, c.Chunk)
			return nil
		}
		if c.Vector.Embedder != embedder.Name() {
			return fmt.Errorf("%w: chunk %s has vectors of %q, the configured embedder is %q: run \"cabot reindex\" to embed the documents again",
				ErrEmbedderMismatch, c.ID, c.Vector.Embedder, embedder.Name())
		}
		l.chunks[c.ID] = c.Chunk
		lexical = append(lexical, lexicalEntry{id: c.ID, scope: d.Scope, title: d.Title, text: c.Text, language: d.Language, encoded: terms})
		if len(lexical) == 4096 {
			n, err := l.lexical.addAll(lexical)
			if err != nil {
				return err
			}
			untermed += n
			lexical = lexical[:0]
		}
		batch := append(batches[d.Scope], vectorEntry{ID: c.ID, Vector: c.Vector.Values})
		if len(batch) == 4096 {
			if err := l.vectors.add(ctx, d.Scope, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
		batches[d.Scope] = batch
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	for scope, batch := range batches {
		if err := l.vectors.add(ctx, scope, batch); err != nil {
			return nil, fmt.Errorf("open library: %w", err)
		}
	}
	n, err := l.lexical.addAll(lexical)
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	untermed += n
	if err := l.repair(ctx, missing); err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	if untermed > 0 {
		l.log.Info("chunks tokenised because the store has no terms of this version for them; storing their terms",
			"chunks", untermed, "terms_version", termsVersion)
		l.storeTerms(ctx)
	}
	l.log.Debug("library loaded", "documents", len(l.docs), "chunks", len(l.chunks),
		"embedder", embedder.Name(), "took", time.Since(start))
	return l, nil
}

// readChunks calls take for every chunk of the store with its terms as
// the store keeps them (storage.Store.EncodedChunks), in the store's
// order, and stops at the first error take returns. The store is read in
// one goroutine and take runs in another, a batch of chunks behind, so
// that reading the store and building the indexes overlap; the terms take
// gets are copies, which take may keep.
func readChunks(ctx context.Context, store storage.Store, take func(c storage.IndexedChunk, terms []byte) error) error {
	const size = 512
	type entry struct {
		storage.IndexedChunk
		terms []byte
	}
	work := make(chan []entry, 4)
	done := make(chan struct{})
	var takeErr error
	var failed atomic.Bool
	go func() {
		defer close(done)
		for batch := range work {
			for _, c := range batch {
				if takeErr != nil {
					break // drain the rest
				}
				if takeErr = take(c.IndexedChunk, c.terms); takeErr != nil {
					failed.Store(true)
				}
			}
		}
	}()
	stop := errors.New("take failed")
	batch := make([]entry, 0, size)
	var arena []byte // the copies of the terms, many to an allocation
	err := store.EncodedChunks(ctx, func(c storage.IndexedChunk, terms []byte) error {
		var kept []byte
		if terms != nil {
			if cap(arena)-len(arena) < len(terms) {
				arena = make([]byte, 0, max(256<<10, len(terms)))
			}
			at := len(arena)
			arena = append(arena, terms...)
			kept = arena[at:len(arena):len(arena)]
		}
		batch = append(batch, entry{c, kept})
		if len(batch) == size {
			work <- batch
			batch = make([]entry, 0, size)
			if failed.Load() {
				return stop
			}
		}
		return nil
	})
	if err == nil {
		work <- batch
	}
	close(work)
	<-done
	if takeErr != nil {
		return takeErr
	}
	return err
}

// repair embeds chunks that have no vector, stores the vectors and indexes
// the chunks.
func (l *Library) repair(ctx context.Context, missing []corpus.Chunk) error {
	if len(missing) == 0 {
		return nil
	}
	texts := make([]string, len(missing))
	for i, c := range missing {
		texts[i] = c.Text
	}
	vecs, err := l.embedder.EmbedDocuments(ctx, texts)
	if err != nil || len(vecs) != len(missing) {
		return fmt.Errorf("repair %d chunks without vectors: embed: %v", len(missing), err)
	}
	stored := make(map[string]storage.Vector, len(missing))
	byScope := map[string][]vectorEntry{}
	local := newLocalStems()
	for i, c := range missing {
		d := l.docs[c.DocID]
		v := storage.Vector{Embedder: l.embedder.Name(), Values: normalize(vecs[i]),
			Terms: analyse(d.Title, c.Text, d.Language, local)}
		stored[c.ID] = v
		byScope[d.Scope] = append(byScope[d.Scope], vectorEntry{ID: c.ID, Vector: v.Values})
		l.chunks[c.ID] = c
		l.lexical.add(c.ID, d.Scope, v.Terms)
	}
	switch err := l.store.ReplaceVectors(ctx, stored); {
	case errors.Is(err, storage.ErrReadOnly): // answer from them all the same
		l.log.Warn("chunks without vectors embedded, but not stored", "chunks", len(missing), "err", err)
	case err != nil:
		return fmt.Errorf("repair chunks without vectors: %w", err)
	}
	for scope, entries := range byScope {
		if err := l.vectors.add(ctx, scope, entries); err != nil {
			return err
		}
	}
	l.log.Warn("repaired chunks that had no vector", "chunks", len(missing))
	return nil
}

// Stats returns how many documents and chunks are indexed.
func (l *Library) Stats() (docs, chunks int) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.docs), len(l.chunks)
}

// Documents returns the metadata of the documents visible in a scope (the
// global ones and the scope's own; every document when all is set), sorted
// by title.
func (l *Library) Documents(scope string, all bool) []DocInfo {
	l.mu.RLock()
	out := make([]DocInfo, 0, len(l.docs))
	for _, d := range l.docs {
		if all || d.Scope == "" || d.Scope == scope {
			out = append(out, d)
		}
	}
	l.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Title != out[j].Title {
			return out[i].Title < out[j].Title
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Document returns the metadata of one indexed document.
func (l *Library) Document(id string) (DocInfo, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	d, ok := l.docs[id]
	return d, ok
}

// Preview chunks a document and looks for a duplicate, storing nothing. A
// document without an ID gets corpus.ScopedID.
func (l *Library) Preview(ctx context.Context, doc corpus.Document) (Preview, error) {
	if strings.TrimSpace(doc.Text) == "" {
		return Preview{}, fmt.Errorf("preview document: no text")
	}
	if doc.ID == "" {
		doc.ID = corpus.ScopedID(doc.Scope, doc.Text)
	}
	dup, err := l.store.FindDuplicate(ctx, doc)
	if err != nil {
		return Preview{}, err
	}
	return Preview{Doc: doc, Chunks: len(corpus.Split(doc.ID, doc.Text, l.chunking)), Duplicate: dup}, nil
}

// Add chunks and embeds a document, stores it with its chunks, vectors and
// an audit entry in one transaction, then indexes it: it is answerable when
// Add returns. A document without an ID gets corpus.ScopedID. Adding a
// duplicate of a document visible in its scope (same canonical URL, same
// text, or a near-duplicate) fails with a *corpus.DuplicateError and stores
// nothing.
func (l *Library) Add(ctx context.Context, doc corpus.Document) error {
	if strings.TrimSpace(doc.Text) == "" {
		return fmt.Errorf("add document: the document has no text")
	}
	if doc.ID == "" {
		doc.ID = corpus.ScopedID(doc.Scope, doc.Text)
	}
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	found, err := l.store.FindDuplicate(ctx, doc)
	if err != nil {
		return fmt.Errorf("add document %s: %w", doc.ID, err)
	}
	if found != nil { // the fast path: nothing embedded
		return &corpus.DuplicateError{Duplicate: *found}
	}
	p, err := l.prepare(ctx, doc, newLocalStems())
	if err != nil {
		return err
	}
	if p.doc.AddedAt.IsZero() {
		p.doc.AddedAt = time.Now().UTC()
	}
	if err := l.store.Add(ctx, p.doc, p.chunks, p.vectors); err != nil {
		// The store checks for duplicates again inside its transaction:
		// another process may have stored one since FindDuplicate.
		var dup *corpus.DuplicateError
		if errors.As(err, &dup) {
			l.log.Info("duplicate refused by the store", "id", doc.ID, "of", dup.Of.ID, "reason", dup.Reason)
			return dup
		}
		return err
	}
	return l.indexAdded(ctx, p)
}

// prepared is a document ready to store: its chunks, one vector per chunk
// with the chunk's terms, and the words a tokenEmbedder's tokenize would
// have recorded (rememberWord) while embedding the chunks.
type prepared struct {
	doc     corpus.Document
	chunks  []corpus.Chunk
	vectors []storage.Vector
	words   []storage.StemWord
	print   *storage.Fingerprint // made ahead for AddBatch, or nil
}

// tokenEmbedder is an embedder that embeds a text from its tokens
// (tokenize), so that each chunk is tokenised once for its vector and its
// terms. Its EmbedDocuments records the words of the texts (rememberWord)
// and embedTokens does not: the library records them when it indexes the
// chunks.
type tokenEmbedder interface {
	embedTokens(tokens []token) []float32
}

// prepare chunks and embeds a document (which has an ID) and makes its
// chunks' terms with local's stems, storing nothing. It may run on many
// goroutines at once, each with a local of its own.
func (l *Library) prepare(ctx context.Context, doc corpus.Document, local *localStems) (prepared, error) {
	chunks := corpus.Split(doc.ID, doc.Text, l.chunking)
	p := prepared{doc: doc, chunks: chunks, vectors: make([]storage.Vector, len(chunks))}
	name := l.embedder.Name()
	if te, ok := l.embedder.(tokenEmbedder); ok {
		title := tokenizeWith(doc.Title, local)
		seen := map[string]bool{}
		for i, c := range chunks {
			if i%64 == 0 && ctx.Err() != nil {
				return prepared{}, fmt.Errorf("add document %s: embed: %w", doc.ID, ctx.Err())
			}
			text := tokenizeWith(c.Text, local)
			all := append(title[:len(title):len(title)], text...)
			p.vectors[i] = storage.Vector{Embedder: name, Values: normalize(te.embedTokens(text)), Terms: termsOf(all, doc.Language)}
			for _, t := range text {
				if !t.Stop && !isNumber(t.Lower) && !seen[t.Stem] {
					seen[t.Stem] = true
					p.words = append(p.words, storage.StemWord{Stem: t.Stem, Word: t.Lower})
				}
			}
		}
		return p, nil
	}
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		texts[i] = c.Text
	}
	vecs, err := l.embedder.EmbedDocuments(ctx, texts)
	if err != nil {
		return prepared{}, fmt.Errorf("add document %s: embed: %w", doc.ID, err)
	}
	if len(vecs) != len(chunks) {
		return prepared{}, fmt.Errorf("add document %s: embedder returned %d vectors for %d chunks", doc.ID, len(vecs), len(chunks))
	}
	// The terms are stored with the vectors, so that opening the store does
	// not tokenise the chunks again.
	for i, v := range vecs {
		p.vectors[i] = storage.Vector{Embedder: name, Values: normalize(v),
			Terms: analyse(doc.Title, chunks[i].Text, doc.Language, local)}
	}
	return p, nil
}

// indexAdded indexes a document the store has just stored, recording
// first the words its embedding would have (prepared.words), as Add did
// when the embedder recorded them. The caller holds writeMu.
func (l *Library) indexAdded(ctx context.Context, p prepared) error {
	for _, w := range p.words {
		rememberWord(w.Stem, w.Word)
	}
	if err := l.index(ctx, infoOf(p.doc), p.chunks, p.vectors); err != nil {
		return fmt.Errorf("add document %s: %w", p.doc.ID, err)
	}
	l.log.Info("document added", "id", p.doc.ID, "title", p.doc.Title, "scope", p.doc.Scope, "chunks", len(p.chunks), "by", p.doc.AddedBy)
	return nil
}

// addBatch stores prepared documents as Add would (without its look-up
// for a duplicate before embedding: the store's, inside the transaction,
// decides), several in one store transaction, and indexes those stored. It
// returns one error per document, nil for each stored and indexed. When
// the transaction fails for another reason than ctx, the documents are
// added one transaction each, so that each gets the error of its own.
func (l *Library) addBatch(ctx context.Context, ps []prepared) []error {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	batch := make([]storage.NewDocument, len(ps))
	for i := range ps {
		if ps[i].doc.AddedAt.IsZero() {
			ps[i].doc.AddedAt = time.Now().UTC()
		}
		batch[i] = storage.NewDocument{Doc: ps[i].doc, Chunks: ps[i].chunks, Vectors: ps[i].vectors, Print: ps[i].print}
	}
	start := time.Now()
	results, err := l.store.AddBatch(ctx, batch)
	l.log.Debug("batch of documents stored", "documents", len(batch), "took", time.Since(start), "err", err)
	if err != nil {
		results = make([]error, len(ps))
		for i, p := range ps {
			if ctx.Err() != nil {
				results[i] = fmt.Errorf("add document %s: %w", p.doc.ID, ctx.Err())
				continue
			}
			results[i] = l.store.Add(ctx, p.doc, p.chunks, p.vectors)
		}
		if len(ps) > 1 {
			l.log.Warn("a batch of documents failed, added one by one", "documents", len(ps), "err", err)
		}
	}
	for i, p := range ps {
		if results[i] == nil {
			results[i] = l.indexAdded(ctx, p)
		}
	}
	return results
}

// Remove deletes a document from the store (with an audit entry naming
// actor) and from the indexes. It returns the removed document's metadata,
// or an error wrapping storage.ErrNotFound.
func (l *Library) Remove(ctx context.Context, id, actor string) (DocInfo, error) {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	doc, err := l.store.Remove(ctx, id, actor)
	if err != nil {
		return DocInfo{}, err
	}
	if err := l.unindex(ctx, id, doc.Scope); err != nil {
		return DocInfo{}, fmt.Errorf("remove document %s: %w", id, err)
	}
	l.log.Info("document removed", "id", id, "title", doc.Title, "scope", doc.Scope, "by", actor)
	return infoOf(doc), nil
}

// index adds a stored document's chunks and their vectors (one each, with
// the chunk's terms; chunks without terms of this version are analysed)
// to the in-memory indexes. The caller holds writeMu.
func (l *Library) index(ctx context.Context, info DocInfo, chunks []corpus.Chunk, vectors []storage.Vector) error {
	entries := make([]vectorEntry, len(chunks))
	lexical := make([]lexicalEntry, len(chunks))
	for i, c := range chunks {
		entries[i] = vectorEntry{ID: c.ID, Vector: vectors[i].Values}
		lexical[i] = lexicalEntry{id: c.ID, scope: info.Scope, title: info.Title, text: c.Text, language: info.Language, terms: vectors[i].Terms}
	}
	if err := l.vectors.add(ctx, info.Scope, entries); err != nil {
		return err
	}
	l.mu.Lock()
	l.docs[info.ID] = info
	for _, c := range chunks {
		l.chunks[c.ID] = c
	}
	l.mu.Unlock()
	l.lexical.addAll(lexical)
	return nil
}

// unindex drops a document, indexed in scope, from the in-memory indexes;
// a document that is not indexed is left alone. The caller holds writeMu.
func (l *Library) unindex(ctx context.Context, id, scope string) error {
	l.mu.Lock()
	var ids []string
	for cid, c := range l.chunks {
		if c.DocID == id {
			ids = append(ids, cid)
			delete(l.chunks, cid)
		}
	}
	delete(l.docs, id)
	l.mu.Unlock()
	for _, cid := range ids {
		l.lexical.remove(cid)
	}
	return l.vectors.remove(ctx, scope, ids...)
}

// EnsureDocuments adds each document the store does not have yet, unless it
// was removed on purpose or duplicates one already there, and returns how
// many it added. Each document is added in its own transaction, so an
// interrupted run resumes where it stopped.
func (l *Library) EnsureDocuments(ctx context.Context, docs []corpus.Document) (int, error) {
	added := 0
	for _, d := range docs {
		has, err := l.store.Has(ctx, d.ID)
		if err != nil {
			return added, err
		}
		removed, err := l.store.WasRemoved(ctx, d.ID)
		if err != nil {
			return added, err
		}
		if has || removed {
			continue
		}
		err = l.Add(ctx, d)
		var dup *corpus.DuplicateError
		switch {
		case errors.As(err, &dup):
			continue
		case errors.Is(err, storage.ErrReadOnly): // answer from what is there
			l.log.Warn("bundled articles not added", "err", err)
			return added, nil
		case err != nil:
			return added, err
		}
		added++
	}
	return added, nil
}

// Passage is a retrieved chunk with its document and scores.
type Passage struct {
	Chunk corpus.Chunk
	Doc   DocInfo
	// Score is the fused (reciprocal rank) score; Dense and Lexical are the
	// cosine similarity and BM25 score, zero when that ranking missed it.
	Score, Dense, Lexical float64
}

// rrfK is the constant of reciprocal rank fusion (Cormack et al., 2009).
const rrfK = 60

// Filter restricts a search to some documents.
type Filter struct {
	// Scope is the server asking ("" for DMs and the command line): it sees
	// the global documents and its own.
	Scope string
	// Since and Until, when set, keep only documents published in that
	// range (inclusive, by date); documents with no known date are left out.
	Since, Until time.Time
}

// dated reports whether the filter restricts publication dates.
func (f Filter) dated() bool { return !f.Since.IsZero() || !f.Until.IsZero() }

// allows reports whether a document passes the date range.
func (f Filter) allows(d DocInfo) bool {
	if !f.dated() {
		return true
	}
	if d.Published.IsZero() {
		return false
	}
	day := d.Published.UTC().Truncate(24 * time.Hour)
	if !f.Since.IsZero() && day.Before(f.Since.UTC().Truncate(24*time.Hour)) {
		return false
	}
	if !f.Until.IsZero() && day.After(f.Until.UTC().Truncate(24*time.Hour)) {
		return false
	}
	return true
}

// Search returns up to k passages for the query from the documents the
// filter allows, ranked by the reciprocal rank fusion of the dense
// (embedding) and lexical (BM25) rankings.
func (l *Library) Search(ctx context.Context, query string, f Filter, k int) ([]Passage, error) {
	if k <= 0 {
		return nil, nil
	}
	pool := max(4*k, 20)
	if f.dated() {
		pool = max(pool, 500) // many candidates may be outside the range
	}
	qv, err := l.embedder.EmbedQuery(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("search: embed query: %w", err)
	}
	scopes := []string{""}
	if f.Scope != "" {
		scopes = append(scopes, f.Scope)
	}
	// The two rankings are independent: BM25 runs beside the vector scan.
	lexDone := make(chan []hit, 1)
	qlang := lang.Detect(query)
	go func() { lexDone <- l.lexical.search(query, qlang, pool, scopes) }()
	dense, err := l.vectors.search(ctx, scopes, normalize(qv), pool)
	lexical := <-lexDone
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if f.dated() {
		keep := func(hits []hit) []hit {
			out := hits[:0]
			l.mu.RLock()
			for _, h := range hits {
				if c, ok := l.chunks[h.ID]; ok && f.allows(l.docs[c.DocID]) {
					out = append(out, h)
				}
			}
			l.mu.RUnlock()
			return out
		}
		dense, lexical = keep(dense), keep(lexical)
	}

	byID := map[string]*Passage{}
	get := func(id string) *Passage {
		p := byID[id]
		if p == nil {
			p = &Passage{}
			byID[id] = p
		}
		return p
	}
	for rank, h := range dense {
		p := get(h.ID)
		p.Dense = h.Score
		p.Score += 1 / float64(rrfK+rank+1)
	}
	for rank, h := range lexical {
		p := get(h.ID)
		p.Lexical = h.Score
		p.Score += 1 / float64(rrfK+rank+1)
	}
	l.mu.RLock()
	out := make([]Passage, 0, len(byID))
	for id, p := range byID {
		c, ok := l.chunks[id]
		if !ok { // removed since the index was queried
			continue
		}
		p.Chunk = c
		p.Doc = l.docs[c.DocID]
		out = append(out, *p)
	}
	l.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Chunk.ID < out[j].Chunk.ID
	})
	if len(out) > k {
		// The best hit of each ranking always makes the cut: a rare exact
		// word (a name, a code) can be first for BM25 and far down for the
		// embedding, and fusion alone would drop it.
		must := map[string]bool{}
		for _, best := range []*hit{first(lexical), first(dense)} {
			if best != nil {
				must[best.ID] = true
			}
		}
		// Take the guaranteed hits, then the best of the rest, in rank order.
		keep := map[string]bool{}
		for id := range must {
			keep[id] = true
		}
		for _, p := range out {
			if len(keep) >= k {
				break
			}
			keep[p.Chunk.ID] = true
		}
		top := make([]Passage, 0, k)
		for _, p := range out {
			if keep[p.Chunk.ID] {
				top = append(top, p)
			}
		}
		out = top
	}
	return out, nil
}

func first(h []hit) *hit {
	if len(h) == 0 {
		return nil
	}
	return &h[0]
}

// firstChunk returns the first chunk of a document, which holds its lead.
func (l *Library) firstChunk(docID string) (corpus.Chunk, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	c, ok := l.chunks[corpus.ChunkID(docID, 0)]
	return c, ok && c.Start == 0
}

// storeTerms stores the terms of this version for the chunks the store
// keeps older ones (or none) for, with their vectors as they are, so that
// the next start-up reads them instead of tokenising the library again. A
// store opened for reading is left as it is, and a failure only logged:
// the library is indexed either way.
func (l *Library) storeTerms(ctx context.Context) {
	const batch = 512
	local := newLocalStems()
	stale := map[string]storage.Vector{}
	stored := 0
	flush := func() error {
		if len(stale) == 0 {
			return nil
		}
		if err := l.store.ReplaceVectors(ctx, stale); err != nil {
			return err
		}
		stored += len(stale)
		clear(stale)
		return nil
	}
	err := l.store.Chunks(ctx, func(c storage.IndexedChunk) error {
		d, ok := l.Document(c.DocID)
		if !ok || c.Vector.Embedder == "" || c.Vector.Terms.Version == termsVersion {
			return nil
		}
		v := c.Vector
		v.Terms = analyse(d.Title, c.Text, d.Language, local)
		stale[c.ID] = v
		if len(stale) == batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	switch {
	case errors.Is(err, storage.ErrReadOnly):
		l.log.Info("the store is read-only: its chunks' terms are made again at every start-up until it is opened for writing or \"cabot reindex\" runs")
	case err != nil:
		l.log.Warn("storing the chunks' terms failed; they are made again at the next start-up", "stored", stored, "err", err)
	default:
		l.log.Info("chunks' terms stored", "chunks", stored, "terms_version", termsVersion)
	}
}
