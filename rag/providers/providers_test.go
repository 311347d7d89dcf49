package providers

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"cabot/rag"
	"cabot/rag/llmtest"

	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/anthropic"
	"github.com/tmc/langchaingo/llms/openai"
)

// chatFake is one provider's fake and the configuration that reaches it.
type chatFake struct {
	name  string
	start func(testing.TB, llmtest.Script) *llmtest.Server
	cfg   func(*llmtest.Server) LLMConfig
	path  string // where chat requests go
}

var chatFakes = []chatFake{
	{"openai", llmtest.OpenAI, func(s *llmtest.Server) LLMConfig {
		return LLMConfig{Provider: "openai", Model: "test-chat", BaseURL: s.OpenAIBaseURL()}
	}, "/v1/chat/completions"},
	{"ollama", llmtest.Ollama, func(s *llmtest.Server) LLMConfig {
		return LLMConfig{Provider: "ollama", Model: "test-chat", BaseURL: s.URL()}
	}, "/api/chat"},
	{"anthropic", llmtest.Anthropic, func(s *llmtest.Server) LLMConfig {
		return LLMConfig{Provider: "anthropic", Model: "test-chat", BaseURL: s.AnthropicBaseURL(), APIKey: "sk-ant-test"}
	}, "/v1/messages"},
}

const (
	testSystem = "You are cabot. Answer only from the numbered sources."
	testUser   = "When did the Øresund bridge open?"
)

var testChunks = []string{"The bridge ", "opened in ", "July 2000 [1]."}

func testMessages() []llms.MessageContent {
	return []llms.MessageContent{
		llms.TextParts(llms.ChatMessageTypeSystem, testSystem),
		llms.TextParts(llms.ChatMessageTypeHuman, testUser),
	}
}

func newFakeModel(t *testing.T, f chatFake, sc llmtest.Script) (llms.Model, *llmtest.Server) {
	t.Helper()
	srv := f.start(t, sc)
	cfg := f.cfg(srv)
	cfg.HTTPClient = &http.Client{}
	m, err := NewModel(cfg)
	if err != nil {
		t.Fatalf("NewModel(%v) = %v", cfg, err)
	}
	if m == nil {
		t.Fatalf("NewModel(%v) = nil model", cfg)
	}
	return m, srv
}

func firstChoice(t *testing.T, resp *llms.ContentResponse) string {
	t.Helper()
	if resp == nil || len(resp.Choices) == 0 {
		t.Fatalf("response %+v has no choices", resp)
	}
	return resp.Choices[0].Content
}

// chunkCollector records the non-empty chunks of a stream (the clients also
// deliver empty ones).
type chunkCollector struct {
	mu     sync.Mutex
	chunks []string
}

func (c *chunkCollector) fn(_ context.Context, b []byte) error {
	if len(b) == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.chunks = append(c.chunks, string(b))
	return nil
}

func (c *chunkCollector) got() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.chunks)
}

func TestModelGenerateContent(t *testing.T) {
	for _, f := range chatFakes {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			m, srv := newFakeModel(t, f, llmtest.Script{Chunks: testChunks})
			resp, err := m.GenerateContent(context.Background(), testMessages())
			if err != nil {
				t.Fatalf("GenerateContent = %v", err)
			}
			if got, want := firstChoice(t, resp), strings.Join(testChunks, ""); got != want {
				t.Errorf("GenerateContent text = %q; want %q", got, want)
			}
			for _, want := range []string{testSystem, testUser} {
				if !strings.Contains(srv.Prompt(), want) {
					t.Errorf("prompt sent = %q; want it to contain %q", srv.Prompt(), want)
				}
			}
			reqs := srv.Requests()
			if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Path != f.path {
				t.Fatalf("requests = %v; want one POST %s", reqs, f.path)
			}
			if !strings.Contains(string(reqs[0].Body), `"model":"test-chat"`) {
				t.Errorf("request body %s does not name the configured model", reqs[0].Body)
			}
		})
	}
}

