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

// Records keeps the answers given, the feedback on them, the audit log of
// document changes and the /doc add previews waiting for Confirm (in the
// store, so that any process of the bot can handle the Confirm).
type Records interface {
	SavePreview(ctx context.Context, p storage.Preview) error
	Preview(ctx context.Context, token string) (storage.Preview, error)
	DeletePreview(ctx context.Context, token string) (bool, error)
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
	// ShardID and ShardCount make this bot Discord shard ShardID (0 <=
	// ShardID < ShardCount) of ShardCount; ShardCount 0 or 1 means no
	// sharding. AutoShards instead asks Discord for the recommended number
	// (GET /gateway/bot) and runs every shard, one session each. Only shard
	// 0 registers the slash commands.
	ShardID, ShardCount int
	AutoShards          bool
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
	if c.ShardCount < 0 || (c.ShardCount == 0 && c.ShardID != 0) || (c.ShardCount > 0 && (c.ShardID < 0 || c.ShardID >= c.ShardCount)) {
		bad("ShardID", fmt.Sprintf("%d of %d", c.ShardID, c.ShardCount), "0 <= ShardID < ShardCount")
	}
	if c.AutoShards && (c.ShardID != 0 || c.ShardCount != 0) {
		bad("AutoShards", true, "ShardID and ShardCount left 0")
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

	// session is shard 0's (or the only) session, used for REST calls;
	// sessions are every shard's, session first, each with its state.
	session  *discordgo.Session
	sessions []*shardSession
	base     *url.URL
	userRL   *rateLimits
	guildRL  *rateLimits
	slots    slots

	inflight sync.WaitGroup
	waiting  atomic.Int64 // questions admitted and not yet answered
	handling atomic.Int64 // event handlers running
	stopping atomic.Bool
	stop     chan struct{} // closed when the bot stops
	fatal    chan error
	fatalErr atomic.Pointer[GatewayError]

	ready     chan struct{}
	readyLeft atomic.Int64 // sessions not yet ready once

	convMu     sync.Mutex
	convs      map[string]*conversation // channel ID -> recent questions
	channels   sync.Map                 // channel ID -> channelInfo
	handoffs   sync.Map                 // answer ID:user ID -> when handed off
	unreadable sync.Map                 // channel ID:user ID -> when last told their message could not be read

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
	b := &Bot{
		cfg: cfg, know: deps.Knowledge, records: deps.Records, library: deps.Library, fetcher: deps.Fetcher, metrics: deps.Metrics,
		log: log, base: base,
		userRL: newRateLimits(cfg.UserPerMinute, 3), guildRL: newRateLimits(cfg.GuildPerMinute, 10),
		slots: newSlots(cfg.MaxConcurrent),
		fatal: make(chan error, 1), ready: make(chan struct{}), stop: make(chan struct{}),
		convs: map[string]*conversation{},
	}
	s, err := b.newSession(token, cfg.ShardID, cfg.ShardCount)
	if err != nil {
		return nil, err
	}
	b.session = s.Session
	b.sessions = []*shardSession{s}
	return b, nil
}

// shardSession is one shard's gateway session and whether it is up.
type shardSession struct {
	*discordgo.Session
	connected atomic.Bool
	readyOnce sync.Once
}

// newSession creates the session of shard id of count (count 0 or 1: no
// sharding) with the bot's handlers.
func (b *Bot) newSession(token string, id, count int) (*shardSession, error) {
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("create discord session for shard %d: %w", id, err)
	}
	s.ShardID, s.ShardCount = id, count
	if count > 1 {
		s.Identify.Shard = &[2]int{id, count}
	}
	s.Client = &http.Client{Timeout: 30 * time.Second, Transport: &rebase{base: b.base, next: http.DefaultTransport}}
	s.Dialer = closeWatchingDialer(b.onFatalClose)
	s.ShouldReconnectOnError = false // we reconnect ourselves, and stop on fatal close codes
	s.StateEnabled = true
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if b.cfg.MessageContent {
		s.Identify.Intents |= discordgo.IntentsMessageContent
	}
	s.AddHandler(b.onReady)
	s.AddHandler(b.onDisconnect)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	return &shardSession{Session: s}, nil
}

