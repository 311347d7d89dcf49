package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"cabot/corpus"
	"cabot/corpus/storage"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

// Knowledge answers questions and lists the documents behind the answers.
type Knowledge interface {
	// Ask answers a question; onText, when not nil, receives the answer text
	// so far while a language model writes it.
	Ask(ctx context.Context, q rag.Question, onText func(partial string)) (rag.Answer, error)
	// Documents lists the documents visible in a scope (a server's ID, or
	// "" in DMs).
	Documents(scope string, all bool) []rag.DocInfo
	Summarize(ctx context.Context, req rag.SummaryRequest) (rag.Summary, error)
	Timeline(ctx context.Context, req rag.TimelineRequest) (rag.Timeline, error)
}

// Records keeps the answers given, the feedback on them, and the audit log
// of document changes.
type Records interface {
	SaveAnswer(ctx context.Context, a storage.AnswerRecord) error
	Answer(ctx context.Context, id string) (storage.AnswerRecord, error)
	SaveFeedback(ctx context.Context, answerID, userID string, helpful bool) error
	SaveFeedbackReason(ctx context.Context, answerID, userID, reason string) error
	Audit(ctx context.Context, scope string, all bool, limit int) ([]storage.AuditEntry, error)
}

// Library changes the documents (moderators' /doc commands).
type Library interface {
	// Prepare reads a document and says what adding it would do, storing
	// nothing; a document that cannot be read fails with a *rag.ReadError.
	Prepare(ctx context.Context, in rag.Input) (rag.Preview, error)
	Add(ctx context.Context, doc corpus.Document) error
	Remove(ctx context.Context, id, actor string) (rag.DocInfo, error)
	Document(id string) (rag.DocInfo, bool)
}

// Fetcher downloads a document from a URL safely (no private addresses,
// bounded size and time).
type Fetcher interface {
	Fetch(ctx context.Context, rawURL string) (*corpus.Fetched, error)
}

// Deps are what the bot works with.
type Deps struct {
	Knowledge Knowledge
	Records   Records
	Library   Library
	Fetcher   Fetcher
	// Metrics, when not nil, records questions, answers, feedback,
	// ingestion and the gateway's state.
	Metrics *Metrics
}

// Config is the bot's part of the configuration. It has no defaults of its
// own: the cabot command fills it from package config, where the defaults
// live, and New refuses a Config with an unusable field.
type Config struct {
	// Token is the bot token; the "Bot " prefix is added when missing.
	Token string
	// APIBaseURL is Discord's REST API, such as https://discord.com/api/v9
	// or an HTTP proxy in front of it.
	APIBaseURL string
	// Guilds, when set, get the slash commands directly (instant updates)
	// instead of a global registration.
	Guilds []string
	// MessageContent asks for the privileged message-content intent, needed
	// to read follow-ups in the bot's threads that do not mention it.
	MessageContent bool
	// MaxConcurrent (at least 1) bounds the answers computed at once;
	// MaxQueue more questions (0 or more) wait up to QueueWait for a slot,
	// and beyond that people are told the bot is busy.
	MaxConcurrent int
	MaxQueue      int
	QueueWait     time.Duration
	// UserPerMinute and GuildPerMinute are the question rate limits (0: none).
	UserPerMinute, GuildPerMinute int
	// AnswerTimeout bounds one answer; ShutdownTimeout bounds the wait for
	// answers in flight at shutdown. Both are positive.
	AnswerTimeout, ShutdownTimeout time.Duration
	// AnswerMode is shown by /about ("extractive", ...).
	AnswerMode string
	// MaxQuestion is the longest question accepted, in characters (at least
	// 1).
	MaxQuestion int

	// ModeratorRoles are role IDs whose members may change the documents,
	// besides those with the Manage Server permission.
	ModeratorRoles []string
	// SharedLibrary makes documents added in any server global (one
	// community, many servers); otherwise each server's are its own.
	SharedLibrary bool
	// AuditChannels maps a server ID to the channel where its document
	// changes are posted.
	AuditChannels map[string]string
	// MaxDocumentBytes is the largest document accepted (at least 1).
	MaxDocumentBytes int64
	// MaxDocumentsPerServer bounds the documents one server may add (0: no
	// limit).
	MaxDocumentsPerServer int
	// PreviewTTL (positive) is how long a /doc add preview can be confirmed.
	PreviewTTL time.Duration
	// AnswerStyle is how answers are shown: StyleEmbed ("" means the same)
	// or StyleText, plain text for people who turn embeds off;
	// AnswerStyles overrides it per server (server ID → style).
	AnswerStyle  string
	AnswerStyles map[string]string
	// HandoffChannels maps a server ID to the channel where "Ask a
	// moderator" posts questions; HandoffRoles maps a server ID to the one
	// role those posts may ping (and nothing else the bot sends pings).
	HandoffChannels map[string]string
	HandoffRoles    map[string]string
	// StreamEditInterval is the least time between two edits of an answer
	// that is being written, at least a second (Discord rate-limits edits).
	StreamEditInterval time.Duration
}