func TestModelStreaming(t *testing.T) {
	for _, f := range chatFakes {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			m, _ := newFakeModel(t, f, llmtest.Script{Chunks: testChunks, Delay: 5 * time.Millisecond})
			var c chunkCollector
			resp, err := m.GenerateContent(context.Background(), testMessages(), llms.WithStreamingFunc(c.fn))
			if err != nil {
				t.Fatalf("GenerateContent streaming = %v", err)
			}
			if got := c.got(); !slices.Equal(got, testChunks) {
				t.Errorf("streamed chunks = %q; want %q", got, testChunks)
			}
			if got, want := firstChoice(t, resp), strings.Join(testChunks, ""); got != want {
				t.Errorf("streamed final text = %q; want %q", got, want)
			}
		})
	}
}

func TestModelRateLimit(t *testing.T) {
	for _, f := range chatFakes {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			m, srv := newFakeModel(t, f, llmtest.Script{Chunks: testChunks, FailStatus: http.StatusTooManyRequests, FailTimes: 1})
			_, err := m.GenerateContent(context.Background(), testMessages())
			if err == nil {
				t.Fatal("GenerateContent on a 429 = nil error")
			}
			if !IsRateLimit(err) {
				t.Errorf("IsRateLimit(%v) = false; want true", err)
			}
			t.Logf("%s 429: %v", f.name, err)
			// What langchaingo's own mappers make of it.
			switch f.name {
			case "openai":
				if !llms.IsRateLimitError(openai.MapError(err)) {
					t.Errorf("openai.MapError(%v) is not a rate-limit error", err)
				}
			case "anthropic":
				if !llms.IsRateLimitError(anthropic.MapError(err)) {
					t.Errorf("anthropic.MapError(%v) is not a rate-limit error", err)
				}
			}
			if llms.IsRateLimitError(err) {
				t.Errorf("llms.IsRateLimitError(%v) = true; the clients were not expected to map errors themselves", err)
			}

			// FailTimes 1: the next request succeeds.
			resp, err := m.GenerateContent(context.Background(), testMessages())
			if err != nil {
				t.Fatalf("GenerateContent after the failure = %v", err)
			}
			if got, want := firstChoice(t, resp), strings.Join(testChunks, ""); got != want {
				t.Errorf("text after the failure = %q; want %q", got, want)
			}

			srv.SetScript(llmtest.Script{FailStatus: http.StatusInternalServerError})
			_, err = m.GenerateContent(context.Background(), testMessages())
			if err == nil || IsRateLimit(err) {
				t.Errorf("GenerateContent on a 500 = %v; want an error that is not a rate limit", err)
			}
		})
	}
}

// TestModelMidStreamError pins down what each client returns when the
// provider sends an error in the middle of a stream.
func TestModelMidStreamError(t *testing.T) {
	for _, f := range chatFakes {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			m, _ := newFakeModel(t, f, llmtest.Script{Chunks: testChunks, MidStreamError: true})
			var c chunkCollector
			resp, err := m.GenerateContent(context.Background(), testMessages(), llms.WithStreamingFunc(c.fn))
			if got := c.got(); !slices.Equal(got, testChunks[:1]) {
				t.Errorf("streamed chunks = %q; want %q", got, testChunks[:1])
			}
			t.Logf("%s mid-stream error: resp %v, err %v", f.name, resp != nil, err)
			switch f.name {
			case "openai":
				// The error event is skipped as a line without choices: the
				// partial text comes back as a success.
				if err != nil {
					t.Fatalf("openai mid-stream error = %v; want nil (partial text)", err)
				}
				if got := firstChoice(t, resp); got != testChunks[0] {
					t.Errorf("openai partial text = %q; want %q", got, testChunks[0])
				}
			case "ollama":
				if err == nil || !strings.Contains(err.Error(), "error was encountered while running the model") {
					t.Errorf("ollama mid-stream error = %v; want the server's message", err)
				}
			case "anthropic":
				if err == nil || !strings.Contains(err.Error(), "received error event") || !strings.Contains(err.Error(), "overloaded_error") {
					t.Errorf("anthropic mid-stream error = %v; want the error event", err)
				}
			}
		})
	}
}

