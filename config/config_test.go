package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// envFrom returns a getenv that looks variables up in m only, so that tests
// do not depend on the real environment.
func envFrom(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// writeFile writes content to name in a fresh temporary directory and
// returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDefault(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_DATA_HOME", xdg)
	got := Default()

	tests := []struct {
		setting   string
		got, want any
	}{
		{"log_level", got.LogLevel, ""},
		{"answer.min_relevance", got.Answer.MinRelevance, 0.294},
		{"answer.max_sentences", got.Answer.MaxSentences, 3},
		{"answer.passages", got.Answer.Passages, 6},
		{"llm.timeout", got.LLM.Timeout, 60 * time.Second},
		{"llm.max_retries", got.LLM.MaxRetries, 2},
		{"llm.context_budget", got.LLM.ContextBudget, 12000},
		{"llm.passages", got.LLM.Passages, 8},
		{"data_dir", got.DataDir, filepath.Join(xdg, "cabot")},
	}
	for _, tt := range tests {
		t.Run(tt.setting, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("Default() %s = %v; want %v", tt.setting, tt.got, tt.want)
			}
		})
	}
}

func TestDefaultDataDirWithoutXDG(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "")
	got := Default().DataDir
	if filepath.Base(got) != "cabot" {
		t.Errorf("Default().DataDir = %q; want a directory named cabot", got)
	}
}

func TestDefaultValidates(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	if err := Default().Validate(); err != nil {
		t.Errorf("Default().Validate() = %v; want nil", err)
	}
}

func TestEnvName(t *testing.T) {
	tests := []struct {
		setting, want string
	}{
		{"answer.min_relevance", "CABOT_ANSWER_MIN_RELEVANCE"},
		{"answer.passages", "CABOT_ANSWER_PASSAGES"},
		{"data_dir", "CABOT_DATA_DIR"},
		{"log_level", "CABOT_LOG_LEVEL"},
		{"store.url", "CABOT_STORE_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.setting, func(t *testing.T) {
			if got := EnvName(tt.setting); got != tt.want {
				t.Errorf("EnvName(%q) = %q; want %q", tt.setting, got, tt.want)
			}
		})
	}
}

const sampleFile = `data_dir = "/srv/cabot"
log_level = "info"

[answer]
min_relevance = 0.5
max_sentences = 5
passages = 10
`