// check reports every unusable field of c, each by name, and returns the
// API base URL parsed.
func (c Config) check() (*url.URL, error) {
	var errs []error
	bad := func(field string, value any, want string) {
		errs = append(errs, fmt.Errorf("bot: Config.%s = %v: want %s", field, value, want))
	}
	base, err := url.Parse(strings.TrimRight(c.APIBaseURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		bad("APIBaseURL", fmt.Sprintf("%q", c.APIBaseURL), "an http(s) URL such as https://discord.com/api/v9")
	}
	if c.MaxConcurrent < 1 {
		bad("MaxConcurrent", c.MaxConcurrent, "at least 1")
	}
	for _, f := range []struct {
		name string
		n    int
	}{{"MaxQueue", c.MaxQueue}, {"UserPerMinute", c.UserPerMinute}, {"GuildPerMinute", c.GuildPerMinute}, {"MaxDocumentsPerServer", c.MaxDocumentsPerServer}} {
		if f.n < 0 {
			bad(f.name, f.n, "0 or more")
		}
	}
	for _, f := range []struct {
		name string
		d    time.Duration
	}{{"QueueWait", c.QueueWait}, {"AnswerTimeout", c.AnswerTimeout}, {"ShutdownTimeout", c.ShutdownTimeout}, {"PreviewTTL", c.PreviewTTL}} {
		if f.d <= 0 {
			bad(f.name, f.d, "a positive duration")
		}
	}
	if c.StreamEditInterval < time.Second {
		bad("StreamEditInterval", c.StreamEditInterval, "at least 1s (Discord rate-limits edits)")
	}
	if c.MaxQuestion < 1 {
		bad("MaxQuestion", c.MaxQuestion, "at least 1")
	}
	if c.MaxDocumentBytes < 1 {
		bad("MaxDocumentBytes", c.MaxDocumentBytes, "at least 1")
	}
	if c.AnswerStyle != "" && c.AnswerStyle != StyleEmbed && c.AnswerStyle != StyleText {
		bad("AnswerStyle", fmt.Sprintf("%q", c.AnswerStyle), `"embed" or "text"`)
	}
	for g, st := range c.AnswerStyles {
		if st != StyleEmbed && st != StyleText {
			bad("AnswerStyles["+g+"]", fmt.Sprintf("%q", st), `"embed" or "text"`)
		}
	}
	if strings.TrimSpace(c.AnswerMode) == "" {
		bad("AnswerMode", `""`, "how answers are written, such as "+rag.ModeExtractive)
	}
	return base, errors.Join(errs...)
}

// Bot is a running Discord bot.
type Bot struct {
	cfg     Config
	know    Knowledge
	records Records
	library Library
	fetcher Fetcher
	metrics *Metrics
	log     *slog.Logger

	session *discordgo.Session
	userRL  *rateLimits
	guildRL *rateLimits
	slots   slots

	inflight  sync.WaitGroup
	waiting   atomic.Int64 // questions admitted and not yet answered
	handling  atomic.Int64 // event handlers running
	connected atomic.Bool  // the gateway is up
	stopping  atomic.Bool
	stop      chan struct{} // closed when the bot stops
	fatal     chan error
	fatalErr  atomic.Pointer[GatewayError]

	ready     chan struct{}
	readyOnce sync.Once

	convMu     sync.Mutex
	convs      map[string]*conversation // channel ID -> recent questions
	channels   sync.Map                 // channel ID -> channelInfo
	handoffs   sync.Map                 // answer ID:user ID -> when handed off
	unreadable sync.Map                 // channel ID:user ID -> when last told their message could not be read

	pendingMu sync.Mutex
	pending   map[string]*pendingAdd // preview token -> document awaiting confirmation

	stops sync.Map // interaction ID -> stopper: answers being written
	// placeholders holds the interactions whose public deferred response
	// still waits for its answer (interaction ID -> struct{}).
	placeholders sync.Map
}

// ErrNoToken is returned by New when no token is configured.
var ErrNoToken = errors.New("no Discord bot token")

// New prepares a bot; Run connects it. It returns ErrNoToken when cfg has no
// token, and an error naming each unusable field of cfg (see Config) or a
// missing dependency. A nil log discards the logs.
func New(cfg Config, deps Deps, log *slog.Logger) (*Bot, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, ErrNoToken
	}
	if deps.Knowledge == nil || deps.Records == nil || deps.Library == nil || deps.Fetcher == nil {
		return nil, errors.New("bot: every dependency is required")
	}
	base, err := cfg.check()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	token := strings.TrimSpace(cfg.Token)
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("create discord session: %w", err)
	}
	b := &Bot{
		cfg: cfg, know: deps.Knowledge, records: deps.Records, library: deps.Library, fetcher: deps.Fetcher, metrics: deps.Metrics,
		log: log, session: s, pending: map[string]*pendingAdd{},
		userRL: newRateLimits(cfg.UserPerMinute, 3), guildRL: newRateLimits(cfg.GuildPerMinute, 10),
		slots: newSlots(cfg.MaxConcurrent),
		fatal: make(chan error, 1), ready: make(chan struct{}), stop: make(chan struct{}),
		convs: map[string]*conversation{},
	}
	s.Client = &http.Client{Timeout: 30 * time.Second, Transport: &rebase{base: base, next: http.DefaultTransport}}
	s.Dialer = closeWatchingDialer(b.onFatalClose)
	s.ShouldReconnectOnError = false // we reconnect ourselves, and stop on fatal close codes
	s.StateEnabled = true
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if cfg.MessageContent {
		s.Identify.Intents |= discordgo.IntentsMessageContent
	}
	s.AddHandler(b.onReady)
	s.AddHandler(b.onDisconnect)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	return b, nil
}