// TestModelTimeout: a provider that never answers costs no more than the
// context allows; whether the error wraps context.DeadlineExceeded depends
// on the client.
func TestModelTimeout(t *testing.T) {
	wrapsDeadline := map[string]bool{"openai": false, "ollama": true, "anthropic": true}
	for _, f := range chatFakes {
		for _, stream := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/stream=%v", f.name, stream), func(t *testing.T) {
				t.Parallel()
				m, _ := newFakeModel(t, f, llmtest.Script{Chunks: testChunks, Hang: true})
				ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
				defer cancel()
				var opts []llms.CallOption
				if stream {
					var c chunkCollector
					opts = append(opts, llms.WithStreamingFunc(c.fn))
				}
				start := time.Now()
				_, err := m.GenerateContent(ctx, testMessages(), opts...)
				elapsed := time.Since(start)
				if err == nil {
					t.Fatal("GenerateContent against a hanging server = nil error")
				}
				if elapsed > time.Second {
					t.Errorf("GenerateContent took %v with a 200ms context", elapsed)
				}
				if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
					t.Errorf("ctx.Err() = %v; want DeadlineExceeded", ctx.Err())
				}
				if got := errors.Is(err, context.DeadlineExceeded); got != wrapsDeadline[f.name] {
					t.Errorf("errors.Is(%v, DeadlineExceeded) = %v; want %v", err, got, wrapsDeadline[f.name])
				}
				if IsRateLimit(err) {
					t.Errorf("IsRateLimit(%v) = true for a timeout", err)
				}
			})
		}
	}
}

func TestNewModelNone(t *testing.T) {
	for _, p := range []string{"", "none", " None "} {
		m, err := NewModel(LLMConfig{Provider: p, Model: "ignored"})
		if m != nil || err != nil {
			t.Errorf("NewModel(provider %q) = %v, %v; want nil, nil", p, m, err)
		}
	}
}

func TestNewModelValidation(t *testing.T) {
	tests := []struct {
		cfg  LLMConfig
		want string
	}{
		{LLMConfig{Provider: "gpt"}, `llm.provider "gpt" is not one of none, ollama, openai, anthropic`},
		{LLMConfig{Provider: "googleai", Model: "m", APIKey: "k"}, `llm.provider "googleai" is not one of none, ollama, openai, anthropic`},
		{LLMConfig{Provider: "ollama"}, "llm.model is required for ollama"},
		{LLMConfig{Provider: "openai", APIKey: "k"}, "llm.model is required for openai"},
		{LLMConfig{Provider: "anthropic", Model: " "}, "llm.model is required for anthropic"},
		{LLMConfig{Provider: "ollama", Model: "m", BaseURL: "127.0.0.1:11434"}, `llm.base_url "127.0.0.1:11434" is not an http(s) URL`},
		{LLMConfig{Provider: "ollama", Model: "m", BaseURL: "localhost:11434"}, `llm.base_url "localhost:11434" is not an http(s) URL`},
		{LLMConfig{Provider: "ollama", Model: "m", BaseURL: "http://"}, `llm.base_url "http://" is not an http(s) URL`},
		{LLMConfig{Provider: "ollama", Model: "m", BaseURL: "http://:11434"}, `llm.base_url "http://:11434" is not an http(s) URL`},
		{LLMConfig{Provider: "ollama", Model: "m", BaseURL: "ftp://host"}, `llm.base_url "ftp://host" is not an http(s) URL`},
		{LLMConfig{Provider: "ollama", Model: "m", BaseURL: "http://bad host"}, `llm.base_url "http://bad host" is not an http(s) URL`},
		{LLMConfig{Provider: "ollama", Model: "m", BaseURL: "http://[::1"}, `llm.base_url "http://[::1" is not an http(s) URL`},
		{LLMConfig{Provider: "openai", Model: "m", BaseURL: "/v1"}, `llm.base_url "/v1" is not an http(s) URL`},
		{LLMConfig{Provider: "openai", Model: "m"}, "openai needs an API key: set OPENAI_API_KEY"},
		{LLMConfig{Provider: "anthropic", Model: "m"}, "anthropic needs an API key: set ANTHROPIC_API_KEY"},
		{LLMConfig{Provider: "anthropic", Model: "m", APIKey: "sk-secret", BaseURL: "api.anthropic.com"}, `llm.base_url "api.anthropic.com" is not an http(s) URL`},
	}
	for _, tt := range tests {
		m, err := NewModel(tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewModel(%v) = %v, %v; want error containing %q", tt.cfg, m, err, tt.want)
			continue
		}
		if m != nil {
			t.Errorf("NewModel(%v) returned a model with its error", tt.cfg)
		}
		if strings.Contains(err.Error(), "sk-secret") {
			t.Errorf("NewModel(%v) error %q shows the key", tt.cfg, err)
		}
	}
}