func TestLoadPrecedence(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_DATA_HOME", xdg)
	defaults := Default()
	fromFile := Config{
		Discord: Default().Discord, Documents: Default().Documents, LLM: Default().LLM, Embedder: Default().Embedder,
		DataDir:  "/srv/cabot",
		LogLevel: "info",
		Answer:   Answer{MinRelevance: 0.5, MaxSentences: 5, Passages: 10},
	}

	tests := []struct {
		name string
		file string // "" for no file
		env  map[string]string
		want Config
	}{
		{
			name: "defaults",
			want: defaults,
		},
		{
			name: "file overrides defaults",
			file: sampleFile,
			want: fromFile,
		},
		{
			name: "file sets only some settings",
			file: "[answer]\npassages = 12\n",
			want: Config{
				Discord: Default().Discord, Documents: Default().Documents, LLM: Default().LLM, Embedder: Default().Embedder,
				DataDir:  defaults.DataDir,
				LogLevel: defaults.LogLevel,
				Answer:   Answer{MinRelevance: 0.294, MaxSentences: 3, Passages: 12},
			},
		},
		{
			name: "environment overrides file",
			file: sampleFile,
			env: map[string]string{
				"CABOT_ANSWER_PASSAGES": "20",
				"CABOT_DATA_DIR":        "/var/lib/cabot",
				"CABOT_LOG_LEVEL":       "debug",
			},
			want: Config{
				Discord: Default().Discord, Documents: Default().Documents, LLM: Default().LLM, Embedder: Default().Embedder,
				DataDir:  "/var/lib/cabot",
				LogLevel: "debug",
				Answer:   Answer{MinRelevance: 0.5, MaxSentences: 5, Passages: 20},
			},
		},
		{
			name: "environment overrides defaults without a file",
			env: map[string]string{
				"CABOT_ANSWER_MIN_RELEVANCE": "0.75",
				"CABOT_ANSWER_MAX_SENTENCES": "2",
			},
			want: Config{
				Discord: Default().Discord, Documents: Default().Documents, LLM: Default().LLM, Embedder: Default().Embedder,
				DataDir:  defaults.DataDir,
				LogLevel: defaults.LogLevel,
				Answer:   Answer{MinRelevance: 0.75, MaxSentences: 2, Passages: 6},
			},
		},
		{
			name: "surrounding spaces in variables are ignored",
			file: sampleFile,
			env:  map[string]string{"CABOT_ANSWER_PASSAGES": " 8\n", "CABOT_LOG_LEVEL": " error "},
			want: Config{
				Discord: Default().Discord, Documents: Default().Documents, LLM: Default().LLM, Embedder: Default().Embedder,
				DataDir:  "/srv/cabot",
				LogLevel: "error",
				Answer:   Answer{MinRelevance: 0.5, MaxSentences: 5, Passages: 8},
			},
		},
		{
			name: "unrelated variables are ignored",
			file: sampleFile,
			env:  map[string]string{"CABOT_PASSAGES": "many", "ANSWER_PASSAGES": "1", "cabot_log_level": "debug"},
			want: fromFile,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := ""
			if tt.file != "" {
				path = writeFile(t, "cabot.toml", tt.file)
			}
			got, err := Load(path, true, envFrom(tt.env))
			if err != nil {
				t.Fatalf("Load(%q) error: %v", path, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Load(%q) with env %v = %+v; want %+v", path, tt.env, got, tt.want)
			}
		})
	}
}

func TestLoadMissingOptionalFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), DefaultFile)
	env := map[string]string{"CABOT_LOG_LEVEL": "debug"}
	got, err := Load(path, false, envFrom(env))
	if err != nil {
		t.Fatalf("Load(%q, false) = %v; want no error for a missing optional file", path, err)
	}
	want := Default()
	want.LogLevel = "debug"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load(%q, false) = %+v; want %+v (defaults and environment)", path, got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name     string
		file     string // "" for a file that does not exist
		required bool
		env      map[string]string
		// want are the pieces a person needs to fix the problem; "<path>"
		// stands for the file's path.
		want []string
	}{
		{
			name:     "missing required file",
			required: true,
			want:     []string{"<path>"},
		},
		{
			name: "unknown key in section",
			file: "[answer]\npassage = 3\n",
			want: []string{"<path>", "answer.passage"},
		},
		{
			name: "unknown top-level key",
			file: "colour = \"red\"\n",
			want: []string{"<path>", "colour"},
		},
		{
			name: "syntax error",
			file: "[answer\npassages = 3\n",
			want: []string{"<path>", "line 2"},
		},
		{
			name: "wrong type",
			file: "[answer]\npassages = \"six\"\n",
			want: []string{"<path>", "answer.passages"},
		},
		{
			name: "bad whole number in environment",
			file: sampleFile,
			env:  map[string]string{"CABOT_ANSWER_PASSAGES": "many"},
			want: []string{"CABOT_ANSWER_PASSAGES", "many"},
		},
		{
			name: "bad number in environment",
			file: sampleFile,
			env:  map[string]string{"CABOT_ANSWER_MIN_RELEVANCE": "high"},
			want: []string{"CABOT_ANSWER_MIN_RELEVANCE", "high"},
		},
		{
			name: "fraction for a whole number in environment",
			env:  map[string]string{"CABOT_ANSWER_MAX_SENTENCES": "2.5"},
			want: []string{"CABOT_ANSWER_MAX_SENTENCES", "2.5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var path string
			if tt.file == "" {
				path = filepath.Join(t.TempDir(), "missing.toml")
			} else {
				path = writeFile(t, "cabot.toml", tt.file)
			}
			got, err := Load(path, tt.required, envFrom(tt.env))
			if err == nil {
				t.Fatalf("Load(%q) = %+v, nil; want an error", path, got)
			}
			if !reflect.DeepEqual(got, Config{}) {
				t.Errorf("Load(%q) = %+v, %v; want the zero Config with an error", path, got, err)
			}
			for _, w := range tt.want {
				if w == "<path>" {
					w = path
				}
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load(%q) error = %q; want it to mention %q", path, err, w)
				}
			}
		})
	}
}

