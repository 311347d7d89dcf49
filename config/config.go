// Package config loads cabot's configuration: defaults, then a TOML file,
// then CABOT_* environment variables, then command-line flags (applied by the
// caller). A setting section.name is `name` under `[section]` in the file and
// CABOT_SECTION_NAME in the environment; top-level settings have no section.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration. Each package gets its own part.
type Config struct {
	// DataDir holds the store (cabot.db).
	DataDir string `toml:"data_dir"`
	// LogLevel is debug, info, warn or error; empty means info for the
	// long-running serve and warn for the one-shot commands.
	LogLevel string `toml:"log_level"`

	Store     Store     `toml:"store"`
	Answer    Answer    `toml:"answer"`
	Discord   Discord   `toml:"discord"`
	Documents Documents `toml:"documents"`
	LLM       LLM       `toml:"llm"`
	Embedder  Embedder  `toml:"embedder"`
	Metrics   Metrics   `toml:"metrics"`
}

// Store configures the store of record.
type Store struct {
	// URL, when set, is a PostgreSQL database
	// (postgres://user:password@host:5432/cabot) that several processes or
	// machines share; empty: SQLite, cabot.db in the data directory. Its
	// password is redacted wherever the configuration is printed.
	URL string `toml:"url"`
}

// Postgres reports whether URL names a PostgreSQL database.
func (s Store) Postgres() bool {
	return strings.HasPrefix(s.URL, "postgres://") || strings.HasPrefix(s.URL, "postgresql://")
}

// Metrics configures the health and metrics listener of cabot serve.
type Metrics struct {
	// Listen is a loopback address such as 127.0.0.1:9090 for /healthz,
	// /readyz and /metrics (Prometheus); empty: off.
	Listen string `toml:"listen"`
}

// LLM configures the language model that writes answers. With provider
// "none" (the default) answers are extractive.
type LLM struct {
	// Provider is none, ollama, openai (any OpenAI-compatible server,
	// Gemini included) or anthropic.
	Provider string `toml:"provider"`
	Model    string `toml:"model"`
	// BaseURL is the server (ollama: http://127.0.0.1:11434; openai: the
	// API or any compatible server, such as http://127.0.0.1:8000/v1).
	BaseURL string `toml:"base_url"`
	// APIKey is read from the provider's usual variable (OPENAI_API_KEY,
	// ANTHROPIC_API_KEY) when not set.
	APIKey string `toml:"api_key" secret:"true"`
	// Timeout bounds one answer; past it the extractive answer is given.
	Timeout time.Duration `toml:"timeout"`
	// MaxRetries is how often a rate-limited request is retried.
	MaxRetries int `toml:"max_retries"`
	// ContextBudget is how many characters of sources go into a prompt.
	ContextBudget int `toml:"context_budget"`
	// Passages is how many retrieved passages a prompt draws on.
	Passages int `toml:"passages"`
}

// Embedder configures the embedding model.
type Embedder struct {
	// Provider is builtin (default, no network), ollama or openai.
	Provider string `toml:"provider"`
	Model    string `toml:"model"`
	BaseURL  string `toml:"base_url"`
	APIKey   string `toml:"api_key" secret:"true"`
	// Dimension is the vector size the model returns (0: whatever it returns).
	Dimension int `toml:"dimension"`
}

// Documents configures adding documents (cabot ingest, /doc add).
type Documents struct {
	// MaxBytes is the largest document accepted.
	MaxBytes int64 `toml:"max_bytes"`
	// FetchTimeout bounds the download of a URL.
	FetchTimeout time.Duration `toml:"fetch_timeout"`
	// ExtractTimeout bounds the reading of one document (PDF, HTML); the
	// process reading it is killed then.
	ExtractTimeout time.Duration `toml:"extract_timeout"`
	// ModeratorRoles are role IDs whose members may use /doc, besides
	// those with the Manage Server permission.
	ModeratorRoles []string `toml:"moderator_roles"`
	// Shared makes documents added in any server visible in every server
	// (one community, many servers). Off: each server's are its own.
	Shared bool `toml:"shared"`
	// AuditChannels lists "serverID:channelID" pairs: where each server's
	// document changes are posted.
	AuditChannels []string `toml:"audit_channels"`
	// MaxPerServer bounds the documents one server may add (0: no limit).
	MaxPerServer int `toml:"max_per_server"`
}

