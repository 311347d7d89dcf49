package rag

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"cabot/corpus"
	"cabot/corpus/storage"
)

// Input is a document on its way in, as it arrived: the bytes of a file, a
// fetched page or pasted text, with what is known about it.
type Input struct {
	Data        []byte
	Name        string // file name: it tells the format
	ContentType string // as the server or Discord said, may be empty
	URL         string // where it was fetched from, if anywhere
	// TitleFromName makes the file name (without extension) the title of a
	// document that has none: a name a person chose for the file.
	TitleFromName bool
	Overrides
	Scope  string // "" for every server, else the server's ID
	Origin string // how it arrived: "cli", "discord"
	Actor  string // who adds it, for the audit log
}

// Overrides replace what extraction found; empty fields change nothing.
type Overrides struct {
	Title, Outlet, Language string
	Published               time.Time
}

// ReadError is a document that could not be read: what is wrong with it,
// for the person who sent it.
type ReadError struct{ Err error }

func (e *ReadError) Error() string { return e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// Preview is what adding a document would do.
type Preview struct {
	Doc       corpus.Document
	Chunks    int
	Duplicate *corpus.Duplicate // nil when it duplicates nothing
}

// Prepare reads a document and applies the overrides, scope and origin,
// and says what adding it would do, storing nothing: the moderator's
// preview. A document that cannot be read fails with a *ReadError.
func (s *Service) Prepare(ctx context.Context, in Input) (Preview, error) {
	doc, err := s.document(ctx, in)
	if err != nil {
		return Preview{}, err
	}
	return s.lib.Preview(ctx, doc)
}

// Ingest reads, checks and adds a document in one go: the pipeline of
// every entry point that needs no preview. It fails with a *ReadError when
// the document cannot be read and a *corpus.DuplicateError when it is
// already there.
func (s *Service) Ingest(ctx context.Context, in Input) (corpus.Document, error) {
	doc, err := s.document(ctx, in)
	if err != nil {
		return corpus.Document{}, err
	}
	if err := s.lib.Add(ctx, doc); err != nil {
		return corpus.Document{}, err
	}
	return doc, nil
}

// Bounds of IngestAll's transactions: at most so many documents or chunks
// in one, and a batch is stored when the next input has not been read
// within ingestWait.
const (
	ingestBatchDocs   = 64
	ingestBatchChunks = 2048
	ingestWait        = 50 * time.Millisecond
)

// IngestAll reads, checks and adds n inputs as Ingest does each, faster:
// inputs are read (read returns input i), extracted, chunked and embedded
// on every core, and stored several to a transaction (duplicates are
// still found, also between inputs of one transaction). report is called
// for every input, in order, from the calling goroutine, with the added
// document or with the error Ingest would return (nil for an added one),
// and only once the transaction that stored it has committed and the
// document is answerable. When ctx ends, IngestAll stops: the inputs not
// reported are not stored.
func (s *Service) IngestAll(ctx context.Context, n int, read func(ctx context.Context, i int) (Input, error), report func(i int, doc corpus.Document, err error)) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	type result struct {
		i   int
		p   prepared
		err error
	}
	results := make([]chan result, n)
	for i := range results {
		results[i] = make(chan result, 1)
	}
	// Workers take the inputs in order, at most a window ahead of the
	// reports, so that a slow store bounds the memory held.
	window := make(chan struct{}, 4*ingestBatchDocs)
	next := make(chan int)
	wg.Go(func() {
		defer close(next)
		for i := range n {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			local := newLocalStems()
			for i := range next {
				r := result{i: i}
				var in Input
				if in, r.err = read(ctx, i); r.err == nil {
					var doc corpus.Document
					if doc, r.err = s.document(ctx, in); r.err == nil {
						if r.p, r.err = s.lib.prepare(ctx, doc, local); r.err == nil {
							r.p.print = storage.FingerprintOf(r.p.doc)
						}
					}
				}
				results[i] <- r
			}
		})
	}

	var pending []result // in input order, waiting for their transaction
	docs, chunks := 0, 0 // of pending, ready to store
	// flush stores the pending documents and reports every pending input.
	// When ctx has ended it reports only what is settled (the documents
	// stored, the inputs refused for another reason than ctx) and returns
	// false.
	flush := func() bool {
		var ps []prepared
		var at []int // index in pending of each of ps
		for k, r := range pending {
			if r.err == nil {
				ps, at = append(ps, r.p), append(at, k)
			}
		}
		if len(ps) > 0 {
			for j, err := range s.lib.addBatch(ctx, ps) {
				pending[at[j]].err = err
			}
		}
		stopped := ctx.Err()
		for _, r := range pending {
			if stopped != nil && errors.Is(r.err, stopped) {
				continue
			}
			var doc corpus.Document
			if r.err == nil {
				doc = r.p.doc
			}
			report(r.i, doc, r.err)
			<-window
		}
		pending, docs, chunks = pending[:0], 0, 0
		return stopped == nil
	}
	wait := time.NewTimer(ingestWait)
	defer wait.Stop()
	// take returns the result of input i; while it waits longer than
	// ingestWait, it stores what is pending. It returns false when ctx
	// ended.
	take := func(i int) (result, bool) {
		select {
		case r := <-results[i]:
			return r, true
		default:
		}
		if len(pending) > 0 {
			wait.Reset(ingestWait)
			select {
			case r := <-results[i]:
				return r, true
			case <-wait.C:
				if !flush() {
					return result{}, false
				}
			case <-ctx.Done():
				return result{}, false
			}
		}
		select {
		case r := <-results[i]:
			return r, true
		case <-ctx.Done():
			return result{}, false
		}
	}
	for i := range n {
		r, ok := take(i)
		if !ok {
			return
		}
		pending = append(pending, r)
		if r.err == nil {
			docs, chunks = docs+1, chunks+len(r.p.chunks)
		}
		if (docs >= ingestBatchDocs || chunks >= ingestBatchChunks) && !flush() {
			return
		}
	}
	flush()
}

// document extracts a document and fills in what the input says.
func (s *Service) document(ctx context.Context, in Input) (corpus.Document, error) {
	doc, err := s.extractor.Extract(ctx, in.Data, in.Name, in.ContentType, in.URL)
	if err != nil {
		if ctx.Err() != nil {
			return corpus.Document{}, ctx.Err()
		}
		return corpus.Document{}, &ReadError{err}
	}
	if strings.TrimSpace(doc.Text) == "" {
		return corpus.Document{}, &ReadError{errors.New("the document has no text")}
	}
	if in.Title != "" {
		doc.Title = in.Title
	}
	if in.Outlet != "" {
		doc.Outlet = in.Outlet
	}
	if in.Language != "" {
		doc.Language = strings.ToLower(in.Language)
	}
	if !in.Published.IsZero() {
		doc.Published = in.Published
	}
	if doc.Title == "" && in.TitleFromName && in.Name != "" {
		base := filepath.Base(in.Name)
		doc.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if doc.Title == "" {
		doc.Title = corpus.DefaultTitle(doc.Text)
	}
	doc.Scope, doc.Source, doc.AddedBy = in.Scope, in.Origin, in.Actor
	doc.ID = corpus.ScopedID(doc.Scope, doc.Text)
	return doc, nil
}