func TestValidate(t *testing.T) {
	valid := Config{
		Discord: Default().Discord, Documents: Default().Documents, LLM: Default().LLM, Embedder: Default().Embedder,
		DataDir:  "/srv/cabot",
		LogLevel: "warn",
		Answer:   Answer{MinRelevance: 0.32, MaxSentences: 3, Passages: 6},
	}

	bad := []struct {
		name    string
		change  func(*Config)
		setting string
	}{
		{"empty data_dir", func(c *Config) { c.DataDir = "" }, "data_dir"},
		{"blank data_dir", func(c *Config) { c.DataDir = "  " }, "data_dir"},
		{"loud log level", func(c *Config) { c.LogLevel = "loud" }, "log_level"},
		{"store url of another database", func(c *Config) { c.Store.URL = "mysql://cabot@db/cabot" }, "store.url"},
		{"store url without host", func(c *Config) { c.Store.URL = "postgres:///cabot" }, "store.url"},
		{"store url not a url", func(c *Config) { c.Store.URL = "/srv/cabot/cabot.db" }, "store.url"},
		{"min_relevance 0", func(c *Config) { c.Answer.MinRelevance = 0 }, "answer.min_relevance"},
		{"min_relevance negative", func(c *Config) { c.Answer.MinRelevance = -0.1 }, "answer.min_relevance"},
		{"min_relevance 1.5", func(c *Config) { c.Answer.MinRelevance = 1.5 }, "answer.min_relevance"},
		{"max_sentences 0", func(c *Config) { c.Answer.MaxSentences = 0 }, "answer.max_sentences"},
		{"max_sentences 11", func(c *Config) { c.Answer.MaxSentences = 11 }, "answer.max_sentences"},
		{"passages 0", func(c *Config) { c.Answer.Passages = 0 }, "answer.passages"},
		{"passages 51", func(c *Config) { c.Answer.Passages = 51 }, "answer.passages"},
		{"llm timeout 0", func(c *Config) { c.LLM.Timeout = 0 }, "llm.timeout"},
		{"llm max_retries negative", func(c *Config) { c.LLM.MaxRetries = -1 }, "llm.max_retries"},
		{"llm context_budget 999", func(c *Config) { c.LLM.ContextBudget = 999 }, "llm.context_budget"},
		{"llm passages 0", func(c *Config) { c.LLM.Passages = 0 }, "llm.passages"},
		{"llm passages 51", func(c *Config) { c.LLM.Passages = 51 }, "llm.passages"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			c := valid
			tt.change(&c)
			err := c.Validate()
			if err == nil {
				t.Fatalf("Validate() of %+v = nil; want an error mentioning %s", c, tt.setting)
			}
			if !strings.Contains(err.Error(), tt.setting) {
				t.Errorf("Validate() of %+v = %q; want it to mention %s", c, err, tt.setting)
			}
		})
	}

	good := []struct {
		name   string
		change func(*Config)
	}{
		{"unchanged", func(*Config) {}},
		{"log level debug", func(c *Config) { c.LogLevel = "debug" }},
		{"log level info", func(c *Config) { c.LogLevel = "info" }},
		{"log level error", func(c *Config) { c.LogLevel = "error" }},
		{"min_relevance 1", func(c *Config) { c.Answer.MinRelevance = 1 }},
		{"min_relevance small", func(c *Config) { c.Answer.MinRelevance = 0.001 }},
		{"max_sentences 1", func(c *Config) { c.Answer.MaxSentences = 1 }},
		{"max_sentences 10", func(c *Config) { c.Answer.MaxSentences = 10 }},
		{"passages 1", func(c *Config) { c.Answer.Passages = 1 }},
		{"passages 50", func(c *Config) { c.Answer.Passages = 50 }},
		{"llm max_retries 0", func(c *Config) { c.LLM.MaxRetries = 0 }},
		{"llm passages 1", func(c *Config) { c.LLM.Passages = 1 }},
		{"llm passages 50", func(c *Config) { c.LLM.Passages = 50 }},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			c := valid
			tt.change(&c)
			if err := c.Validate(); err != nil {
				t.Errorf("Validate() of %+v = %v; want nil", c, err)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	c := Config{
		Discord: Default().Discord, Documents: Default().Documents, LLM: Default().LLM, Embedder: Default().Embedder,
		DataDir:  "",
		LogLevel: "loud",
		Answer:   Answer{MinRelevance: 1.5, MaxSentences: 11, Passages: 51},
	}
	err := c.Validate()
	if err == nil {
		t.Fatalf("Validate() of %+v = nil; want an error", c)
	}
	for _, setting := range []string{"data_dir", "log_level", "answer.min_relevance", "answer.max_sentences", "answer.passages"} {
		if !strings.Contains(err.Error(), setting) {
			t.Errorf("Validate() of %+v = %q; want it to mention %s", c, err, setting)
		}
	}
}

func TestDiscordTokenFromEitherVariableAndRedacted(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"CABOT_DISCORD_TOKEN": "tok-cabot"}, "tok-cabot"},
		{map[string]string{"DISCORD_TOKEN": "tok-plain"}, "tok-plain"},
		{map[string]string{"CABOT_DISCORD_TOKEN": "tok-cabot", "DISCORD_TOKEN": "tok-plain"}, "tok-cabot"},
		{nil, ""},
	}
	for _, tt := range tests {
		cfg, err := Load("", false, envFrom(tt.env))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Discord.Token != tt.want {
			t.Errorf("Load with env %v: token = %q; want %q", tt.env, cfg.Discord.Token, tt.want)
		}
		if tt.want != "" && (strings.Contains(cfg.String(), tt.want) || !strings.Contains(cfg.String(), "<redacted>")) {
			t.Errorf("String() shows the token:\n%s", cfg.String())
		}
	}
}