// TestNewModelPlaceholderKey: a compatible server without a key gets a
// placeholder (langchaingo refuses an empty one); a real key is sent as is.
func TestNewModelPlaceholderKey(t *testing.T) {
	srv := llmtest.OpenAI(t, llmtest.Script{Chunks: []string{"ok"}})
	for key, want := range map[string]string{"": "Bearer no-key", "sk-test": "Bearer sk-test"} {
		m, err := NewModel(LLMConfig{Provider: "openai", Model: "m", BaseURL: srv.OpenAIBaseURL(), APIKey: key})
		if err != nil {
			t.Fatalf("NewModel(key %q) = %v", key, err)
		}
		if _, err := m.GenerateContent(context.Background(), testMessages()); err != nil {
			t.Fatalf("GenerateContent = %v", err)
		}
		reqs := srv.Requests()
		if got := reqs[len(reqs)-1].Header.Get("Authorization"); got != want {
			t.Errorf("Authorization with key %q = %q; want %q", key, got, want)
		}
	}
	asrv := llmtest.Anthropic(t, llmtest.Script{Chunks: []string{"ok"}})
	m, err := NewModel(LLMConfig{Provider: "anthropic", Model: "m", BaseURL: asrv.AnthropicBaseURL()})
	if err != nil {
		t.Fatalf("NewModel(anthropic, base URL, no key) = %v", err)
	}
	if _, err := m.GenerateContent(context.Background(), testMessages()); err != nil {
		t.Fatalf("GenerateContent = %v", err)
	}
	if got := asrv.Requests()[0].Header.Get("X-Api-Key"); got != "no-key" {
		t.Errorf("anthropic x-api-key = %q; want the placeholder", got)
	}
}

func TestIsRateLimit(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("API returned unexpected status code: 429: Rate limit reached for requests"), true},
		{errors.New("anthropic: failed to create message: API returned unexpected status code: 429: Number of requests has exceeded your rate limit"), true},
		{errors.New("too many requests: rate limit exceeded"), true},
		{errors.New("googleapi: Error 429: Resource has been exhausted (e.g. check quota)."), true},
		{llms.NewError(llms.ErrCodeRateLimit, "x", "slow down"), true},
		{fmt.Errorf("answer: %w", llms.NewError(llms.ErrCodeRateLimit, "x", "slow down")), true},
		{errors.New("API returned unexpected status code: 500: The server had an error"), false},
		{errors.New("API returned unexpected status code: 400: prompt is 4290 tokens long"), false},
		{errors.New("request timeout: API call exceeded deadline"), false},
		{fmt.Errorf("rate limit while: %w", context.DeadlineExceeded), false},
	}
	for _, tt := range tests {
		if got := IsRateLimit(tt.err); got != tt.want {
			t.Errorf("IsRateLimit(%v) = %v; want %v", tt.err, got, tt.want)
		}
	}
}

