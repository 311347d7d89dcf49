package config

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestFormatRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"defaults", Config{DataDir: "/home/ann/.local/share/cabot", LogLevel: "warn", Answer: Answer{MinRelevance: 0.32, MaxSentences: 3, Passages: 6}}},
		{"zero", Config{}},
		{"awkward strings", Config{
			DataDir:  `C:\Users\Zoë "Z" O'Neil` + "\n\tcabot #1",
			LogLevel: "dé]bug = [x]",
			Answer:   Answer{MinRelevance: 1e-9, MaxSentences: -1, Passages: 50},
		}},
		{"precise float", Config{DataDir: "d", LogLevel: "info", Answer: Answer{MinRelevance: 0.1 + 0.2, MaxSentences: 10, Passages: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Format(tt.cfg)
			if s := tt.cfg.String(); s != out {
				t.Errorf("String() = %q; want Format() = %q", s, out)
			}
			var got Config
			md, err := toml.Decode(out, &got)
			if err != nil {
				t.Fatalf("toml.Decode(Format(%+v)) error: %v\n%s", tt.cfg, err, out)
			}
			if und := md.Undecoded(); len(und) > 0 {
				t.Errorf("toml.Decode(Format(%+v)) left keys %v undecoded\n%s", tt.cfg, und, out)
			}
			if !reflect.DeepEqual(got, tt.cfg) {
				t.Errorf("toml.Decode(Format(%+v)) = %+v; want the original\n%s", tt.cfg, got, out)
			}
		})
	}
}

// The types below stand for a configuration with a secret in a section, as a
// chat bot's token would be.
type testChat struct {
	Token   string `toml:"token" secret:"true"`
	Channel string `toml:"channel"`
}

type testSecretConfig struct {
	DataDir string   `toml:"data_dir"`
	Chat    testChat `toml:"chat"`
}

func TestFormatRedactsSecrets(t *testing.T) {
	const secret = "xoxb-1234-SECRET-abcd"
	tests := []struct {
		name      string
		in        testSecretConfig
		wantToken string
	}{
		{
			name:      "secret set",
			in:        testSecretConfig{DataDir: "/srv/cabot", Chat: testChat{Token: secret, Channel: "general"}},
			wantToken: "<redacted>",
		},
		{
			name:      "secret empty",
			in:        testSecretConfig{DataDir: "/srv/cabot", Chat: testChat{Channel: "general"}},
			wantToken: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := tt.in
			out := Format(tt.in)
			if strings.Contains(out, secret) {
				t.Errorf("Format(%+v) = %q; want no %q in it", orig, out, secret)
			}
			var got testSecretConfig
			if _, err := toml.Decode(out, &got); err != nil {
				t.Fatalf("toml.Decode(Format(%+v)) error: %v\n%s", orig, err, out)
			}
			want := orig
			want.Chat.Token = tt.wantToken
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Format(%+v) decodes to %+v; want %+v\n%s", orig, got, want, out)
			}
			if tt.in != orig {
				t.Errorf("Format changed its argument to %+v; want %+v", tt.in, orig)
			}
		})
	}
}

func TestFormatRedactsSecretsInEveryShape(t *testing.T) {
	type inner struct {
		Token string `toml:"token" secret:"true"`
	}
	type shapes struct {
		Untagged  string `secret:"true"`
		OmitEmpty string `toml:",omitempty" secret:"true"`
		Section   inner
		Pointer   *inner `toml:"pointer"`
	}
	in := shapes{Untagged: "s3cret1", OmitEmpty: "s3cret2", Section: inner{"s3cret3"}, Pointer: &inner{"s3cret4"}}
	for _, v := range []any{in, &in} {
		out := Format(v)
		if strings.Contains(out, "s3cret") {
			t.Errorf("Format(%T) leaks a secret:\n%s", v, out)
		}
		if strings.Count(out, "<redacted>") != 4 {
			t.Errorf("Format(%T) = %s; want 4 redacted values", v, out)
		}
	}
	if in.Pointer.Token != "s3cret4" {
		t.Error("Format changed the value behind a pointer")
	}
}

func TestValidateRefusesNaNRelevance(t *testing.T) {
	c := Default()
	c.Answer.MinRelevance = math.NaN()
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "answer.min_relevance") {
		t.Errorf("Validate() with NaN min_relevance = %v; want an error naming answer.min_relevance", err)
	}
}

func TestFormatRedactsURLPasswords(t *testing.T) {
	cfg := Default()
	cfg.LLM.BaseURL = "http://u:PASS@llm.example:8000/v1"
	cfg.Embedder.BaseURL = "https://bob:hunter2@embed.example/"
	cfg.Discord.APIBaseURL = "https://proxy:pr0xy@discord.example/api/v9"
	out := cfg.String()
	for _, secret := range []string{"PASS", "hunter2", "pr0xy"} {
		if strings.Contains(out, secret) {
			t.Errorf("String() leaks the password %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{`"http://u:xxxxx@llm.example:8000/v1"`, `"https://bob:xxxxx@embed.example/"`, `"https://proxy:xxxxx@discord.example/api/v9"`} {
		if !strings.Contains(out, want) {
			t.Errorf("String() lacks %s:\n%s", want, out)
		}
	}
	if cfg.LLM.BaseURL != "http://u:PASS@llm.example:8000/v1" {
		t.Errorf("String() changed llm.base_url to %q", cfg.LLM.BaseURL)
	}
	// A URL without a password, and other strings, are printed as they are.
	if got := redactURL("http://user@host/"); got != "http://user@host/" {
		t.Errorf("redactURL(%q) = %q; want it unchanged", "http://user@host/", got)
	}
	if got := redactURL("team@example.org"); got != "team@example.org" {
		t.Errorf("redactURL(%q) = %q; want it unchanged", "team@example.org", got)
	}
}

func TestSecrets(t *testing.T) {
	cfg := Default()
	cfg.Discord.Token = "discord-token-1"
	cfg.LLM.APIKey = "sk-llm-2"
	cfg.LLM.BaseURL = "http://u:url-pass-3@host/"
	cfg.Embedder.BaseURL = "http://host:11434"
	got := cfg.Secrets()
	want := []string{"discord-token-1", "url-pass-3", "sk-llm-2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Secrets() = %q; want %q", got, want)
	}
	if got := Default().Secrets(); len(got) != 0 {
		t.Errorf("Default().Secrets() = %q; want none", got)
	}
}