func TestValidateDiscordSettings(t *testing.T) {
	bad := map[string]func(*Config){
		"discord.api_base_url":              func(c *Config) { c.Discord.APIBaseURL = "discord.com" },
		"discord.max_concurrent":            func(c *Config) { c.Discord.MaxConcurrent = -1 },
		"discord.answer_timeout":            func(c *Config) { c.Discord.AnswerTimeout = 0 },
		"discord.guilds":                    func(c *Config) { c.Discord.Guilds = []string{"my server"} },
		"discord.user_questions_per_minute": func(c *Config) { c.Discord.UserPerMinute = -1 },
	}
	for setting, change := range bad {
		c := Default()
		change(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), setting) {
			t.Errorf("Validate() after changing %s = %v; want an error naming it", setting, err)
		}
	}
	c := Default()
	c.Discord.Guilds = []string{"123456789012345678"}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() with a guild ID = %v; want nil", err)
	}
}

func TestLLMSettings(t *testing.T) {
	tests := []struct {
		env  map[string]string
		ok   bool
		want string // in the error, or in the effective key/model
	}{
		{map[string]string{"CABOT_LLM_PROVIDER": "ollama", "CABOT_LLM_MODEL": "llama3.1"}, true, ""},
		{map[string]string{"CABOT_LLM_PROVIDER": "ollama"}, false, "llm.model"},
		{map[string]string{"CABOT_LLM_PROVIDER": "openai", "CABOT_LLM_MODEL": "gpt-4o-mini"}, false, "OPENAI_API_KEY"},
		{map[string]string{"CABOT_LLM_PROVIDER": "openai", "CABOT_LLM_MODEL": "gpt-4o-mini", "OPENAI_API_KEY": "sk-test"}, true, ""},
		{map[string]string{"CABOT_LLM_PROVIDER": "openai", "CABOT_LLM_MODEL": "m", "CABOT_LLM_BASE_URL": "http://127.0.0.1:8000/v1"}, true, ""},
		{map[string]string{"CABOT_LLM_PROVIDER": "anthropic", "CABOT_LLM_MODEL": "claude"}, false, "ANTHROPIC_API_KEY"},
		{map[string]string{"CABOT_LLM_PROVIDER": "gpt"}, false, "llm.provider"},
		{map[string]string{"CABOT_LLM_PROVIDER": "ollama", "CABOT_LLM_MODEL": "m", "CABOT_LLM_BASE_URL": "localhost:11434"}, false, "llm.base_url"},
		{map[string]string{"CABOT_EMBEDDER_PROVIDER": "ollama"}, false, "embedder.model"},
		{map[string]string{"CABOT_EMBEDDER_PROVIDER": "word2vec"}, false, "embedder.provider"},
	}
	for _, tt := range tests {
		cfg, err := Load("", false, envFrom(tt.env))
		if err == nil {
			err = cfg.Validate()
		}
		if tt.ok != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("env %v: Validate() = %v; want ok=%v mentioning %q", tt.env, err, tt.ok, tt.want)
		}
		if tt.ok && strings.Contains(cfg.String(), "sk-test") {
			t.Errorf("the API key is printed:\n%s", cfg.String())
		}
	}
	cfg, _ := Load("", false, envFrom(map[string]string{"CABOT_LLM_PROVIDER": "ollama", "OLLAMA_HOST": "10.1.1.1:11434"}))
	if cfg.LLM.BaseURL != "http://10.1.1.1:11434" {
		t.Errorf("OLLAMA_HOST gave base URL %q", cfg.LLM.BaseURL)
	}
}

