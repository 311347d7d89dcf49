package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"cabot/config"
	"cabot/corpus"
	"cabot/corpus/postgres"
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
	"cabot/rag"
	"cabot/rag/providers"
)

// The prelude every command shares: configuration, logger, store, service.

// loadConfig applies defaults, the file, the environment and then the
// flags. Its errors are configErrors (exit status 2).
func loadConfig(e env) (config.Config, error) {
	cfg, err := loadConfigFrom(e)
	if err != nil {
		return config.Config{}, configError{err}
	}
	return cfg, nil
}

func loadConfigFrom(e env) (config.Config, error) {
	path, required := config.DefaultFile, false
	if p, ok := e.getenv("CABOT_CONFIG"); ok && p != "" {
		path, required = p, true
	}
	if e.globals.configFile != "" {
		path, required = e.globals.configFile, true
	}
	var opts []config.Option
	if e.environ != nil {
		opts = append(opts, config.WarnUnknownEnv(e.environ(), func(w string) { fmt.Fprintf(e.stderr, "cabot: %s\n", w) }))
	}
	cfg, err := config.Load(path, required, e.getenv, opts...)
	if err != nil {
		return config.Config{}, err
	}
	if e.globals.dataDir != "" {
		cfg.DataDir = e.globals.dataDir
	}
	if e.globals.logLevel != "" {
		cfg.LogLevel = e.globals.logLevel
	}
	if err := cfg.Validate(); err != nil {
		return config.Config{}, err
	}
	return cfg, nil
}

// newLogger logs at level (fallback if empty) to w, with secrets scrubbed.
func newLogger(w io.Writer, level, fallback string, secrets *secretScrubber) *slog.Logger {
	if level == "" {
		level = fallback
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelWarn
	}
	return slog.New(scrubHandler{slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}), secrets})
}

// need is how much of the app the prelude opens for a command.
type need int

const (
	needConfig  need = iota // the configuration and the logger
	needStore               // and the store of record
	needService             // and the service over it, with the bundled articles
)

// app is what a command runs with: the configuration and the logger, and
// the store and the service over it once opened.
type app struct {
	cfg   config.Config
	log   *slog.Logger
	store storage.Store // nil until opened
	svc   *rag.Service  // nil until opened
}

// start is the prelude every command shares: it refuses arguments to a
// command that takes none, runs the command's checks, loads the
// configuration, opens what the command needs, and runs it.
func (c *command) start(ctx context.Context, e env, args []string) (err error) {
	if c.args == "" && len(args) > 0 {
		return usagef("%s takes no arguments%s", c.name, c.hint)
	}
	if c.check != nil {
		if err := c.check(args); err != nil {
			return err
		}
	}
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	secrets := newSecretScrubber(cfg.Secrets())
	defer func() { err = secrets.scrubError(err) }()
	if t, ok := e.stdout.(textWriter); ok {
		t.secrets = secrets
		e.stdout = t
	}
	a := &app{cfg: cfg, log: newLogger(e.stderr, cfg.LogLevel, cmp.Or(c.logLevel, "warn"), secrets)}
	defer a.Close()
	if err := a.open(ctx, c.opens); err != nil {
		return err
	}
	return c.run(ctx, e, a, args)
}

// open opens the store and then the service, as far as n asks and as far
// as they are not open already. Opening the service adds the bundled
// articles the store lacks and embeds the chunks that have no vector.
func (a *app) open(ctx context.Context, n need) error {
	if n >= needStore && a.store == nil {
		store, err := openStore(ctx, a.cfg)
		if err != nil {
			return err
		}
		a.store = store
	}
	if n >= needService && a.svc == nil {
		bundled, err := corpus.Bundled()
		if err != nil {
			return err
		}
		svc, err := newService(ctx, a.cfg, a.store, a.log, true, bundled)
		if err != nil {
			return err
		}
		a.svc = svc
	}
	return nil
}

