// Command cabot answers questions about the cooperation between Cuba and
// Azerbaijan from a collection of source articles, citing the articles each
// answer comes from. It works offline by default: the source articles ship
// inside the binary, with a built-in embedder and an extractive answerer.
//
// Usage:
//
//	cabot [global flags] COMMAND [flags] [arguments]
//
// Run "cabot help" for the commands and "cabot COMMAND -h" for their flags.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"cabot/bot"
	"cabot/config"
	"cabot/corpus"
	"cabot/rag"
)

func main() {
	// When cabot starts itself to read an untrusted document, that is all
	// it does.
	corpus.RunChildIfRequested()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a mistake in how cabot was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env is what a command runs with.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) (string, bool)
	globals        *globals
}

type command struct {
	name, args, summary string
	flags               func(fs *flag.FlagSet) // the command's own flags
	run                 func(ctx context.Context, e env, fs *flag.FlagSet) error
}

func commands() []*command {
	return []*command{askCommand(), chatCommand(), summaryCommand(), timelineCommand(), ingestCommand(), docsCommand(),
		reindexCommand(), evalCommand(), doctorCommand(), backupCommand(), serveCommand(), configCommand()}
}

// globals are the flags every command takes, before or after its name.
type globals struct {
	dataDir, configFile, logLevel string
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.dataDir, "data-dir", g.dataDir, "`DIR` for the store (default $CABOT_DATA_DIR, else the user's data directory + /cabot)")
	fs.StringVar(&g.configFile, "config", g.configFile, "configuration `FILE` (default $CABOT_CONFIG, else ./cabot.toml if present)")
	fs.StringVar(&g.logLevel, "log-level", g.logLevel, "`LEVEL` of logs on stderr: debug, info, warn or error (default info for serve, warn otherwise)")
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) (string, bool)) int {
	g := &globals{}
	top := flag.NewFlagSet("cabot", flag.ContinueOnError)
	top.SetOutput(io.Discard)
	g.register(top)
	if err := top.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printHelp(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "cabot: %v (run \"cabot help\")\n", err)
		return exitUsage
	}
	rest := top.Args()
	if len(rest) == 0 {
		printHelp(stderr)
		return exitUsage
	}
	name, rest := rest[0], rest[1:]
	if name == "help" {
		if len(rest) > 0 {
			if c := findCommand(rest[0]); c != nil {
				fs := newFlagSet(c, g)
				fs.SetOutput(stdout)
				fs.Usage()
				return exitOK
			}
		}
		printHelp(stdout)
		return exitOK
	}
	c := findCommand(name)
	if c == nil {
		fmt.Fprintf(stderr, "cabot: unknown command %q (run \"cabot help\")\n", name)
		return exitUsage
	}
	fs := newFlagSet(c, g)
	fs.SetOutput(stderr)
	if err := parseInterspersed(fs, rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	err := c.run(ctx, env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, globals: g}, fs)
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "cabot %s: %v (run \"cabot %s -h\")\n", c.name, err, c.name)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "cabot %s: %s\n", c.name, oneLine(err.Error()))
		return exitFailure
	}
}

// parseInterspersed parses flags wherever they stand among the arguments
// ("cabot docs list --json"); after "--" everything is an argument.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var positional []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func newFlagSet(c *command, g *globals) *flag.FlagSet {
	fs := flag.NewFlagSet("cabot "+c.name, flag.ContinueOnError)
	if c.flags != nil {
		c.flags(fs)
	}
	g.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: cabot %s [flags] %s\n\n%s\n\nFlags:\n", c.name, c.args, c.summary)
		fs.PrintDefaults()
	}
	return fs
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, `cabot answers questions about Cuba–Azerbaijan cooperation from its source
articles, and cites them.

Usage: cabot [global flags] COMMAND [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, strings.SplitN(c.summary, "\n", 2)[0])
	}
	fmt.Fprintf(w, `  help     Show this help, or "cabot help COMMAND" for a command's flags.