// googleai is no longer built in: the refusal says how to reach Gemini
// through the openai provider instead, whether the setting came from the
// file or the environment, and the configuration it suggests is valid.
func TestGoogleAIRefusedWithTheOpenAIRoute(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	file := writeFile(t, "cabot.toml", "[llm]\nprovider = \"googleai\"\nmodel = \"gemini-2.0-flash\"\n")
	tests := []struct {
		name     string
		path     string
		env      map[string]string
		unmapped string // a key that must not become llm.api_key
	}{
		{"file", file, nil, ""},
		{"environment", "", map[string]string{"CABOT_LLM_PROVIDER": "googleai", "CABOT_LLM_MODEL": "gemini-2.0-flash", "GOOGLE_API_KEY": "g-secret"}, "g-secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(tt.path, tt.path != "", envFrom(tt.env))
			if err != nil {
				t.Fatalf("Load = %v", err)
			}
			if tt.unmapped != "" && cfg.LLM.APIKey == tt.unmapped {
				t.Errorf("llm.api_key = %q from GOOGLE_API_KEY; want it left empty", cfg.LLM.APIKey)
			}
			err = cfg.Validate()
			if err == nil {
				t.Fatalf("Validate() with llm.provider googleai = nil; want a refusal")
			}
			for _, want := range []string{`llm.provider = "openai"`, `llm.base_url = "https://generativelanguage.googleapis.com/v1beta/openai/"`,
				"OPENAI_API_KEY", "llm.api_key"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Validate() = %q; want it to mention %s", err, want)
				}
			}
		})
	}

	cfg, err := Load("", false, envFrom(map[string]string{"CABOT_LLM_PROVIDER": "openai", "CABOT_LLM_MODEL": "gemini-2.0-flash",
		"CABOT_LLM_BASE_URL": "https://generativelanguage.googleapis.com/v1beta/openai/", "OPENAI_API_KEY": "g-secret"}))
	if err == nil {
		err = cfg.Validate()
	}
	if err != nil || cfg.LLM.APIKey != "g-secret" {
		t.Errorf("Gemini through openai: Validate() = %v, api key %q; want it valid with the key from OPENAI_API_KEY", err, cfg.LLM.APIKey)
	}

	cfg.LLM.Provider = "gpt"
	if err := cfg.Validate(); err == nil || strings.Contains(err.Error(), "googleai") {
		t.Errorf("Validate() with an unknown provider = %v; want the valid providers, without googleai", err)
	}
}