// Discord configures the Discord bot (cabot serve).
type Discord struct {
	// Token is the bot token (CABOT_DISCORD_TOKEN, or DISCORD_TOKEN).
	Token string `toml:"token" secret:"true"`
	// APIBaseURL is Discord's REST API, or an HTTP proxy in front of it.
	APIBaseURL string `toml:"api_base_url"`
	// Guilds, when set, get the slash commands directly (instant updates)
	// instead of globally.
	Guilds []string `toml:"guilds"`
	// MessageContent asks for the privileged message-content intent, to
	// read follow-ups in the bot's threads that do not mention it. It must
	// be enabled for the application in the developer portal too.
	MessageContent bool `toml:"message_content"`
	// AnswerStyle is how answers are shown: "embed", or "text" (plain
	// text, for people who turn embeds off or copy from a phone).
	// ServerAnswerStyles overrides it per server, as "serverID:style" pairs.
	AnswerStyle        string   `toml:"answer_style"`
	ServerAnswerStyles []string `toml:"server_answer_styles"`
	// HandoffChannels lists "serverID:channelID" pairs: where "Ask a
	// moderator" posts a member's question in each server. HandoffRole
	// lists "serverID:roleID" pairs: the one role those posts may ping.
	HandoffChannels []string `toml:"handoff_channels"`
	HandoffRole     []string `toml:"handoff_role"`
	// MaxConcurrent bounds the answers computed at once (0: automatic, the
	// number of CPUs for extractive answers, 8 with a language model);
	// MaxQueue more questions wait up to QueueWait for a slot; beyond that
	// people are told the bot is busy.
	MaxConcurrent int           `toml:"max_concurrent"`
	MaxQueue      int           `toml:"max_queue"`
	QueueWait     time.Duration `toml:"queue_wait"`
	// UserPerMinute and GuildPerMinute limit questions (0: no limit).
	UserPerMinute  int `toml:"user_questions_per_minute"`
	GuildPerMinute int `toml:"guild_questions_per_minute"`
	// AnswerTimeout bounds one answer; ShutdownTimeout bounds the wait for
	// answers in flight when the bot stops.
	AnswerTimeout   time.Duration `toml:"answer_timeout"`
	ShutdownTimeout time.Duration `toml:"shutdown_timeout"`
	// ShardID and ShardCount run one Discord shard per process: this
	// process is shard ShardID (0 <= ShardID < ShardCount) of ShardCount;
	// ShardCount 0 means no sharding. Shards = "auto" instead runs, in this
	// process, the number of shards Discord recommends (GET /gateway/bot).
	// Only shard 0 registers the slash commands.
	ShardID    int    `toml:"shard_id"`
	ShardCount int    `toml:"shard_count"`
	Shards     string `toml:"shards"`

	// The bot's fixed values: they have defaults here like every other
	// value, but are not settings (no cabot.toml key, no CABOT_* variable).
	//
	// MaxQuestion is the longest question accepted, in characters.
	MaxQuestion int `toml:"-"`
	// PreviewTTL is how long a /doc add preview can be confirmed.
	PreviewTTL time.Duration `toml:"-"`
	// StreamEditInterval is the least time between two edits of an answer
	// that is being written (Discord rate-limits edits).
	StreamEditInterval time.Duration `toml:"-"`
}

