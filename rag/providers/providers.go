// Package providers builds the language models and embedders cabot talks to,
// from plain settings: langchaingo's clients for Ollama, OpenAI and any
// OpenAI-compatible server (Gemini included), and Anthropic. It keeps those
// clients out of package rag, which sees only langchaingo's llms.Model and
// rag.Embedder. Settings are checked before any client is made, with errors
// a person can act on; IsRateLimit recognises the clients' rate-limit
// errors, for rag.LLMOptions.
package providers

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"cabot/rag"

	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/anthropic"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"
)

// Provider names, as written in the configuration.
const (
	providerNone      = "none"
	providerBuiltin   = "builtin"
	providerOllama    = "ollama"
	providerOpenAI    = "openai"
	providerAnthropic = "anthropic"
)

const (
	defaultOllamaURL = "http://127.0.0.1:11434"
	defaultOpenAIURL = "https://api.openai.com/v1"
	// placeholderKey is sent to OpenAI-compatible (and Anthropic-compatible)
	// servers that need no key: langchaingo refuses to run without one.
	placeholderKey = "no-key"
	// defaultEmbedBatch is how many texts go in one embeddings request.
	defaultEmbedBatch = 32
)

// LLMConfig selects a chat model. Provider is "none" (or empty), "ollama",
// "openai" (any OpenAI-compatible server via BaseURL, Gemini included) or
// "anthropic". BaseURL is the API root the client expects: with the version
// for openai and anthropic (https://api.openai.com/v1), without any path for
// ollama (http://127.0.0.1:11434); empty means the provider's own server.
// APIKey comes from the caller (OPENAI_API_KEY, ANTHROPIC_API_KEY).
type LLMConfig struct {
	Provider, Model, BaseURL, APIKey string
	// HTTPClient carries every request (nil: http.DefaultClient). Give it
	// no overall timeout and bound each call with its context instead.
	HTTPClient *http.Client
}

// String prints the configuration with the key redacted.
func (c LLMConfig) String() string {
	return fmt.Sprintf("{Provider:%s Model:%s BaseURL:%s APIKey:%s}", c.Provider, c.Model, c.BaseURL, redact(c.APIKey))
}

// GoString is String, so that %#v does not print the key either.
func (c LLMConfig) GoString() string { return "providers.LLMConfig" + c.String() }

// EmbedderConfig selects an embedder: "builtin" (the default, also when
// empty), "ollama" or "openai". Model, BaseURL, APIKey and HTTPClient are
// as in LLMConfig.
type EmbedderConfig struct {
	Provider, Model, BaseURL, APIKey string
	HTTPClient                       *http.Client
	// Dimension is the expected vector size; 0 takes what the model
	// returns on first use and holds every later answer to it.
	Dimension int
	// BatchSize is how many texts go in one request (default 32). Ollama's
	// client sends one request per text whatever this says.
	BatchSize int
}

// String prints the configuration with the key redacted.
func (c EmbedderConfig) String() string {
	return fmt.Sprintf("{Provider:%s Model:%s BaseURL:%s APIKey:%s Dimension:%d BatchSize:%d}",
		c.Provider, c.Model, c.BaseURL, redact(c.APIKey), c.Dimension, c.BatchSize)
}

// GoString is String, so that %#v does not print the key either.
func (c EmbedderConfig) GoString() string { return "providers.EmbedderConfig" + c.String() }

func redact(key string) string {
	if key == "" {
		return ""
	}
	return "<redacted>"
}

func providerOf(p string) string { return strings.ToLower(strings.TrimSpace(p)) }

