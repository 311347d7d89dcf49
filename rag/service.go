package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"cabot/corpus"
	"cabot/corpus/storage"

	"github.com/tmc/langchaingo/llms"
)

// Config is what a Service is built with. The values come from package
// config, which holds the defaults; New refuses values that make no sense.
type Config struct {
	// Answer tunes the extractive answerer (also the language model's
	// fallback).
	Answer AnswerOptions
	// Chunking sets the chunk size; the zero value means
	// corpus.DefaultChunkOptions.
	Chunking corpus.ChunkOptions
	// Model writes answers and summaries when set; nil means extractive
	// answers only.
	Model llms.Model
	// ModelName describes the model for people ("llama3 via ollama").
	ModelName string
	// LLM tunes the language model's answers (used with Model).
	LLM LLMOptions
	// Extractor reads the documents being added; nil means in-process
	// extraction bounded by MaxDocumentBytes.
	Extractor Extractor
	// MaxDocumentBytes is the largest document accepted.
	MaxDocumentBytes int64
	// Seed are documents added when the store lacks them, unless they were
	// removed on purpose (the bundled articles).
	Seed   []corpus.Document
	Logger *slog.Logger
}

// Extractor turns the bytes of a file, a page or pasted text into a
// document.
type Extractor interface {
	Extract(ctx context.Context, data []byte, name, contentType, url string) (corpus.Document, error)
}

// Service is what the bot and the command line call: questions, summaries,
// the timeline, and the documents (listed, added through one pipeline,
// removed). It puts the extractive and the language-model answerers behind
// one Ask. It is safe for concurrent use.
type Service struct {
	lib       *Library
	llm       *LLMAnswerer // nil: extractive answers
	store     storage.Store
	answer    AnswerOptions
	extractor Extractor
	modelName string
	log       *slog.Logger
}

// New opens the library over store (building the in-memory indexes, and
// embedding chunks a crash left without a vector), adds the seed documents
// it lacks, and returns the service. It fails with ErrEmbedderMismatch when
// the store was indexed with another embedder.
func New(ctx context.Context, store storage.Store, embedder Embedder, cfg Config) (*Service, error) {
	if err := cfg.Answer.validate(); err != nil {
		return nil, err
	}
	if cfg.MaxDocumentBytes <= 0 {
		return nil, fmt.Errorf("rag: MaxDocumentBytes %d: want a positive size", cfg.MaxDocumentBytes)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lib, err := Open(ctx, store, embedder, Options{Chunking: cfg.Chunking, Logger: log})
	if err != nil {
		return nil, err
	}
	s := &Service{lib: lib, store: store, answer: cfg.Answer, extractor: cfg.Extractor, modelName: cfg.ModelName, log: log}
	if s.extractor == nil {
		s.extractor = inProcess{maxBytes: cfg.MaxDocumentBytes}
	}
	if cfg.Model != nil {
		s.llm = NewLLMAnswerer(lib, cfg.Model, cfg.LLM, cfg.Answer, log)
	}
	added, err := lib.EnsureDocuments(ctx, cfg.Seed)
	if err != nil {
		return nil, fmt.Errorf("load bundled articles: %w", err)
	}
	if added > 0 {
		log.Info("bundled articles loaded", "added", added, "store", store.Where())
	}
	return s, nil
}

func (o AnswerOptions) validate() error {
	var errs []error
	if !(o.MinRelevance > 0 && o.MinRelevance <= 1) {
		errs = append(errs, fmt.Errorf("rag: MinRelevance %v: want a number above 0 and at most 1", o.MinRelevance))
	}
	if o.MaxSentences <= 0 {
		errs = append(errs, fmt.Errorf("rag: MaxSentences %d: want at least 1", o.MaxSentences))
	}
	if o.Passages <= 0 {
		errs = append(errs, fmt.Errorf("rag: Passages %d: want at least 1", o.Passages))
	}
	return errors.Join(errs...)
}

// inProcess extracts in this process, bounded in size only.
type inProcess struct{ maxBytes int64 }

func (e inProcess) Extract(_ context.Context, data []byte, name, contentType, url string) (corpus.Document, error) {
	return corpus.Extract(data, name, contentType, url, e.maxBytes)
}

// Ask answers a question, citing its sources. With a language model,
// onText (when not nil) receives the answer so far while it is written;
// when the model fails, the extractive answer is given with a note.
func (s *Service) Ask(ctx context.Context, q Question, onText func(partial string)) (Answer, error) {
	if s.llm != nil {
		return s.llm.Ask(ctx, q, onText)
	}
	return s.lib.Ask(ctx, q, s.answer)
}

// Summarize summarises one document, a topic or the recent documents.
func (s *Service) Summarize(ctx context.Context, req SummaryRequest) (Summary, error) {
	if s.llm != nil {
		return s.llm.Summarize(ctx, req)
	}
	return s.lib.Summarize(ctx, req)
}

// Timeline lists the dated events of the documents in date order.
func (s *Service) Timeline(ctx context.Context, req TimelineRequest) (Timeline, error) {
	return s.lib.Timeline(ctx, req)
}

// Documents returns the metadata of the documents visible in scope (the
// global ones and the scope's own; every document when all is set), sorted
// by title.
func (s *Service) Documents(scope string, all bool) []DocInfo { return s.lib.Documents(scope, all) }

// Document returns the metadata of one document.
func (s *Service) Document(id string) (DocInfo, bool) { return s.lib.Document(id) }

// Add stores and indexes a prepared document (see Prepare); it fails with
// a *corpus.DuplicateError when the document duplicates one visible in its
// scope.
func (s *Service) Add(ctx context.Context, doc corpus.Document) error { return s.lib.Add(ctx, doc) }

// Remove deletes a document (with an audit entry naming actor) and drops
// it from the indexes. The error wraps storage.ErrNotFound for an unknown
// ID.
func (s *Service) Remove(ctx context.Context, id, actor string) (DocInfo, error) {
	return s.lib.Remove(ctx, id, actor)
}

// Stats returns how many documents and chunks are indexed.
func (s *Service) Stats() (docs, chunks int) { return s.lib.Stats() }

// Mode says how answers are written, for people.
func (s *Service) Mode() string {
	if s.llm == nil {
		return ModeExtractive
	}
	return fmt.Sprintf("%s (%s), falling back to extractive", ModeLLM, s.modelName)
}

// AnswerTimeout is how long an answer may take: at least floor, and with a
// language model its own time limit and a margin to fall back.
func (s *Service) AnswerTimeout(floor time.Duration) time.Duration {
	if s.llm != nil {
		return max(floor, s.llm.opt.Timeout+5*time.Second)
	}
	return floor
}

// AnswerSlots is how many answers are best computed at once: the CPUs for
// extractive answers (CPU-bound: more would only slow everything else), 8
// with a language model (mostly waiting on it).
func (s *Service) AnswerSlots() int {
	if s.llm != nil {
		return 8
	}
	return runtime.GOMAXPROCS(0)
}