// Answer configures the answerer.
type Answer struct {
	// MinRelevance is how relevant (0 to 1) the best sentence must be for
	// the extractive answerer to answer rather than decline.
	MinRelevance float64 `toml:"min_relevance"`
	// MaxSentences is how many sentences an extractive answer quotes at most.
	MaxSentences int `toml:"max_sentences"`
	// Passages is how many retrieved passages are read per question.
	Passages int `toml:"passages"`
}

// Default returns the defaults. The data directory is $XDG_DATA_HOME/cabot
// (or the platform's equivalent); CABOT_DATA_DIR overrides it like any other
// setting.
func Default() Config {
	return Config{
		DataDir:  defaultDataDir(),
		LogLevel: "",
		Answer:   Answer{MinRelevance: 0.294, MaxSentences: 3, Passages: 6},
		Discord: Discord{
			APIBaseURL: "https://discord.com/api/v9", AnswerStyle: "embed",
			MaxConcurrent: 0, MaxQueue: 100, QueueWait: 20 * time.Second, UserPerMinute: 6, GuildPerMinute: 60,
			AnswerTimeout: 30 * time.Second, ShutdownTimeout: 15 * time.Second,
			MaxQuestion: 500, PreviewTTL: 10 * time.Minute, StreamEditInterval: 1500 * time.Millisecond,
		},
		Documents: Documents{MaxBytes: 10 << 20, FetchTimeout: 20 * time.Second, ExtractTimeout: 20 * time.Second, MaxPerServer: 1000},
		LLM:       LLM{Provider: "none", Timeout: 60 * time.Second, MaxRetries: 2, ContextBudget: 12000, Passages: 8},
		Embedder:  Embedder{Provider: "builtin"},
	}
}

func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "cabot")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "cabot-data"
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "cabot")
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "cabot")
		}
	}
	return filepath.Join(home, ".local", "share", "cabot")
}

// DefaultFile is the configuration file read when none is named.
const DefaultFile = "cabot.toml"

