package rag

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"cabot/corpus"
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
