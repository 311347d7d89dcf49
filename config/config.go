// Package config loads cabot's configuration: defaults, then a TOML file,
// then CABOT_* environment variables, then command-line flags (applied by the
// caller). A setting section.name is `name` under `[section]` in the file and
// CABOT_SECTION_NAME in the environment; top-level settings have no section.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
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

// Option changes how Load works.
type Option func(*loadOptions)

type loadOptions struct {
	environ []string
	warn    func(string)
}

// WarnUnknownEnv makes Load call warn for every CABOT_* variable of environ
// ("KEY=value" strings, as os.Environ returns them) that is not a setting,
// naming the nearest setting when one is close: a misspelt variable is
// otherwise ignored without a word.
func WarnUnknownEnv(environ []string, warn func(string)) Option {
	return func(o *loadOptions) { o.environ, o.warn = environ, warn }
}

// otherVars are the CABOT_* variables that are not settings.
var otherVars = []string{"CABOT_CONFIG"}

// Load returns the defaults overridden by the file at path and then by the
// environment (looked up through getenv). With required false, a missing file
// is not an error (that is how the default cabot.toml is read).
func Load(path string, required bool, getenv func(string) (string, bool), opts ...Option) (Config, error) {
	var o loadOptions
	for _, opt := range opts {
		opt(&o)
	}
	if o.warn != nil {
		for _, w := range unknownEnv(o.environ) {
			o.warn(w)
		}
	}
	cfg := Default()
	if path != "" {
		data, err := os.ReadFile(path)
		switch {
		case errors.Is(err, os.ErrNotExist) && !required:
		case err != nil:
			return Config{}, fmt.Errorf("config: read %s: %w", path, err)
		default:
			md, err := toml.Decode(string(data), &cfg)
			if err != nil {
				return Config{}, fmt.Errorf("config: %s: %w", path, err)
			}
			if und := md.Undecoded(); len(und) > 0 {
				return Config{}, fmt.Errorf("config: %s: unknown setting %q", path, und[0].String())
			}
			if err := checkDurationUnits(&cfg, md, data); err != nil {
				return Config{}, fmt.Errorf("config: %s: %w", path, err)
			}
		}
	}
	if err := applyEnv(&cfg, getenv); err != nil {
		return Config{}, err
	}
	if cfg.Discord.Token == "" {
		if v, ok := getenv("DISCORD_TOKEN"); ok {
			cfg.Discord.Token = strings.TrimSpace(v)
		}
	}
	// Each provider's usual variables, when the settings leave them empty.
	keyVar := map[string]string{"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}
	if v, ok := getenv(keyVar[cfg.LLM.Provider]); ok && cfg.LLM.APIKey == "" && keyVar[cfg.LLM.Provider] != "" {
		cfg.LLM.APIKey = strings.TrimSpace(v)
	}
	if v, ok := getenv(keyVar[cfg.Embedder.Provider]); ok && cfg.Embedder.APIKey == "" && keyVar[cfg.Embedder.Provider] != "" {
		cfg.Embedder.APIKey = strings.TrimSpace(v)
	}
	if cfg.LLM.Provider == "openai" {
		if v, ok := getenv("OPENAI_BASE_URL"); ok && cfg.LLM.BaseURL == "" {
			cfg.LLM.BaseURL = strings.TrimSpace(v)
		}
		if v, ok := getenv("OPENAI_MODEL"); ok && cfg.LLM.Model == "" {
			cfg.LLM.Model = strings.TrimSpace(v)
		}
	}
	if cfg.LLM.Provider == "ollama" && cfg.LLM.BaseURL == "" {
		if v, ok := getenv("OLLAMA_HOST"); ok {
			cfg.LLM.BaseURL = ollamaURL(v)
		}
	}
	return cfg, nil
}

// unknownEnv returns a warning for every CABOT_* variable of environ that is
// not a setting.
func unknownEnv(environ []string) []string {
	known := append([]string(nil), otherVars...)
	cfg := Default()
	_ = walk(reflect.ValueOf(&cfg).Elem(), "", func(name string, _ reflect.Value, _ reflect.StructField) error {
		known = append(known, EnvName(name))
		return nil
	})
	var warnings []string
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(k, "CABOT_") || slices.Contains(known, k) {
			continue
		}
		best, bestD := "", -1
		for _, n := range known {
			if d := editDistance(k, n); bestD < 0 || d < bestD {
				best, bestD = n, d
			}
		}
		msg := fmt.Sprintf("warning: %s is not a setting", k)
		if bestD <= 1+len(strings.TrimPrefix(k, "CABOT_"))/4 {
			msg += fmt.Sprintf(" (did you mean %s?)", best)
		}
		warnings = append(warnings, msg)
	}
	return warnings
}