// Validate reports every unusable setting at once, each with what to do.
func (c Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.DataDir) == "" {
		errs = append(errs, errors.New("data_dir is empty: set it, or CABOT_DATA_DIR, or --data-dir"))
	}
	if c.Store.URL != "" {
		if u, err := url.Parse(c.Store.URL); err != nil || !c.Store.Postgres() || (u.Host == "" && u.Query().Get("host") == "") {
			errs = append(errs, fmt.Errorf("store.url %q: use a PostgreSQL URL such as postgres://cabot:PASSWORD@db.example:5432/cabot, or leave it empty for SQLite in data_dir",
				redactURL(c.Store.URL)))
		}
	}
	switch c.LogLevel {
	case "", "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log_level %q: use debug, info, warn or error", c.LogLevel))
	}
	if !(c.Answer.MinRelevance > 0 && c.Answer.MinRelevance <= 1) { // NaN too
		errs = append(errs, fmt.Errorf("answer.min_relevance %v: use a number above 0 and at most 1 (default 0.294)", c.Answer.MinRelevance))
	}
	if c.Answer.MaxSentences < 1 || c.Answer.MaxSentences > 10 {
		errs = append(errs, fmt.Errorf("answer.max_sentences %d: use 1 to 10", c.Answer.MaxSentences))
	}
	if c.Answer.Passages < 1 || c.Answer.Passages > 50 {
		errs = append(errs, fmt.Errorf("answer.passages %d: use 1 to 50", c.Answer.Passages))
	}
	d := c.Discord
	if u, err := url.Parse(d.APIBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("discord.api_base_url %q: use an http(s) URL such as https://discord.com/api/v9", d.APIBaseURL))
	}
	if d.MaxConcurrent < 0 || d.MaxConcurrent > 1000 {
		errs = append(errs, fmt.Errorf("discord.max_concurrent %d: use 1 to 1000, or 0 for automatic", d.MaxConcurrent))
	}
	if d.MaxQueue < 0 || d.MaxQueue > 100000 || d.QueueWait <= 0 {
		errs = append(errs, fmt.Errorf("discord.max_queue (0 to 100000) and discord.queue_wait (a positive duration such as 20s)"))
	}
	if d.UserPerMinute < 0 || d.GuildPerMinute < 0 {
		errs = append(errs, fmt.Errorf("discord.user_questions_per_minute and discord.guild_questions_per_minute: use 0 (no limit) or more"))
	}
	if d.AnswerTimeout <= 0 || d.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("discord.answer_timeout and discord.shutdown_timeout: use a positive duration such as 30s"))
	}
	if err := d.checkShards(); err != nil {
		errs = append(errs, err)
	}
	if d.AnswerStyle != "embed" && d.AnswerStyle != "text" {
		errs = append(errs, fmt.Errorf("discord.answer_style %q: use \"embed\" or \"text\"", d.AnswerStyle))
	}
	if _, err := d.AnswerStyleMap(); err != nil {
		errs = append(errs, err)
	}
	if _, err := idPairs("discord.handoff_channels", "serverID:channelID", d.HandoffChannels); err != nil {
		errs = append(errs, err)
	}
	if _, err := idPairs("discord.handoff_role", "serverID:roleID", d.HandoffRole); err != nil {
		errs = append(errs, err)
	}
	for _, g := range d.Guilds {
		if _, err := strconv.ParseUint(g, 10, 64); err != nil {
			errs = append(errs, fmt.Errorf("discord.guilds: %q is not a server ID (right-click the server with developer mode on, Copy Server ID)", g))
		}
	}
	if c.Documents.MaxBytes < 1024 || c.Documents.MaxBytes > 1<<30 {
		errs = append(errs, fmt.Errorf("documents.max_bytes %d: use 1024 to 1073741824 (default 10485760, 10 MB)", c.Documents.MaxBytes))
	}
	if c.Documents.MaxPerServer < 0 {
		errs = append(errs, fmt.Errorf("documents.max_per_server %d: use 0 (no limit) or more", c.Documents.MaxPerServer))
	}
	if c.Documents.FetchTimeout <= 0 {
		errs = append(errs, fmt.Errorf("documents.fetch_timeout: use a positive duration such as 20s"))
	}
	if c.Documents.ExtractTimeout <= 0 {
		errs = append(errs, fmt.Errorf("documents.extract_timeout: use a positive duration such as 20s"))
	}
	for _, r := range c.Documents.ModeratorRoles {
		if _, err := strconv.ParseUint(r, 10, 64); err != nil {
			errs = append(errs, fmt.Errorf("documents.moderator_roles: %q is not a role ID (with developer mode on, right-click the role, Copy Role ID)", r))
		}
	}
	if _, err := c.Documents.AuditChannelMap(); err != nil {
		errs = append(errs, err)
	}
	l := c.LLM
	switch l.Provider {
	case "none":
	case "ollama", "openai", "anthropic":
		if l.Model == "" {
			errs = append(errs, fmt.Errorf("llm.model is required with llm.provider %s (for example llama3.1 for ollama, gpt-4o-mini for openai)", l.Provider))
		}
		if (l.Provider == "anthropic" || (l.Provider == "openai" && l.BaseURL == "")) && l.APIKey == "" {
			v := map[string]string{"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}[l.Provider]
			errs = append(errs, fmt.Errorf("llm.provider %s needs an API key: set %s (or llm.api_key)", l.Provider, v))
		}
	case "googleai":
		errs = append(errs, fmt.Errorf("llm.provider googleai is no longer built in: reach Gemini through its OpenAI-compatible endpoint "+
			"with llm.provider = \"openai\" and llm.base_url = %q, keeping llm.model, and the key in OPENAI_API_KEY (or llm.api_key)", geminiOpenAIURL))
	default:
		errs = append(errs, fmt.Errorf("llm.provider %q: use none, ollama, openai or anthropic", l.Provider))
	}
	if l.BaseURL != "" {
		if u, err := url.Parse(l.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("llm.base_url %q: use an http(s) URL such as http://127.0.0.1:11434", l.BaseURL))
		}
	}
	if l.Timeout <= 0 || l.MaxRetries < 0 || l.ContextBudget < 1000 {
		errs = append(errs, fmt.Errorf("llm.timeout must be positive (e.g. 60s), llm.max_retries 0 or more, llm.context_budget at least 1000"))
	}
	if l.Passages < 1 || l.Passages > 50 {
		errs = append(errs, fmt.Errorf("llm.passages %d: use 1 to 50 (default 8)", l.Passages))
	}
	if c.Metrics.Listen != "" {
		host, _, err := net.SplitHostPort(c.Metrics.Listen)
		ip := net.ParseIP(host)
		if err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
			errs = append(errs, fmt.Errorf("metrics.listen %q: use a loopback address such as 127.0.0.1:9090 (the listener is never public)", c.Metrics.Listen))
		}
	}
	em := c.Embedder
	switch em.Provider {
	case "builtin":
	case "ollama", "openai":
		if em.Model == "" {
			errs = append(errs, fmt.Errorf("embedder.model is required with embedder.provider %s (for example nomic-embed-text for ollama)", em.Provider))
		}
		if em.Provider == "openai" && em.BaseURL == "" && em.APIKey == "" {
			errs = append(errs, fmt.Errorf("embedder.provider openai needs an API key: set OPENAI_API_KEY (or embedder.api_key)"))
		}
	default:
		errs = append(errs, fmt.Errorf("embedder.provider %q: use builtin, ollama or openai", em.Provider))
	}
	if em.BaseURL != "" {
		if u, err := url.Parse(em.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("embedder.base_url %q: use an http(s) URL", em.BaseURL))
		}
	}
	if em.Dimension < 0 {
		errs = append(errs, fmt.Errorf("embedder.dimension %d: use 0 (any) or the model's vector size", em.Dimension))
	}
	if len(errs) > 0 {
		return fmt.Errorf("config: %w", errors.Join(errs...))
	}
	return nil
}