func TestDurationWithoutUnitRefused(t *testing.T) {
	tests := []struct {
		name string
		file string
		env  map[string]string
		want string
	}{
		{"integer in file", "[llm]\ntimeout = 5\n", nil, "llm.timeout: 5 has no unit; write 5s"},
		{"zero in file", "[documents]\nfetch_timeout = 0\n", nil, "documents.fetch_timeout: 0 has no unit; write 0s"},
		{"integer in environment", "", map[string]string{"CABOT_DISCORD_ANSWER_TIMEOUT": "30"}, "discord.answer_timeout: 30 has no unit; write 30s"},
		{"float in environment", "", map[string]string{"CABOT_LLM_TIMEOUT": " 2.5 "}, "llm.timeout: 2.5 has no unit; write 2.5s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "cabot.toml", tt.file)
			got, err := Load(path, true, envFrom(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load(%q) = %v, %v; want an error containing %q", tt.file, got.LLM.Timeout, err, tt.want)
			}
		})
	}
	// With a unit, both are read.
	path := writeFile(t, "cabot.toml", "[llm]\ntimeout = \"5s\"\n")
	got, err := Load(path, true, envFrom(map[string]string{"CABOT_DISCORD_ANSWER_TIMEOUT": "30s"}))
	if err != nil || got.LLM.Timeout != 5*time.Second || got.Discord.AnswerTimeout != 30*time.Second {
		t.Errorf("Load with units = %v, %v, %v; want 5s, 30s, nil", got.LLM.Timeout, got.Discord.AnswerTimeout, err)
	}
}

func TestUnknownEnvWarned(t *testing.T) {
	environ := []string{
		"CABOT_LLM_MODLE=llama3.1",
		"CABOT_LLM_MODEL=llama3.1",
		"CABOT_DISCORD_TOKN=x",
		"CABOT_CONFIG=/etc/cabot.toml",
		"CABOT_SOMETHING_ELSE_ENTIRELY=1",
		"PATH=/usr/bin",
		"cabot_llm_modle=lower case is not ours",
	}
	var got []string
	_, err := Load("", false, envFrom(nil), WarnUnknownEnv(environ, func(s string) { got = append(got, s) }))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"warning: CABOT_LLM_MODLE is not a setting (did you mean CABOT_LLM_MODEL?)",
		"warning: CABOT_DISCORD_TOKN is not a setting (did you mean CABOT_DISCORD_TOKEN?)",
		"warning: CABOT_SOMETHING_ELSE_ENTIRELY is not a setting",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load warned %q; want %q", got, want)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"kitten", "sitting", 3}, {"MODLE", "MODEL", 2}, {"same", "same", 0},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDiscordAnswerStyleAndHandoffSettings(t *testing.T) {
	const server, other, channel, role = "300000000000000001", "300000000000000002", "400000000000000001", "500000000000000001"
	path := filepath.Join(t.TempDir(), "cabot.toml")
	file := `[discord]
answer_style = "text"
server_answer_styles = ["` + other + `:embed"]
handoff_channels = ["` + server + `:` + channel + `"]
handoff_role = ["` + server + `:` + role + `"]
`
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, true, func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate() error: %v", err)
	}
	styles, err := c.Discord.AnswerStyleMap()
	channels, roles, herr := c.Discord.HandoffMaps()
	if c.Discord.AnswerStyle != "text" || err != nil || styles[other] != "embed" || herr != nil || channels[server] != channel || roles[server] != role {
		t.Errorf("from the file: style %q, per server %v (%v), hand-off channels %v roles %v (%v); want text, %s embed, %s → %s and %s",
			c.Discord.AnswerStyle, styles, err, channels, roles, herr, other, server, channel, role)
	}
	// The environment overrides the file, lists comma-separated.
	env := map[string]string{"CABOT_DISCORD_ANSWER_STYLE": "embed", "CABOT_DISCORD_HANDOFF_CHANNELS": server + ":" + channel + "," + other + ":" + channel}
	c, err = Load(path, true, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatalf("Load() with the environment error: %v", err)
	}
	if channels, _, _ := c.Discord.HandoffMaps(); c.Discord.AnswerStyle != "embed" || len(channels) != 2 {
		t.Errorf("from the environment: style %q, hand-off channels %v; want embed and two servers", c.Discord.AnswerStyle, channels)
	}
	if d := Default().Discord; d.AnswerStyle != "embed" || len(d.HandoffChannels) != 0 || len(d.HandoffRole) != 0 {
		t.Errorf("defaults: style %q, hand-off %v %v; want embed and no hand-off", d.AnswerStyle, d.HandoffChannels, d.HandoffRole)
	}

	bad := map[string]func(*Config){
		"discord.answer_style":         func(c *Config) { c.Discord.AnswerStyle = "markdown" },
		"discord.server_answer_styles": func(c *Config) { c.Discord.ServerAnswerStyles = []string{server + ":fancy"} },
		"discord.handoff_channels":     func(c *Config) { c.Discord.HandoffChannels = []string{"#moderators"} },
		"discord.handoff_role":         func(c *Config) { c.Discord.HandoffRole = []string{server + ":@mods"} },
	}
	for setting, change := range bad {
		c := Default()
		change(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), setting) {
			t.Errorf("Validate() after changing %s = %v; want an error naming it", setting, err)
		}
	}
}

func TestDiscordShardSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cabot.toml")
	if err := os.WriteFile(path, []byte("[discord]\nshard_id = 1\nshard_count = 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path, true, func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	if err := c.Validate(); err != nil || c.Discord.ShardID != 1 || c.Discord.ShardCount != 2 {
		t.Errorf("from the file: shard %d of %d (%v); want 1 of 2", c.Discord.ShardID, c.Discord.ShardCount, err)
	}
	env := map[string]string{"CABOT_DISCORD_SHARD_ID": "0", "CABOT_DISCORD_SHARD_COUNT": "3"}
	c, err = Load(path, true, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatalf("Load() with the environment error: %v", err)
	}
	if err := c.Validate(); err != nil || c.Discord.ShardID != 0 || c.Discord.ShardCount != 3 {
		t.Errorf("from the environment: shard %d of %d (%v); want 0 of 3", c.Discord.ShardID, c.Discord.ShardCount, err)
	}
	c, err = Load("", false, func(k string) (string, bool) {
		return map[string]string{"CABOT_DISCORD_SHARDS": "auto"}[k], k == "CABOT_DISCORD_SHARDS"
	})
	if err != nil || c.Validate() != nil || c.Discord.Shards != "auto" {
		t.Errorf("CABOT_DISCORD_SHARDS=auto: %q (%v, %v); want auto, valid", c.Discord.Shards, err, c.Validate())
	}
	if d := Default().Discord; d.ShardID != 0 || d.ShardCount != 0 || d.Shards != "" {
		t.Errorf("defaults: shard %d of %d, shards %q; want no sharding", d.ShardID, d.ShardCount, d.Shards)
	}

	bad := map[string]func(*Config){
		"discord.shard_id 2: use 0 to 1": func(c *Config) { c.Discord.ShardID, c.Discord.ShardCount = 2, 2 },
		"discord.shard_id -1":            func(c *Config) { c.Discord.ShardID, c.Discord.ShardCount = -1, 2 },
		"discord.shard_id 1 needs":       func(c *Config) { c.Discord.ShardID = 1 },
		"discord.shard_count -2":         func(c *Config) { c.Discord.ShardCount = -2 },
		`discord.shards "many"`:          func(c *Config) { c.Discord.Shards = "many" },
		`discord.shards = "auto" runs`:   func(c *Config) { c.Discord.Shards, c.Discord.ShardCount = "auto", 2 },
	}
	for want, change := range bad {
		c := Default()
		change(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v; want an error with %q", err, want)
		}
	}
}