// editDistance is the Levenshtein distance between a and b, in bytes (the
// names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// EnvName returns the environment variable of a setting such as "answer.passages".
func EnvName(setting string) string {
	return "CABOT_" + strings.ToUpper(strings.ReplaceAll(setting, ".", "_"))
}

// applyEnv sets every field whose CABOT_* variable is set.
func applyEnv(cfg *Config, getenv func(string) (string, bool)) error {
	return walk(reflect.ValueOf(cfg).Elem(), "", func(name string, f reflect.Value, _ reflect.StructField) error {
		v, ok := getenv(EnvName(name))
		if !ok {
			return nil
		}
		if f.Type() == durationType && isBareNumber(v) {
			return fmt.Errorf("config: %s=%q: %w", EnvName(name), v, noUnit(name, strings.TrimSpace(v)))
		}
		if err := setString(f, v); err != nil {
			return fmt.Errorf("config: %s=%q: %w", EnvName(name), v, err)
		}
		return nil
	})
}

var durationType = reflect.TypeOf(time.Duration(0))

// checkDurationUnits refuses a duration written in the file as a bare number:
// the TOML decoder would read `timeout = 5` as 5 nanoseconds.
func checkDurationUnits(cfg *Config, md toml.MetaData, data []byte) error {
	return walk(reflect.ValueOf(cfg).Elem(), "", func(name string, f reflect.Value, _ reflect.StructField) error {
		key := strings.Split(name, ".")
		if f.Type() != durationType || !md.IsDefined(key...) {
			return nil
		}
		if md.Type(key...) != "Integer" {
			return nil
		}
		var raw map[string]any
		if _, err := toml.Decode(string(data), &raw); err != nil {
			return err
		}
		var v any = raw
		for _, k := range key {
			m, _ := v.(map[string]any)
			v = m[k]
		}
		return noUnit(name, fmt.Sprint(v))
	})
}

// isBareNumber reports whether s is a number without a unit ("30", "1.5").
func isBareNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

func noUnit(name, v string) error {
	return fmt.Errorf("%s: %s has no unit; write %ss", name, v, v)
}

// walk calls fn for every leaf setting with its dotted name.
func walk(v reflect.Value, prefix string, fn func(string, reflect.Value, reflect.StructField) error) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := strings.Split(sf.Tag.Get("toml"), ",")[0]
		if tag == "" || tag == "-" || !sf.IsExported() {
			continue
		}
		name := tag
		if prefix != "" {
			name = prefix + "." + tag
		}
		f := v.Field(i)
		if f.Kind() == reflect.Struct && f.Type() != reflect.TypeOf(time.Time{}) {
			if err := walk(f, name, fn); err != nil {
				return err
			}
			continue
		}
		if err := fn(name, f, sf); err != nil {
			return err
		}
	}
	return nil
}

func setString(f reflect.Value, s string) error {
	s = strings.TrimSpace(s)
	if f.Type() == durationType {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("want a duration such as 30s or 2m")
		}
		f.SetInt(int64(d))
		return nil
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(s)
	case reflect.Int, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("want a whole number")
		}
		f.SetInt(n)
	case reflect.Float64:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("want a number")
		}
		f.SetFloat(x)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		f.SetBool(b)
	case reflect.Slice:
		var items []string
		for _, it := range strings.Split(s, ",") {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, it)
			}
		}
		f.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("unsupported setting type %s", f.Type())
	}
	return nil
}

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

// HandoffMaps returns discord.handoff_channels and discord.handoff_role as
// server ID → channel ID and server ID → role ID.
func (d Discord) HandoffMaps() (channels, roles map[string]string, err error) {
	if channels, err = idPairs("discord.handoff_channels", "serverID:channelID", d.HandoffChannels); err != nil {
		return nil, nil, err
	}
	if roles, err = idPairs("discord.handoff_role", "serverID:roleID", d.HandoffRole); err != nil {
		return nil, nil, err
	}
	return channels, roles, nil
}

