package bot

import (
	"strings"
	"testing"
	"time"
)

// TestNewRefusesUnusableConfig checks that New fills in nothing: each
// unusable field is refused with an error that names it.
func TestNewRefusesUnusableConfig(t *testing.T) {
	deps := Deps{Knowledge: struct{ Knowledge }{}, Records: struct{ Records }{}, Library: struct{ Library }{}, Fetcher: struct{ Fetcher }{}}
	valid := Config{
		Token: "t", APIBaseURL: "https://discord.com/api/v9",
		MaxConcurrent: 1, QueueWait: time.Second, AnswerTimeout: time.Second, ShutdownTimeout: time.Second,
		AnswerMode: "extractive", MaxQuestion: 500, MaxDocumentBytes: 1024,
		PreviewTTL: time.Minute, StreamEditInterval: time.Second,
	}
	if _, err := New(valid, deps, nil); err != nil {
		t.Fatalf("New(%+v) = %v; want a bot", valid, err)
	}
	tests := map[string]func(*Config){
		"APIBaseURL":            func(c *Config) { c.APIBaseURL = "" },
		"MaxConcurrent":         func(c *Config) { c.MaxConcurrent = 0 },
		"MaxQueue":              func(c *Config) { c.MaxQueue = -1 },
		"QueueWait":             func(c *Config) { c.QueueWait = 0 },
		"UserPerMinute":         func(c *Config) { c.UserPerMinute = -1 },
		"GuildPerMinute":        func(c *Config) { c.GuildPerMinute = -1 },
		"AnswerTimeout":         func(c *Config) { c.AnswerTimeout = 0 },
		"ShutdownTimeout":       func(c *Config) { c.ShutdownTimeout = -time.Second },
		"AnswerMode":            func(c *Config) { c.AnswerMode = "" },
		"MaxQuestion":           func(c *Config) { c.MaxQuestion = 0 },
		"MaxDocumentBytes":      func(c *Config) { c.MaxDocumentBytes = 0 },
		"MaxDocumentsPerServer": func(c *Config) { c.MaxDocumentsPerServer = -1 },
		"PreviewTTL":            func(c *Config) { c.PreviewTTL = 0 },
		"StreamEditInterval":    func(c *Config) { c.StreamEditInterval = 999 * time.Millisecond },
		"AnswerStyle":           func(c *Config) { c.AnswerStyle = "markdown" },
		"AnswerStyles[1]":       func(c *Config) { c.AnswerStyles = map[string]string{"1": "Text"} },
	}
	for field, breakIt := range tests {
		cfg := valid
		breakIt(&cfg)
		_, err := New(cfg, deps, nil)
		if err == nil || !strings.Contains(err.Error(), "Config."+field+" ") {
			t.Errorf("New with a bad %s = %v; want an error naming Config.%s", field, err, field)
		}
	}
	// Every problem is reported at once.
	_, err := New(Config{Token: "t"}, deps, nil)
	for _, field := range []string{"APIBaseURL", "MaxConcurrent", "QueueWait", "AnswerTimeout", "ShutdownTimeout", "AnswerMode", "MaxQuestion", "MaxDocumentBytes", "PreviewTTL", "StreamEditInterval"} {
		if err == nil || !strings.Contains(err.Error(), "Config."+field+" ") {
			t.Errorf("New(Config{Token: \"t\"}) = %v; want an error naming Config.%s", err, field)
		}
	}
}
