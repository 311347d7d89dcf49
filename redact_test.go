package main

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestScrubHandler(t *testing.T) {
	const key = "sk-live-0123456789"
	var b bytes.Buffer
	s := newSecretScrubber([]string{key, "tiny", ""})
	log := slog.New(scrubHandler{slog.NewTextHandler(&b, nil), s}).With("client", "key="+key)
	log.Info("upstream said "+key,
		"err", fmt.Errorf("call: %w", errors.New("401: bad key "+key)),
		"body", []byte("echo "+key),
		slog.Group("req", "auth", "Bearer "+key, "n", 3),
		"word", "tiny")
	out := b.String()
	if strings.Contains(out, key) {
		t.Errorf("log line holds the secret:\n%s", out)
	}
	for _, want := range []string{"upstream said [redacted]", `client="key=[redacted]"`, `err="call: 401: bad key [redacted]"`, `req.auth="Bearer [redacted]"`, "req.n=3", "word=tiny"} {
		if !strings.Contains(out, want) {
			t.Errorf("log line lacks %s:\n%s", want, out)
		}
	}
	err := s.scrubError(usagef("bad %s", key))
	var ue usageError
	if err.Error() != "bad [redacted]" || !errors.As(err, &ue) {
		t.Errorf("scrubError = %q (usage error: %v); want %q, still a usage error", err, errors.As(err, &ue), "bad [redacted]")
	}
}

// TestSecretsEchoedUpstreamNotPrinted: a provider that quotes the key back
// in its error body does not get it printed, in the error or the logs.
func TestSecretsEchoedUpstreamNotPrinted(t *testing.T) {
	const key = "sk-test-SECRET-0123456789"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"error":{"message":"Incorrect API key provided: %s (header %s)"}}`, key, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	tests := []struct {
		name string
		env  map[string]string
	}{
		{"embedder", map[string]string{"CABOT_EMBEDDER_PROVIDER": "openai", "CABOT_EMBEDDER_MODEL": "m", "CABOT_EMBEDDER_BASE_URL": srv.URL, "CABOT_EMBEDDER_API_KEY": key}},
		{"llm", map[string]string{"CABOT_LLM_PROVIDER": "openai", "CABOT_LLM_MODEL": "m", "CABOT_LLM_BASE_URL": srv.URL, "OPENAI_API_KEY": key, "CABOT_LLM_TIMEOUT": "5s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, args := range [][]string{{"ask", "How many patients?"}, {"ask", "--json", "How many patients?"}} {
				out, errs, code := cabot(t, tt.env, "", append([]string{"--data-dir", dir, "--log-level", "debug"}, args...)...)
				if strings.Contains(out+errs, "SECRET") {
					t.Errorf("cabot %q (exit %d) printed the key:\nstdout: %s\nstderr: %s", args, code, out, errs)
				}
				if !strings.Contains(out+errs, "[redacted]") {
					t.Errorf("cabot %q (exit %d) printed no upstream error:\nstdout: %s\nstderr: %s", args, code, out, errs)
				}
			}
		})
	}
}