// checkShards reports an unusable combination of discord.shard_id,
// discord.shard_count and discord.shards.
func (d Discord) checkShards() error {
	switch {
	case d.Shards != "" && d.Shards != "auto":
		return fmt.Errorf("discord.shards %q: use \"auto\" (the number Discord recommends, all in this process) or leave it empty", d.Shards)
	case d.Shards == "auto" && (d.ShardCount != 0 || d.ShardID != 0):
		return fmt.Errorf("discord.shards = \"auto\" runs every shard in this process: leave discord.shard_id and discord.shard_count unset with it")
	case d.ShardCount < 0 || d.ShardCount > 10000:
		return fmt.Errorf("discord.shard_count %d: use 0 (no sharding) to 10000", d.ShardCount)
	case d.ShardCount == 0 && d.ShardID != 0:
		return fmt.Errorf("discord.shard_id %d needs discord.shard_count (the number of shards, more than the ID)", d.ShardID)
	case d.ShardCount > 0 && (d.ShardID < 0 || d.ShardID >= d.ShardCount):
		return fmt.Errorf("discord.shard_id %d: use 0 to %d (discord.shard_count is %d)", d.ShardID, d.ShardCount-1, d.ShardCount)
	}
	return nil
}

// geminiOpenAIURL is Gemini's OpenAI-compatible endpoint.
const geminiOpenAIURL = "https://generativelanguage.googleapis.com/v1beta/openai/"

// ollamaURL turns OLLAMA_HOST ("127.0.0.1:11434", "http://host:port") into
// a URL.
func ollamaURL(host string) string {
	host = strings.TrimSpace(host)
	if host != "" && !strings.Contains(host, "://") {
		host = "http://" + host
	}
	return host
}