// NewModel returns the langchaingo chat model for cfg, or (nil, nil) for
// "none". It checks cfg first and returns errors a person can act on (a
// missing model or key, a base URL that is not an http(s) URL, an unknown
// provider); no library call gets the chance to log.Fatal.
//
// The models are langchaingo's own, with their quirks (pinned down in
// providers_test.go): the openai client's errors do not wrap the context's
// error, and a stream cut short can come back as a success — openai returns
// the partial text with a nil error after a provider error event (and, by a
// race, sometimes when the context ends), ollama an empty text with a nil
// error when the context ends mid-stream. Check ctx.Err() and the text
// after every call.
func NewModel(cfg LLMConfig) (llms.Model, error) {
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	p := providerOf(cfg.Provider)
	switch p {
	case "", providerNone:
		return nil, nil
	case providerOllama, providerOpenAI, providerAnthropic:
	default:
		return nil, fmt.Errorf("llm.provider %q is not one of none, ollama, openai, anthropic", cfg.Provider)
	}
	model := strings.TrimSpace(cfg.Model)
	if model == "" {
		return nil, fmt.Errorf("llm.model is required for %s", p)
	}
	if cfg.BaseURL != "" {
		if err := checkURL("llm.base_url", cfg.BaseURL); err != nil {
			return nil, err
		}
	}
	switch p {
	case providerOllama:
		m, err := ollama.New(ollama.WithServerURL(orDefault(cfg.BaseURL, defaultOllamaURL)),
			ollama.WithModel(model), ollama.WithHTTPClient(httpClient))
		if err != nil {
			return nil, fmt.Errorf("ollama: %w", err)
		}
		return m, nil
	case providerOpenAI:
		key, err := openAIKey("llm", cfg.BaseURL, cfg.APIKey)
		if err != nil {
			return nil, err
		}
		m, err := openai.New(openai.WithBaseURL(orDefault(cfg.BaseURL, defaultOpenAIURL)), openai.WithToken(key),
			openai.WithModel(model), openai.WithHTTPClient(httpClient))
		if err != nil {
			return nil, fmt.Errorf("openai: %w", err)
		}
		return m, nil
	default: // anthropic
		key := cfg.APIKey
		if key == "" {
			if cfg.BaseURL == "" {
				return nil, errors.New("anthropic needs an API key: set ANTHROPIC_API_KEY")
			}
			key = placeholderKey
		}
		opts := []anthropic.Option{anthropic.WithToken(key), anthropic.WithModel(model), anthropic.WithHTTPClient(httpClient)}
		if cfg.BaseURL != "" {
			opts = append(opts, anthropic.WithBaseURL(cfg.BaseURL))
		}
		m, err := anthropic.New(opts...)
		if err != nil {
			return nil, err // already says "anthropic: ..."
		}
		return m, nil
	}
}

// openAIKey returns the key to send: the official API needs a real one, a
// compatible server gets a placeholder when none is set.
func openAIKey(section, baseURL, key string) (string, error) {
	if key != "" {
		return key, nil
	}
	if baseURL == "" {
		return "", fmt.Errorf("openai needs an API key: set OPENAI_API_KEY (or set %s.base_url to an OpenAI-compatible server that needs none)", section)
	}
	return placeholderKey, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkURL reports whether raw is an absolute http(s) URL with a host.
func checkURL(setting, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%s %q is not an http(s) URL (for example http://127.0.0.1:11434)", setting, raw)
	}
	return nil
}

// NewEmbedder returns the embedder cfg selects: rag's built-in HashEmbedder,
// or langchaingo's embedder over the ollama or openai client, wrapped so
// that Name() is "<provider>:<model>" (plus ":<dimension>" when Dimension is
// set), vectors are L2-normalised, the caller's slices are never changed,
// and a wrong dimension, an empty answer or a wrong number of vectors is an
// error. Its errors wrap the context's error when the context ended.
// Configuration errors are as NewModel's.
func NewEmbedder(cfg EmbedderConfig) (rag.Embedder, error) {
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	p := providerOf(cfg.Provider)
	switch p {
	case "", providerBuiltin:
		if cfg.Dimension != 0 && cfg.Dimension != rag.HashDimension {
			return nil, fmt.Errorf("embedder.dimension %d does not match the builtin embedder's %d: set it to 0 or %d",
				cfg.Dimension, rag.HashDimension, rag.HashDimension)
		}
		return rag.NewHashEmbedder(), nil
	case providerOllama, providerOpenAI:
	default:
		return nil, fmt.Errorf("embedder.provider %q is not one of builtin, ollama, openai", cfg.Provider)
	}
	model := strings.TrimSpace(cfg.Model)
	if model == "" {
		return nil, fmt.Errorf("embedder.model is required for %s", p)
	}
	if cfg.Dimension < 0 {
		return nil, fmt.Errorf("embedder.dimension %d is negative: set the model's vector size, or 0 to take it from the model", cfg.Dimension)
	}
	if cfg.BatchSize < 0 {
		return nil, fmt.Errorf("embedder.batch_size %d is negative", cfg.BatchSize)
	}
	if cfg.BaseURL != "" {
		if err := checkURL("embedder.base_url", cfg.BaseURL); err != nil {
			return nil, err
		}
	}
	batch := cfg.BatchSize
	if batch == 0 {
		batch = defaultEmbedBatch
	}
	var client embeddings.EmbedderClient
	switch p {
	case providerOllama:
		llm, err := ollama.New(ollama.WithServerURL(orDefault(cfg.BaseURL, defaultOllamaURL)),
			ollama.WithModel(model), ollama.WithHTTPClient(httpClient))
		if err != nil {
			return nil, fmt.Errorf("ollama embedder: %w", err)
		}
		client = llm
	default: // openai
		key, err := openAIKey("embedder", cfg.BaseURL, cfg.APIKey)
		if err != nil {
			return nil, err
		}
		llm, err := openai.New(openai.WithBaseURL(orDefault(cfg.BaseURL, defaultOpenAIURL)), openai.WithToken(key),
			openai.WithModel(model), openai.WithEmbeddingModel(model), openai.WithHTTPClient(httpClient))
		if err != nil {
			return nil, fmt.Errorf("openai embedder: %w", err)
		}
		client = llm
	}
	inner, err := embeddings.NewEmbedder(client, embeddings.WithBatchSize(batch))
	if err != nil {
		return nil, fmt.Errorf("%s embedder: %w", p, err)
	}
	name := p + ":" + model
	if cfg.Dimension > 0 {
		name += fmt.Sprintf(":%d", cfg.Dimension)
	}
	return &remoteEmbedder{name: name, inner: inner, want: cfg.Dimension}, nil
}

// remoteEmbedder holds a model's embedder to what rag.Library needs.
type remoteEmbedder struct {
	name  string
	inner embeddings.Embedder
	want  int // configured dimension; 0: learnt from the first answer

	mu     sync.Mutex
	learnt int
}

var _ rag.Embedder = (*remoteEmbedder)(nil)

// Name is "<provider>:<model>[:<dimension>]".
func (e *remoteEmbedder) Name() string { return e.name }

// EmbedDocuments returns one normalised vector per text.
func (e *remoteEmbedder) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) == 0 {
		return [][]float32{}, nil
	}
	// langchaingo strips newlines in place: give it a copy.
	vecs, err := e.inner.EmbedDocuments(ctx, slices.Clone(texts))
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("embed %d texts with %s: %w: %w", len(texts), e.name, cerr, err)
		}
		return nil, fmt.Errorf("embed %d texts with %s: %w", len(texts), e.name, err)
	}
	if len(vecs) == 0 {
		return nil, fmt.Errorf("embed %d texts with %s: empty response", len(texts), e.name)
	}
	if len(vecs) != len(texts) {
		return nil, fmt.Errorf("embed %d texts with %s: got %d vectors", len(texts), e.name, len(vecs))
	}
	if len(vecs[0]) == 0 {
		return nil, fmt.Errorf("embed %d texts with %s: got an empty vector", len(texts), e.name)
	}
	want, learnt := e.dimension(len(vecs[0]))
	for i, v := range vecs {
		if len(v) != want {
			if learnt {
				return nil, fmt.Errorf("embed with %s: got a vector of dimension %d, expected %d as in its first answer",
					e.name, len(v), want)
			}
			return nil, fmt.Errorf("embed with %s: got a vector of dimension %d, expected %d (embedder.dimension)",
				e.name, len(v), want)
		}
		vecs[i] = normalize(v)
	}
	return vecs, nil
}