// Connected reports whether the bot is connected to Discord's gateway (for a
// readiness probe).
func (b *Bot) Connected() error {
	if !b.connected.Load() {
		return errors.New("not connected to the Discord gateway")
	}
	return nil
}

// Ready is closed once the bot has connected and registered its commands.
func (b *Bot) Ready() <-chan struct{} { return b.ready }

// Run connects to Discord and serves until ctx ends or the gateway closes
// with a fatal code. On the way out it stops taking new work, lets the
// answers in flight finish (up to ShutdownTimeout) and closes the gateway.
// It returns nil after a requested shutdown and a *GatewayError after a
// fatal close.
func (b *Bot) Run(ctx context.Context) error {
	if err := b.session.Open(); err != nil {
		if ge := b.fatalErr.Load(); ge != nil {
			return ge
		}
		return fmt.Errorf("connect to discord: %w", err)
	}
	b.log.Info("connected to discord gateway")
	var runErr error
	select {
	case <-ctx.Done():
		b.log.Info("shutting down: finishing answers in flight", "limit", b.cfg.ShutdownTimeout)
	case runErr = <-b.fatal:
		b.log.Error("discord closed the gateway", "err", runErr)
	}
	b.stopping.Store(true)
	close(b.stop)
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.cfg.ShutdownTimeout):
		b.log.Warn("shutdown: answers still in flight after the time limit", "limit", b.cfg.ShutdownTimeout)
	}
	if err := b.session.Close(); err != nil {
		b.log.Warn("close discord session", "err", err)
	}
	// Handlers that were only turning people away may still be replying.
	for end := time.Now().Add(5 * time.Second); b.handling.Load() > 0 && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	return runErr
}

func (b *Bot) onFatalClose(e *GatewayError) {
	b.fatalErr.Store(e)
	select {
	case b.fatal <- e:
	default:
	}
}