// openStore opens the store of record: the PostgreSQL database of
// store.url when it is set, else cabot.db in the data directory (for
// reading only when it cannot be written: writes then say why not).
func openStore(ctx context.Context, cfg config.Config) (storage.Store, error) {
	if cfg.Store.Postgres() {
		s, err := postgres.Open(ctx, cfg.Store.URL)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	path, open := filepath.Join(cfg.DataDir, "cabot.db"), sqlite.Open
	if sqlite.Writable(path) != nil {
		open = sqlite.OpenReadOnly
	}
	s, err := open(ctx, path)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// newService builds the service over store as configured, with the
// configured language model when withModel is set, adding the seed
// documents the store lacks.
func newService(ctx context.Context, cfg config.Config, store storage.Store, log *slog.Logger, withModel bool, seed []corpus.Document) (*rag.Service, error) {
	embedder, err := newEmbedder(cfg)
	if err != nil {
		return nil, err
	}
	rc := rag.Config{
		Answer:           rag.AnswerOptions{MinRelevance: cfg.Answer.MinRelevance, MaxSentences: cfg.Answer.MaxSentences, Passages: cfg.Answer.Passages},
		MaxDocumentBytes: cfg.Documents.MaxBytes,
		Extractor:        corpus.Extractor{Timeout: cfg.Documents.ExtractTimeout, MaxBytes: cfg.Documents.MaxBytes},
		Seed:             seed,
		Logger:           log,
	}
	if withModel {
		model, err := providers.NewModel(providers.LLMConfig{Provider: cfg.LLM.Provider, Model: cfg.LLM.Model, BaseURL: cfg.LLM.BaseURL, APIKey: cfg.LLM.APIKey, HTTPClient: providerClient})
		if err != nil {
			return nil, fmt.Errorf("llm: %w", err)
		}
		rc.Model, rc.ModelName = model, cfg.LLM.Model+" via "+cfg.LLM.Provider
		rc.LLM = rag.LLMOptions{
			Timeout: cfg.LLM.Timeout, MaxRetries: cfg.LLM.MaxRetries, ContextBudget: cfg.LLM.ContextBudget, Passages: cfg.LLM.Passages,
			IsRateLimit:       providers.IsRateLimit,
			RequireStopReason: providers.ReportsStopReason(cfg.LLM.Provider),
		}
	}
	return rag.New(ctx, store, embedder, rc)
}

// follow keeps the service current with what other processes add to the
// store and remove from it (cabot ingest, cabot docs remove, another bot),
// checking every second, until ctx ends or stop is called. stop waits for
// the follower to end, so that the store can be closed after it.
func (a *app) follow(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.svc.Follow(ctx, time.Second)
	}()
	return func() { cancel(); <-done }
}

// Close closes the store, if it was opened.
func (a *app) Close() error {
	if a.store == nil {
		return nil
	}
	return a.store.Close()
}

// fetcher downloads documents from links as the configuration allows.
func (a *app) fetcher() *corpus.Fetcher {
	return corpus.NewFetcher(corpus.FetchOptions{Timeout: a.cfg.Documents.FetchTimeout, MaxBytes: a.cfg.Documents.MaxBytes})
}

// providerClient talks to LLM and embedding providers; time limits come
// from each request's context.
var providerClient = &http.Client{}

// newEmbedder returns the configured embedder.
func newEmbedder(cfg config.Config) (rag.Embedder, error) {
	e, err := providers.NewEmbedder(providers.EmbedderConfig{
		Provider: cfg.Embedder.Provider, Model: cfg.Embedder.Model, BaseURL: cfg.Embedder.BaseURL,
		APIKey: cfg.Embedder.APIKey, Dimension: cfg.Embedder.Dimension, HTTPClient: providerClient,
	})
	if err != nil {
		return nil, fmt.Errorf("embedder: %w", err)
	}
	return e, nil
}