// dimension returns the dimension every vector must have, learning it from
// got when none is configured, and whether it was learnt.
func (e *remoteEmbedder) dimension(got int) (int, bool) {
	if e.want > 0 {
		return e.want, false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.learnt == 0 {
		e.learnt = got
	}
	return e.learnt, true
}

// EmbedQuery returns the normalised vector of one text.
func (e *remoteEmbedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	vecs, err := e.EmbedDocuments(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	return vecs[0], nil
}

// normalize scales v to unit length in place and returns it; a zero vector
// stays zero.
func normalize(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return v
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
	return v
}

// IsRateLimit reports whether err is a provider's "slow down" answer (HTTP
// 429) from any of the langchaingo clients NewModel and NewEmbedder make. It
// is false for a context that ended.
//
// The clients keep no status code: openai and anthropic say "API returned
// unexpected status code: 429: ...", and ollama only repeats the server's
// message, so an Ollama 429 is recognised by its words ("rate limit", "too
// many requests") alone. Google's wording ("Error 429", "Resource has been
// exhausted") is recognised too, for Gemini behind a compatible server.
func IsRateLimit(err error) bool {
	if err == nil {
		return false
	}
	if llms.IsRateLimitError(err) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	s := strings.ToLower(err.Error())
	for _, p := range []string{
		"status code: 429", "error 429", "rate limit", "rate_limit", "ratelimit",
		"too many requests", "resource_exhausted", "resource has been exhausted",
	} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// ReportsStopReason says whether a provider's replies always carry a stop
// reason (OpenAI and Anthropic do): for those, a reply without one was cut
// off, since their clients may return the partial text of a stream that
// failed midway with no error.
func ReportsStopReason(provider string) bool {
	switch providerOf(provider) {
	case providerOpenAI, providerAnthropic:
		return true
	}
	return false
}