Global flags (before or after the command):
  --data-dir DIR     where the store lives (default $CABOT_DATA_DIR, else the
                     user's data directory + /cabot)
  --config FILE      configuration file (default $CABOT_CONFIG, else ./cabot.toml)
  --log-level LEVEL  debug, info, warn or error (default info for serve,
                     warn otherwise)

Exit status: 0 on success, 2 for a usage error, 1 for any other failure.
`)
}

// loadConfig applies defaults, the file, the environment and then the flags.
func loadConfig(e env) (config.Config, error) {
	path, required := config.DefaultFile, false
	if p, ok := e.getenv("CABOT_CONFIG"); ok && p != "" {
		path, required = p, true
	}
	if e.globals.configFile != "" {
		path, required = e.globals.configFile, true
	}
	cfg, err := config.Load(path, required, e.getenv)
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

func newLogger(w io.Writer, level, fallback string) *slog.Logger {
	if level == "" {
		level = fallback
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelWarn
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// app is an open store and library, with the bundled articles loaded.
type app struct {
	cfg   config.Config
	log   *slog.Logger
	store *corpus.Store
	lib   *rag.Library
	llm   *rag.LLMAnswerer // nil: extractive answers only
}

func openApp(ctx context.Context, e env) (*app, error) {
	cfg, err := loadConfig(e)
	if err != nil {
		return nil, err
	}
	return openAppWith(ctx, cfg, newLogger(e.stderr, cfg.LogLevel, "warn"))
}

func openAppWith(ctx context.Context, cfg config.Config, log *slog.Logger) (*app, error) {
	embedder, err := newEmbedder(cfg)
	if err != nil {
		return nil, err
	}
	model, err := rag.NewModel(rag.LLMConfig{Provider: cfg.LLM.Provider, Model: cfg.LLM.Model, BaseURL: cfg.LLM.BaseURL, APIKey: cfg.LLM.APIKey}, providerClient)
	if err != nil {
		return nil, fmt.Errorf("llm: %w", err)
	}
	store, err := corpus.Open(ctx, filepath.Join(cfg.DataDir, "cabot.db"))
	if err != nil {
		return nil, err
	}
	lib, err := rag.Open(ctx, store, embedder, rag.Options{Logger: log})
	if err != nil {
		store.Close()
		return nil, err
	}
	docs, err := corpus.Bundled()
	if err != nil {
		store.Close()
		return nil, err
	}
	added, err := lib.EnsureDocuments(ctx, docs)
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("load bundled articles: %w", err)
	}
	if added > 0 {
		log.Info("bundled articles loaded", "added", added, "store", store.Path())
	}
	a := &app{cfg: cfg, log: log, store: store, lib: lib}
	if model != nil {
		a.llm = rag.NewLLMAnswerer(lib, model, rag.LLMOptions{
			Timeout: cfg.LLM.Timeout, MaxRetries: cfg.LLM.MaxRetries, ContextBudget: cfg.LLM.ContextBudget, IsRateLimit: rag.IsRateLimit,
			RequireStopReason: cfg.LLM.Provider == "openai" || cfg.LLM.Provider == "anthropic",
		}, a.answerOptions(), log)
	}
	return a, nil
}

// providerClient talks to LLM and embedding providers; time limits come
// from each request's context.
var providerClient = &http.Client{}

// newEmbedder returns the configured embedder.
func newEmbedder(cfg config.Config) (rag.Embedder, error) {
	e, err := rag.NewEmbedder(rag.EmbedderConfig{
		Provider: cfg.Embedder.Provider, Model: cfg.Embedder.Model, BaseURL: cfg.Embedder.BaseURL,
		APIKey: cfg.Embedder.APIKey, Dimension: cfg.Embedder.Dimension,
	}, providerClient)
	if err != nil {
		return nil, fmt.Errorf("embedder: %w", err)
	}
	return e, nil
}

// knowledgeOf is what the bot and the commands answer with.
func (a *app) knowledge() knowledge {
	return knowledge{lib: a.lib, llm: a.llm, docs: a.store, opt: a.answerOptions()}
}

func (a *app) Close() error { return a.store.Close() }

func (a *app) answerOptions() rag.AnswerOptions {
	return rag.AnswerOptions{
		MinRelevance: a.cfg.Answer.MinRelevance,
		MaxSentences: a.cfg.Answer.MaxSentences,
		Passages:     a.cfg.Answer.Passages,
	}
}

func askCommand() *command {
	var asJSON bool
	var dates dateFlags
	return &command{
		name: "ask", args: "QUESTION...",
		summary: "Answer one question, citing the sources.",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print the answer as one JSON object")
			dates.register(fs)
		},
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			q := strings.TrimSpace(strings.Join(fs.Args(), " "))
			if q == "" {
				return usagef("no question given")
			}
			since, until, err := dates.parse()
			if err != nil {
				return err
			}
			a, err := openApp(ctx, e)
			if err != nil {
				return err
			}
			defer a.Close()
			ans, err := a.knowledge().Ask(ctx, rag.Question{Text: q, Since: since, Until: until}, nil)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, ans)
			}
			writeText(e.stdout, ans)
			return nil
		},
	}
}

func chatCommand() *command {
	return &command{
		name: "chat", args: "",
		summary: "Answer questions typed at a prompt, one a line, until end of input or /quit.",
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			if fs.NArg() > 0 {
				return usagef("chat takes no arguments; type the questions at the prompt")
			}
			a, err := openApp(ctx, e)
			if err != nil {
				return err
			}
			defer a.Close()
			interactive := isTerminal(e.stdin)
			if interactive {
				fmt.Fprintln(e.stdout, "Ask about Cuba–Azerbaijan cooperation. Type /quit or press Ctrl-D to leave.")
			}
			sc := bufio.NewScanner(e.stdin)
			sc.Buffer(make([]byte, 0, 4096), 1<<20)
			for {
				if interactive {
					fmt.Fprint(e.stdout, "> ")
				}
				if !sc.Scan() {
					break
				}
				line := strings.TrimSpace(sc.Text())
				switch line {
				case "":
					continue
				case "/quit", "/exit":
					return nil
				}
				ans, err := a.knowledge().Ask(ctx, rag.Question{Text: line}, nil)
				if err != nil {
					if ctx.Err() != nil {
						return nil
					}
					return err
				}
				writeText(e.stdout, ans)
				fmt.Fprintln(e.stdout)
			}
			if err := sc.Err(); err != nil {
				return fmt.Errorf("read questions: %w", err)
			}
			return nil
		},
	}
}

func serveCommand() *command {
	return &command{
		name: "serve", args: "",
		summary: "Run the Discord bot until interrupted (SIGINT or SIGTERM). The token comes from\nCABOT_DISCORD_TOKEN (or DISCORD_TOKEN, or discord.token in cabot.toml).",
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			if fs.NArg() > 0 {
				return usagef("serve takes no arguments")
			}
			cfg, err := loadConfig(e)
			if err != nil {
				return err
			}
			if cfg.Discord.Token == "" {
				return usagef("no Discord bot token: set CABOT_DISCORD_TOKEN (or DISCORD_TOKEN) to the token from the Discord developer portal")
			}
			log := newLogger(e.stderr, cfg.LogLevel, "info")
			a, err := openAppWith(ctx, cfg, log)
			if err != nil {
				return err
			}
			defer a.Close()
			d := cfg.Discord
			audit, err := cfg.Documents.AuditChannelMap()
			if err != nil {
				return err
			}
			var metrics *bot.Metrics
			if cfg.Metrics.Listen != "" {
				metrics = bot.NewMetrics()
			}
			b, err := bot.New(bot.Config{
				Token: d.Token, APIBaseURL: d.APIBaseURL, Guilds: d.Guilds, MessageContent: d.MessageContent,
				MaxConcurrent: answerSlots(cfg), MaxQueue: d.MaxQueue, QueueWait: d.QueueWait,
				UserPerMinute: d.UserPerMinute, GuildPerMinute: d.GuildPerMinute,
				AnswerTimeout: max(d.AnswerTimeout, cfg.LLM.Timeout+5*time.Second), ShutdownTimeout: d.ShutdownTimeout, AnswerMode: answerMode(cfg),
				ModeratorRoles: cfg.Documents.ModeratorRoles, SharedLibrary: cfg.Documents.Shared,
				AuditChannels: audit, MaxDocumentBytes: cfg.Documents.MaxBytes, MaxDocumentsPerServer: cfg.Documents.MaxPerServer,
			}, bot.Deps{
				Metrics:   metrics,
				Knowledge: a.knowledge(),
				Records:   a.store,
				Library:   a.lib,
				Fetcher:   corpus.NewFetcher(corpus.FetchOptions{Timeout: cfg.Documents.FetchTimeout, MaxBytes: cfg.Documents.MaxBytes}),
			}, log)
			if err != nil {
				return err
			}
			docs, chunks := a.lib.Stats()
			log.Info("serving", "documents", docs, "chunks", chunks, "store", a.store.Path())
			if metrics != nil {
				ready := func() error {
					if err := b.Connected(); err != nil {
						return err
					}
					return a.store.Ping(ctx)
				}
				addr, _, err := metrics.Serve(ctx, cfg.Metrics.Listen, ready)
				if err != nil {
					return fmt.Errorf("metrics listener: %w", err)
				}
				log.Info("health and metrics listening", "addr", addr.String())
			}
			if err := b.Run(ctx); err != nil {
				return err
			}
			log.Info("stopped")
			return nil
		},
	}
}

// answerSlots is how many answers are computed at once: the setting, or
// the CPUs for extractive answers (CPU-bound: more slots would only slow the
// acknowledgements), or 8 with a language model (mostly waiting on it).
func answerSlots(cfg config.Config) int {
	switch {
	case cfg.Discord.MaxConcurrent > 0:
		return cfg.Discord.MaxConcurrent
	case cfg.LLM.Provider != "none":
		return 8
	}
	return runtime.GOMAXPROCS(0)
}

// answerMode says how answers are written, for /about.
func answerMode(cfg config.Config) string {
	if cfg.LLM.Provider == "none" {
		return rag.ModeExtractive
	}
	return fmt.Sprintf("%s (%s via %s), falling back to extractive", rag.ModeLLM, cfg.LLM.Model, cfg.LLM.Provider)
}

// knowledge gives the bot the library with the configured answer options.
type knowledge struct {
	lib  *rag.Library
	llm  *rag.LLMAnswerer // nil: extractive answers
	docs rag.DocumentReader
	opt  rag.AnswerOptions
}

func (k knowledge) Summarize(ctx context.Context, req rag.SummaryRequest) (rag.Summary, error) {
	if k.llm != nil {
		return k.llm.Summarize(ctx, k.docs, req)
	}
	return k.lib.Summarize(ctx, k.docs, req)
}

func (k knowledge) Timeline(ctx context.Context, req rag.TimelineRequest) (rag.Timeline, error) {
	return k.lib.Timeline(ctx, k.docs, req)
}

func (k knowledge) Ask(ctx context.Context, q rag.Question, onText func(string)) (rag.Answer, error) {
	if k.llm != nil {
		return k.llm.Ask(ctx, q, onText)
	}
	return k.lib.Ask(ctx, q, k.opt)
}

func (k knowledge) Documents(scope string) []rag.DocInfo { return k.lib.Documents(scope, false) }

func configCommand() *command {
	return &command{
		name: "config", args: "",
		summary: "Print the effective configuration (secrets redacted) after the file,\nthe environment and the flags.",
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			if fs.NArg() > 0 {
				return usagef("config takes no arguments")
			}
			cfg, err := loadConfig(e)
			if err != nil {
				return err
			}
			fmt.Fprint(e.stdout, cfg.String())
			return nil
		},
	}
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// jsonAnswer is the --json output.
type jsonAnswer struct {
	Question string       `json:"question"`
	Answer   string       `json:"answer"`
	Grounded bool         `json:"grounded"`
	Mode     string       `json:"mode"`
	Sources  []jsonSource `json:"sources"`
	Note     string       `json:"note,omitempty"`
	TookMS   float64      `json:"took_ms"`
}

type jsonSource struct {
	N         int     `json:"n"`
	DocID     string  `json:"doc_id"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	URL       string  `json:"url"`
	Published string  `json:"published"`
	Quote     string  `json:"quote"`
	Score     float64 `json:"score"`
}

func writeJSON(w io.Writer, ans rag.Answer) error {
	out := jsonAnswer{
		Question: ans.Question, Answer: ans.Text, Grounded: ans.Grounded, Mode: ans.Mode,
		Sources: []jsonSource{}, Note: ans.Note, TookMS: float64(ans.Took.Microseconds()) / 1000,
	}
	for _, s := range ans.Sources {
		out.Sources = append(out.Sources, jsonSource{
			N: s.N, DocID: s.Doc.ID, Title: s.Doc.Title, Outlet: s.Doc.Outlet, URL: s.Doc.URL,
			Published: dateString(s.Doc.Published), Quote: s.Quote, Score: s.Score,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func writeText(w io.Writer, ans rag.Answer) {
	fmt.Fprintln(w, ans.Text)
	if ans.Note != "" {
		fmt.Fprintln(w, "\n("+ans.Note+")")
	}
	heading := "Sources:"
	if !ans.Grounded {
		heading = "Nearest documents:"
	}
	writeSources(w, heading, ans.Sources, ans.Grounded)
}