func (b *Bot) onReady(s *discordgo.Session, r *discordgo.Ready) {
	defer b.recoverPanic("ready")
	b.log.Info("discord ready", "user", r.User.Username, "guilds", len(r.Guilds))
	b.metrics.Gateway(true)
	b.connected.Store(true)
	go func() {
		defer b.recoverPanic("register commands")
		if err := b.registerCommands(r); err != nil {
			b.log.Error("register slash commands", "err", err)
		}
		b.readyOnce.Do(func() { close(b.ready) })
	}()
}

func (b *Bot) registerCommands(r *discordgo.Ready) error {
	appID := r.Application.ID
	if appID == "" {
		appID = r.User.ID
	}
	cmds := localize(commandDefinitions(b.cfg.MaxQuestion))
	if len(b.cfg.Guilds) == 0 {
		if _, err := b.session.ApplicationCommandBulkOverwrite(appID, "", cmds); err != nil {
			return fmt.Errorf("global: %w", err)
		}
		b.log.Info("slash commands registered globally", "count", len(cmds))
		return nil
	}
	for _, g := range b.cfg.Guilds {
		if _, err := b.session.ApplicationCommandBulkOverwrite(appID, g, cmds); err != nil {
			return fmt.Errorf("guild %s: %w", g, err)
		}
	}
	b.log.Info("slash commands registered in guilds", "count", len(cmds), "guilds", len(b.cfg.Guilds))
	return nil
}

// onDisconnect reconnects with backoff, unless the bot is stopping or the
// gateway closed with a fatal code.
func (b *Bot) onDisconnect(s *discordgo.Session, _ *discordgo.Disconnect) {
	b.metrics.Gateway(false)
	b.connected.Store(false)
	if b.stopping.Load() || b.fatalErr.Load() != nil {
		return
	}
	b.log.Warn("discord gateway disconnected: reconnecting")
	go func() {
		wait := time.Second
		for !b.stopping.Load() && b.fatalErr.Load() == nil {
			err := s.Open()
			if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
				b.log.Info("reconnected to discord gateway")
				return
			}
			b.log.Warn("reconnect to discord gateway", "err", err, "retry_in", wait)
			select {
			case <-b.stop:
				return
			case <-time.After(wait + time.Duration(rand.Int64N(int64(wait/2+1)))):
			}
			wait = min(2*wait, time.Minute)
		}
	}()
}

// recoverPanic logs a panic in a handler so that it cannot kill the bot.
func (b *Bot) recoverPanic(where string) {
	if r := recover(); r != nil {
		b.log.Error("panic in handler", "where", where, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	}
}

// rebase sends requests for Discord's API to the configured base URL.
type rebase struct {
	base *url.URL
	next http.RoundTripper
}

var discordAPI = "https://discord.com/api/v" + discordgo.APIVersion

func (t *rebase) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL.String()
	if strings.HasPrefix(u, discordAPI) && t.base.String() != discordAPI {
		nu, err := url.Parse(t.base.String() + strings.TrimPrefix(u, discordAPI))
		if err != nil {
			return nil, err
		}
		req = req.Clone(req.Context())
		req.URL = nu
		req.Host = nu.Host
	}
	return t.next.RoundTrip(req)
}

// conversation is the recent questions of one channel or thread.
type conversation struct {
	questions []string
	last      time.Time
}

const historyTurns = 4

func (b *Bot) history(channelID string) []string {
	b.convMu.Lock()
	defer b.convMu.Unlock()
	c := b.convs[channelID]
	if c == nil || time.Since(c.last) > 2*time.Hour {
		return nil
	}
	return append([]string(nil), c.questions...)
}

func (b *Bot) remember(channelID, question string) {
	b.convMu.Lock()
	defer b.convMu.Unlock()
	c := b.convs[channelID]
	if c == nil {
		if len(b.convs) > 10000 { // forget the stalest conversations
			for id, old := range b.convs {
				if time.Since(old.last) > 10*time.Minute {
					delete(b.convs, id)
				}
			}
		}
		c = &conversation{}
		b.convs[channelID] = c
	}
	c.questions = append(c.questions, question)
	if len(c.questions) > historyTurns {
		c.questions = c.questions[len(c.questions)-historyTurns:]
	}
	c.last = time.Now()
}