func TestConfigStringRedactsKey(t *testing.T) {
	l := LLMConfig{Provider: "openai", Model: "m", APIKey: "sk-secret"}
	e := EmbedderConfig{Provider: "openai", Model: "m", APIKey: "sk-secret"}
	for _, s := range []string{fmt.Sprint(l), fmt.Sprintf("%+v", l), fmt.Sprintf("%#v", l), fmt.Sprint(e), fmt.Sprintf("%#v", e)} {
		if strings.Contains(s, "sk-secret") || !strings.Contains(s, "<redacted>") {
			t.Errorf("config printed as %q; want the key redacted", s)
		}
	}
}

// ---- embedders ----

type embedFake struct {
	name  string
	start func(testing.TB, llmtest.Script) *llmtest.Server
	cfg   func(*llmtest.Server) EmbedderConfig
	path  string
}

var embedFakes = []embedFake{
	{"ollama", llmtest.Ollama, func(s *llmtest.Server) EmbedderConfig {
		return EmbedderConfig{Provider: "ollama", Model: "test-embed", BaseURL: s.URL()}
	}, "/api/embed"},
	{"openai", llmtest.OpenAI, func(s *llmtest.Server) EmbedderConfig {
		return EmbedderConfig{Provider: "openai", Model: "test-embed", BaseURL: s.OpenAIBaseURL()}
	}, "/v1/embeddings"},
}

func l2norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestEmbedders(t *testing.T) {
	for _, f := range embedFakes {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			srv := f.start(t, llmtest.Script{})
			srv.SetDim(12)
			cfg := f.cfg(srv)
			cfg.Dimension = 12
			cfg.BatchSize = 2
			cfg.HTTPClient = &http.Client{}
			e, err := NewEmbedder(cfg)
			if err != nil {
				t.Fatalf("NewEmbedder(%v) = %v", cfg, err)
			}
			if got, want := e.Name(), f.name+":test-embed:12"; got != want {
				t.Errorf("Name() = %q; want %q", got, want)
			}
			texts := []string{"first\nline", "second", "third\n", "fourth", "fifth"}
			orig := slices.Clone(texts)
			vecs, err := e.EmbedDocuments(context.Background(), texts)
			if err != nil {
				t.Fatalf("EmbedDocuments = %v", err)
			}
			if !slices.Equal(texts, orig) {
				t.Errorf("EmbedDocuments changed its input to %q; want %q", texts, orig)
			}
			if len(vecs) != len(texts) {
				t.Fatalf("EmbedDocuments returned %d vectors for %d texts", len(vecs), len(texts))
			}
			for i, v := range vecs {
				if len(v) != 12 {
					t.Errorf("vector %d has dimension %d; want 12", i, len(v))
				}
				if n := l2norm(v); math.Abs(n-1) > 1e-5 {
					t.Errorf("vector %d has norm %v; want 1", i, n)
				}
			}
			// Vectors keep the direction the model gave, in input order.
			want := normalize(llmtest.Vector("second", 12))
			for i := range want {
				if math.Abs(float64(vecs[1][i]-want[i])) > 1e-6 {
					t.Fatalf("vector 1 = %v; want the normalised model vector %v", vecs[1], want)
				}
			}
			q, err := e.EmbedQuery(context.Background(), "second")
			if err != nil {
				t.Fatalf("EmbedQuery = %v", err)
			}
			if !slices.Equal(q, vecs[1]) {
				t.Errorf("EmbedQuery(second) = %v; want %v", q, vecs[1])
			}
			var n int
			for _, r := range srv.Requests() {
				if r.Path == f.path {
					n++
				}
			}
			// Ollama's client sends one text per request; OpenAI's batches.
			wantReqs := map[string]int{"ollama": 6, "openai": 4}[f.name]
			if n != wantReqs {
				t.Errorf("%d requests to %s; want %d", n, f.path, wantReqs)
			}
		})
	}
}