// shard returns the bot's record of session s.
func (b *Bot) shard(s *discordgo.Session) *shardSession {
	for _, sh := range b.sessions {
		if sh.Session == s {
			return sh
		}
	}
	return b.sessions[0]
}

// Connected reports whether every shard of the bot is connected to
// Discord's gateway (for a readiness probe).
func (b *Bot) Connected() error {
	for _, sh := range b.sessions {
		if !sh.connected.Load() {
			if len(b.sessions) == 1 {
				return errors.New("not connected to the Discord gateway")
			}
			return fmt.Errorf("shard %d is not connected to the Discord gateway", sh.ShardID)
		}
	}
	return nil
}

// Shards returns the shard IDs this bot runs and the shard count (0 when
// not sharded); with AutoShards they are known once Run has connected.
func (b *Bot) Shards() (ids []int, count int) {
	for _, sh := range b.sessions {
		ids = append(ids, sh.ShardID)
	}
	return ids, b.sessions[0].ShardCount
}

// autoShard asks Discord for the recommended number of shards and creates
// a session for each beyond the first.
func (b *Bot) autoShard(ctx context.Context) error {
	gb, err := b.session.GatewayBot(discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("ask discord for the recommended number of shards: %w", err)
	}
	n := max(gb.Shards, 1)
	if n == 1 {
		return nil
	}
	first := b.sessions[0]
	first.ShardID, first.ShardCount = 0, n
	first.Identify.Shard = &[2]int{0, n}
	for id := 1; id < n; id++ {
		sh, err := b.newSession(first.Token, id, n)
		if err != nil {
			return err
		}
		b.sessions = append(b.sessions, sh)
	}
	b.log.Info("running the recommended number of shards", "shards", n)
	return nil
}

// Ready is closed once every shard has connected and shard 0 has registered
// the commands.
func (b *Bot) Ready() <-chan struct{} { return b.ready }

// Run connects to Discord and serves until ctx ends or the gateway closes
// with a fatal code. On the way out it stops taking new work, lets the
// answers in flight finish (up to ShutdownTimeout) and closes the gateway.
// It returns nil after a requested shutdown and a *GatewayError after a
// fatal close.
func (b *Bot) Run(ctx context.Context) error {
	if b.cfg.AutoShards {
		if err := b.autoShard(ctx); err != nil {
			return err
		}
	}
	b.readyLeft.Store(int64(len(b.sessions)))
	for i, sh := range b.sessions {
		if i > 0 {
			// Discord allows one Identify per 5 s per bucket
			// (max_concurrency 1); the loopback one does not care.
			select {
			case <-ctx.Done():
			case <-time.After(identifyGap):
			}
		}
		if err := sh.Open(); err != nil {
			b.closeSessions()
			if ge := b.fatalErr.Load(); ge != nil {
				return ge
			}
			return fmt.Errorf("connect shard %d to discord: %w", sh.ShardID, err)
		}
		b.log.Info("connected to discord gateway", "shard", sh.ShardID, "shards", sh.ShardCount)
	}
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
	b.closeSessions()
	// Handlers that were only turning people away may still be replying.
	for end := time.Now().Add(5 * time.Second); b.handling.Load() > 0 && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
	return runErr
}

// identifyGap is the wait between two shards' connections in one process.
var identifyGap = 5 * time.Second

// closeSessions closes every shard's gateway session.
func (b *Bot) closeSessions() {
	for _, sh := range b.sessions {
		if err := sh.Close(); err != nil {
			b.log.Warn("close discord session", "shard", sh.ShardID, "err", err)
		}
	}
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
	sh := b.shard(s)
	b.log.Info("discord ready", "user", r.User.Username, "guilds", len(r.Guilds), "shard", sh.ShardID)
	b.metrics.Gateway(true)
	sh.connected.Store(true)
	go func() {
		defer b.recoverPanic("register commands")
		if sh.ShardID == 0 { // once for the whole bot, whichever the shards
			if err := b.registerCommands(r); err != nil {
				b.log.Error("register slash commands", "err", err)
			}
		}
		sh.readyOnce.Do(func() {
			if b.readyLeft.Add(-1) == 0 {
				close(b.ready)
			}
		})
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
	b.shard(s).connected.Store(false)
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