// idPairs parses "ID:ID" pairs of Discord IDs into a map.
func idPairs(key, form string, pairs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range pairs {
		a, b, ok := strings.Cut(pair, ":")
		_, errA := strconv.ParseUint(a, 10, 64)
		_, errB := strconv.ParseUint(b, 10, 64)
		if !ok || errA != nil || errB != nil {
			return nil, fmt.Errorf("%s: %q is not \"%s\"", key, pair, form)
		}
		out[a] = b
	}
	return out, nil
}

// AnswerStyleMap returns discord.server_answer_styles as server ID → style
// ("embed" or "text").
func (d Discord) AnswerStyleMap() (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range d.ServerAnswerStyles {
		g, st, ok := strings.Cut(pair, ":")
		_, errG := strconv.ParseUint(g, 10, 64)
		if !ok || errG != nil || (st != "embed" && st != "text") {
			return nil, fmt.Errorf("discord.server_answer_styles: %q is not \"serverID:embed\" or \"serverID:text\"", pair)
		}
		out[g] = st
	}
	return out, nil
}

// AuditChannelMap returns documents.audit_channels as server ID → channel ID.
func (d Documents) AuditChannelMap() (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range d.AuditChannels {
		g, c, ok := strings.Cut(pair, ":")
		_, errG := strconv.ParseUint(g, 10, 64)
		_, errC := strconv.ParseUint(c, 10, 64)
		if !ok || errG != nil || errC != nil {
			return nil, fmt.Errorf("documents.audit_channels: %q is not \"serverID:channelID\"", pair)
		}
		out[g] = c
	}
	return out, nil
}

// Secrets returns the configured secrets that are set: the tokens and keys
// (fields tagged secret) and the passwords of URL settings, for scrubbing
// them from logs and error messages.
func (c Config) Secrets() []string {
	var out []string
	_ = walk(reflect.ValueOf(&c).Elem(), "", func(_ string, f reflect.Value, sf reflect.StructField) error {
		if f.Kind() != reflect.String || f.String() == "" {
			return nil
		}
		if sf.Tag.Get("secret") == "true" {
			out = append(out, f.String())
		} else if u, err := url.Parse(f.String()); err == nil && u.User != nil {
			if p, ok := u.User.Password(); ok && p != "" {
				out = append(out, p)
			}
		}
		return nil
	})
	return out
}

// String returns the configuration as TOML, with every secret redacted.
func (c Config) String() string {
	return Format(c)
}

// Format encodes a configuration struct (or a pointer to one) as TOML,
// printing each non-empty string field tagged `secret:"true"` as
// "<redacted>", and the password of any URL in a string field as xxxxx,
// wherever they are: in sections, embedded structs or behind pointers. The
// value passed in is not changed.
func Format(v any) string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return fmt.Sprintf("# cannot encode configuration of type %T\n", v)
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(redacted(rv).Interface()); err != nil {
		return fmt.Sprintf("# cannot encode configuration: %v\n", err)
	}
	return b.String()
}

// redactURL hides the password of a URL with userinfo
// (http://user:xxxxx@host); any other value is returned as it is.
func redactURL(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); !ok {
		return s
	}
	return u.Redacted()
}

// redacted returns a deep copy of the struct v with its secrets replaced.
func redacted(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	out.Set(v)
	for i := 0; i < v.NumField(); i++ {
		sf := v.Type().Field(i)
		if !sf.IsExported() && !sf.Anonymous {
			continue
		}
		f := out.Field(i)
		if !f.CanSet() {
			continue
		}
		switch {
		case sf.Tag.Get("secret") == "true" && f.Kind() == reflect.String:
			if f.String() != "" {
				f.SetString("<redacted>")
			}
		case f.Kind() == reflect.String:
			f.SetString(redactURL(f.String()))
		case f.Kind() == reflect.Struct:
			f.Set(redacted(f))
		case f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Struct:
			p := reflect.New(f.Elem().Type())
			p.Elem().Set(redacted(f.Elem()))
			f.Set(p)
		}
	}
	return out
}