func TestEmbedderDimensionMismatch(t *testing.T) {
	for _, f := range embedFakes {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			srv := f.start(t, llmtest.Script{})
			cfg := f.cfg(srv)
			cfg.Dimension = 768
			e, err := NewEmbedder(cfg)
			if err != nil {
				t.Fatalf("NewEmbedder = %v", err)
			}
			_, err = e.EmbedQuery(context.Background(), "text")
			if err == nil || !strings.Contains(err.Error(), "dimension 8") || !strings.Contains(err.Error(), "expected 768") {
				t.Errorf("EmbedQuery with the wrong dimension = %v; want an error naming 8 and 768", err)
			}

			// Without a configured dimension the first answer sets it.
			cfg.Dimension = 0
			e, err = NewEmbedder(cfg)
			if err != nil {
				t.Fatalf("NewEmbedder = %v", err)
			}
			if got, want := e.Name(), f.name+":test-embed"; got != want {
				t.Errorf("Name() = %q; want %q", got, want)
			}
			if _, err := e.EmbedQuery(context.Background(), "a"); err != nil {
				t.Fatalf("EmbedQuery = %v", err)
			}
			srv.SetDim(16)
			_, err = e.EmbedQuery(context.Background(), "b")
			if err == nil || !strings.Contains(err.Error(), "dimension 16") || !strings.Contains(err.Error(), "expected 8") {
				t.Errorf("EmbedQuery after the model changed size = %v; want an error naming 16 and 8", err)
			}
		})
	}
}

func TestEmbedderErrors(t *testing.T) {
	for _, f := range embedFakes {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			srv := f.start(t, llmtest.Script{FailStatus: http.StatusTooManyRequests})
			e, err := NewEmbedder(f.cfg(srv))
			if err != nil {
				t.Fatalf("NewEmbedder = %v", err)
			}
			_, err = e.EmbedDocuments(context.Background(), []string{"a", "b"})
			if err == nil || !IsRateLimit(err) || !strings.Contains(err.Error(), f.name+":test-embed") {
				t.Errorf("EmbedDocuments on a 429 = %v; want a rate-limit error naming the embedder", err)
			}

			srv.SetScript(llmtest.Script{Hang: true})
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err = e.EmbedDocuments(ctx, []string{"a"})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("EmbedDocuments past the deadline = %v; want it to wrap DeadlineExceeded", err)
			}
		})
	}
}

// stubEmbedder answers with fixed vectors, to reach the checks no real
// client lets through.
type stubEmbedder struct{ vecs [][]float32 }

func (s stubEmbedder) EmbedDocuments(context.Context, []string) ([][]float32, error) {
	out := make([][]float32, len(s.vecs))
	for i, v := range s.vecs {
		out[i] = slices.Clone(v)
	}
	return out, nil
}

func (s stubEmbedder) EmbedQuery(context.Context, string) ([]float32, error) { return nil, nil }

var _ embeddings.Embedder = stubEmbedder{}

func TestRemoteEmbedderChecks(t *testing.T) {
	tests := []struct {
		name  string
		vecs  [][]float32
		texts int
		want  string
	}{
		{"empty response", nil, 2, "empty response"},
		{"too few", [][]float32{{1, 0}}, 2, "got 1 vectors"},
		{"too many", [][]float32{{1, 0}, {0, 1}, {1, 1}}, 2, "got 3 vectors"},
		{"empty vector", [][]float32{{}, {}}, 2, "empty vector"},
		{"ragged", [][]float32{{1, 0}, {0, 1, 0}}, 2, "dimension 3, expected 2"},
	}
	for _, tt := range tests {
		e := &remoteEmbedder{name: "stub:m", inner: stubEmbedder{tt.vecs}}
		_, err := e.EmbedDocuments(context.Background(), make([]string, tt.texts))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: EmbedDocuments = %v; want error containing %q", tt.name, err, tt.want)
		}
	}
	e := &remoteEmbedder{name: "stub:m", inner: stubEmbedder{[][]float32{{3, 4}}}}
	v, err := e.EmbedQuery(context.Background(), "x")
	if err != nil || !slices.Equal(v, []float32{0.6, 0.8}) {
		t.Errorf("EmbedQuery = %v, %v; want [0.6 0.8]", v, err)
	}
	if vecs, err := e.EmbedDocuments(context.Background(), nil); err != nil || len(vecs) != 0 {
		t.Errorf("EmbedDocuments(nil) = %v, %v; want no vectors and no request", vecs, err)
	}
}

func TestNewEmbedderValidation(t *testing.T) {
	tests := []struct {
		cfg  EmbedderConfig
		want string
	}{
		{EmbedderConfig{Provider: "anthropic", Model: "m"}, `embedder.provider "anthropic" is not one of builtin, ollama, openai`},
		{EmbedderConfig{Provider: "ollama"}, "embedder.model is required for ollama"},
		{EmbedderConfig{Provider: "openai", APIKey: "sk-secret"}, "embedder.model is required for openai"},
		{EmbedderConfig{Provider: "openai", Model: "m"}, "openai needs an API key: set OPENAI_API_KEY"},
		{EmbedderConfig{Provider: "ollama", Model: "m", BaseURL: "localhost:11434"}, `embedder.base_url "localhost:11434" is not an http(s) URL`},
		{EmbedderConfig{Provider: "openai", Model: "m", APIKey: "sk-secret", BaseURL: "file:///tmp"}, `embedder.base_url "file:///tmp" is not an http(s) URL`},
		{EmbedderConfig{Provider: "ollama", Model: "m", Dimension: -1}, "embedder.dimension -1 is negative"},
		{EmbedderConfig{Provider: "ollama", Model: "m", BatchSize: -1}, "embedder.batch_size -1 is negative"},
		{EmbedderConfig{Provider: "builtin", Dimension: 768}, "embedder.dimension 768 does not match the builtin embedder's 512"},
	}
	for _, tt := range tests {
		e, err := NewEmbedder(tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewEmbedder(%v) = %v, %v; want error containing %q", tt.cfg, e, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), "sk-secret") {
			t.Errorf("NewEmbedder(%v) error %q shows the key", tt.cfg, err)
		}
	}
	for _, p := range []string{"", "builtin", "Builtin"} {
		e, err := NewEmbedder(EmbedderConfig{Provider: p, Dimension: 0})
		if err != nil {
			t.Fatalf("NewEmbedder(provider %q) = %v", p, err)
		}
		if _, ok := e.(*rag.HashEmbedder); !ok {
			t.Errorf("NewEmbedder(provider %q) = %T; want *HashEmbedder", p, e)
		}
	}
}

// TestModelDeadlineMidStream pins down what each client returns when the
// context ends while a stream is under way (the provider stalls after the
// first chunk). Only ctx.Err() tells reliably that the answer is cut.
func TestModelDeadlineMidStream(t *testing.T) {
	for _, f := range chatFakes {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			m, _ := newFakeModel(t, f, llmtest.Script{Chunks: testChunks, Delay: 150 * time.Millisecond})
			ctx, cancel := context.WithTimeout(context.Background(), 250*time.Millisecond)
			defer cancel()
			var c chunkCollector
			start := time.Now()
			resp, err := m.GenerateContent(ctx, testMessages(), llms.WithStreamingFunc(c.fn))
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("GenerateContent took %v with a 250ms context", elapsed)
			}
			if got := c.got(); !slices.Equal(got, testChunks[:1]) {
				t.Errorf("streamed chunks = %q; want %q", got, testChunks[:1])
			}
			var text string
			if resp != nil && len(resp.Choices) > 0 {
				text = resp.Choices[0].Content
			}
			t.Logf("%s: text %q, err %v", f.name, text, err)
			switch f.name {
			case "openai":
				// A race in the client: either the read error, or the
				// partial text as a success.
				if !errors.Is(err, context.DeadlineExceeded) && (err != nil || text != testChunks[0]) {
					t.Errorf("openai cut by the deadline = %q, %v; want a deadline error or the partial text", text, err)
				}
			case "ollama":
				// The client ignores the read error: an empty success.
				if err != nil || text != "" {
					t.Errorf("ollama cut by the deadline = %q, %v; want \"\", nil", text, err)
				}
			case "anthropic":
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("anthropic cut by the deadline = %v; want it to wrap DeadlineExceeded", err)
				}
			}
		})
	}
}
