// Package llmtest runs loopback fakes of LLM provider HTTP APIs (OpenAI,
// Ollama, Anthropic) for tests of the real langchaingo clients. Each fake
// replies as a Script says (chunks, delays, failures, a stream cut by an
// error, a request left hanging) and records every request it receives.
package llmtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Script is what a fake replies.
type Script struct {
	// Chunks are the streamed pieces of the reply; joined, they are the
	// reply of a request that does not stream.
	Chunks []string
	// Delay is waited before each chunk (streamed or not).
	Delay time.Duration
	// FailStatus, if set, answers every request with this status (429,
	// 500, ...) and an error body shaped like the provider's. A 429 also
	// carries Retry-After: 0.
	FailStatus int
	// FailTimes, with FailStatus, fails only the first N requests after
	// SetScript (or the constructor); later ones succeed.
	FailTimes int
	// MidStreamError streams the first chunk, then the provider's error
	// event, then ends the response cleanly. Replies that do not stream are
	// not affected.
	MidStreamError bool
	// Hang accepts the request and never answers, until the client goes
	// away or the server closes.
	Hang bool
}

// Request is one request a fake received.
type Request struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
	Time   time.Time
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	srv     *httptest.Server
	closing chan struct{}
	once    sync.Once

	mu     sync.Mutex
	script Script
	served int // requests answered under the current script
	dim    int
	reqs   []Request
	prompt string
}

// DefaultDim is the default size of the fakes' embedding vectors.
const DefaultDim = 8

func start(t testing.TB, s Script, route func(*Server, http.ResponseWriter, *http.Request, []byte)) *Server {
	t.Helper()
	srv := &Server{script: s, dim: DefaultDim, closing: make(chan struct{})}
	srv.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		srv.mu.Lock()
		srv.reqs = append(srv.reqs, Request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body, Time: time.Now()})
		srv.mu.Unlock()
		route(srv, w, r, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// URL is the server's root, http://127.0.0.1:port.
func (s *Server) URL() string { return s.srv.URL }

// Close stops the server, ending hanging requests first. It may be called
// more than once; the constructors arrange for it at the end of the test.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.closing)
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
}

// SetScript replaces the script and restarts the FailTimes count.
func (s *Server) SetScript(sc Script) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = sc
	s.served = 0
}

// SetDim sets the size of the embedding vectors (default DefaultDim).
func (s *Server) SetDim(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dim = n
}

// Requests returns a copy of the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.reqs))
	copy(out, s.reqs)
	return out
}

// Prompt is the text of all the messages of the last chat request (system
// prompt first, then the messages in order), joined by newlines.
func (s *Server) Prompt() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prompt
}

// Vector is the embedding the fakes return for text before any
// normalisation: deterministic, of dimension dim, not of unit length.
func Vector(text string, dim int) []float32 {
	v := make([]float32, dim)
	for i := range v {
		h := fnv.New64a()
		fmt.Fprintf(h, "%d\x00%s", i, text)
		// In [-2, 2): never unit length by accident.
		v[i] = float32(h.Sum64()%4000)/1000 - 2
	}
	return v
}

// turn is how to answer one request: the script and the size of the
// embedding vectors when it came.
type turn struct {
	Script
	dim int
}

// begin takes the turn of one request under the current script. When the
// script hangs it, or fails it with the provider's error (written by
// fail), begin deals with the request and returns false.
func (s *Server) begin(w http.ResponseWriter, r *http.Request, fail func(http.ResponseWriter, int)) (turn, bool) {
	s.mu.Lock()
	t := turn{Script: s.script, dim: s.dim}
	failing := t.FailStatus != 0 && (t.FailTimes == 0 || s.served < t.FailTimes)
	s.served++
	s.mu.Unlock()
	switch {
	case t.Hang:
		s.hang(r)
		return t, false
	case failing:
		fail(w, t.FailStatus)
		return t, false
	}
	return t, true
}

// whole waits the delay of every chunk, as a reply that does not stream
// does before it is sent; it reports whether to carry on.
func (s *Server) whole(r *http.Request, sc Script) bool {
	for range sc.Chunks {
		if !s.wait(r, sc.Delay) {
			return false
		}
	}
	return true
}

func (s *Server) setPrompt(p string) {
	s.mu.Lock()
	s.prompt = p
	s.mu.Unlock()
}

// wait sleeps d, or less if the request ends or the server closes; it
// reports whether to carry on.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return r.Context().Err() == nil
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.closing:
		return false
	}
}

// hang blocks until the request ends or the server closes.
func (s *Server) hang(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.closing:
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "0")
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func flush(w http.ResponseWriter) {
	_ = http.NewResponseController(w).Flush()
}

// textOf returns the text of a message content that is either a string or
// a list of parts with "text" fields (OpenAI and Anthropic both allow
// either).
func textOf(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &parts) == nil {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p.Text)
		}
		return b.String()
	}
	return ""
}

type chatMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

func promptOf(system json.RawMessage, msgs []chatMessage) string {
	var texts []string
	if t := textOf(system); t != "" {
		texts = append(texts, t)
	}
	for _, m := range msgs {
		texts = append(texts, textOf(m.Content))
	}
	return strings.Join(texts, "\n")
}

// embedRequest is the body of an embeddings request, the same for OpenAI's
// /v1/embeddings and Ollama's /api/embed.
type embedRequest struct {
	Model string          `json:"model"`
	Input json.RawMessage `json:"input"`
}

// inputs decodes an embeddings input: one string or a list of strings.
func inputs(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many []string
	_ = json.Unmarshal(raw, &many)
	return many
}

// ---- OpenAI ----

// OpenAI starts a fake of the OpenAI API: POST /v1/chat/completions
// (server-sent events when the request has "stream": true) and POST
// /v1/embeddings.
func OpenAI(t testing.TB, s Script) *Server { return start(t, s, (*Server).openAI) }

// OpenAIBaseURL is what openai.WithBaseURL expects: the root with /v1.
func (s *Server) OpenAIBaseURL() string { return s.URL() + "/v1" }

func openAIError(w http.ResponseWriter, status int) {
	typ, code, msg := "server_error", any(nil), "The server had an error while processing your request. Sorry about that!"
	switch status {
	case http.StatusTooManyRequests:
		typ, code, msg = "requests", "rate_limit_exceeded", "Rate limit reached for requests. Please try again in 1s."
	case http.StatusUnauthorized:
		typ, code, msg = "invalid_request_error", "invalid_api_key", "Incorrect API key provided."
	case http.StatusNotFound:
		typ, code, msg = "invalid_request_error", "model_not_found", "The model does not exist or you do not have access to it."
	case http.StatusBadRequest:
		typ, msg = "invalid_request_error", "Invalid request."
	case http.StatusServiceUnavailable:
		msg = "The engine is currently overloaded, please try again later."
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": code}})
}

func (s *Server) openAI(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.Method != http.MethodPost || (r.URL.Path != "/v1/chat/completions" && r.URL.Path != "/v1/embeddings") {
		openAIError(w, http.StatusNotFound)
		return
	}
	sc, ok := s.begin(w, r, openAIError)
	if !ok {
		return
	}
	if r.URL.Path == "/v1/embeddings" {
		openAIEmbeddings(w, body, sc.dim)
		return
	}
	var req struct {
		Model         string        `json:"model"`
		Messages      []chatMessage `json:"messages"`
		Stream        bool          `json:"stream"`
		StreamOptions *struct {
			IncludeUsage bool `json:"include_usage"`
		} `json:"stream_options"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		openAIError(w, http.StatusBadRequest)
		return
	}
	s.setPrompt(promptOf(nil, req.Messages))
	created := time.Now().Unix()
	usage := map[string]any{"prompt_tokens": 10, "completion_tokens": len(sc.Chunks), "total_tokens": 10 + len(sc.Chunks)}
	if !req.Stream {
		if !s.whole(r, sc.Script) {
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"id": "chatcmpl-fake", "object": "chat.completion", "created": created, "model": req.Model,
			"choices": []any{map[string]any{
				"index":         0,
				"message":       map[string]any{"role": "assistant", "content": strings.Join(sc.Chunks, "")},
				"finish_reason": "stop",
			}},
			"usage": usage,
		})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	event := func(v any) {
		b, _ := json.Marshal(v)
		fmt.Fprintf(w, "data: %s\n\n", b)
		flush(w)
	}
	chunk := func(delta map[string]any, finish any) {
		event(map[string]any{
			"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": created, "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finish}},
		})
	}
	chunk(map[string]any{"role": "assistant", "content": ""}, nil)
	for i, c := range sc.Chunks {
		if !s.wait(r, sc.Delay) {
			return
		}
		chunk(map[string]any{"content": c}, nil)
		if sc.MidStreamError && i == 0 {
			event(map[string]any{"error": map[string]any{
				"message": "The server had an error while processing your request. Sorry about that!",
				"type":    "server_error", "param": nil, "code": nil,
			}})
			return
		}
	}
	chunk(map[string]any{}, "stop")
	if req.StreamOptions != nil && req.StreamOptions.IncludeUsage {
		event(map[string]any{
			"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": created, "model": req.Model,
			"choices": []any{}, "usage": usage,
		})
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
	flush(w)
}

func openAIEmbeddings(w http.ResponseWriter, body []byte, dim int) {
	var req embedRequest
	if err := json.Unmarshal(body, &req); err != nil {
		openAIError(w, http.StatusBadRequest)
		return
	}
	var data []any
	for i, in := range inputs(req.Input) {
		data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": Vector(in, dim)})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "list", "data": data, "model": req.Model,
		"usage": map[string]any{"prompt_tokens": len(data), "total_tokens": len(data)},
	})
}

// ---- Ollama ----

// Ollama starts a fake of the Ollama API: POST /api/chat (NDJSON stream,
// or one JSON object when the request has "stream": false; like Ollama, a
// request without "stream" is streamed), POST /api/embed and the older
// /api/embeddings, and GET /, /api/version and /api/tags.
func Ollama(t testing.TB, s Script) *Server { return start(t, s, (*Server).ollama) }

func ollamaError(w http.ResponseWriter, status int) {
	msg := "an error was encountered while running the model"
	switch status {
	case http.StatusTooManyRequests:
		msg = "too many requests: rate limit exceeded"
	case http.StatusServiceUnavailable:
		msg = "server busy, please try again.  maximum pending requests exceeded"
	case http.StatusNotFound:
		msg = "model not found, try pulling it first"
	case http.StatusBadRequest:
		msg = "invalid request"
	}
	writeJSON(w, status, map[string]any{"error": msg})
}

func (s *Server) ollama(w http.ResponseWriter, r *http.Request, body []byte) {
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/":
		fmt.Fprint(w, "Ollama is running")
		return
	case r.Method == http.MethodGet && r.URL.Path == "/api/version":
		writeJSON(w, http.StatusOK, map[string]any{"version": "0.0.0-fake"})
		return
	case r.Method == http.MethodGet && r.URL.Path == "/api/tags":
		writeJSON(w, http.StatusOK, map[string]any{"models": []any{}})
		return
	case r.Method != http.MethodPost || (r.URL.Path != "/api/chat" && r.URL.Path != "/api/embed" && r.URL.Path != "/api/embeddings"):
		ollamaError(w, http.StatusNotFound)
		return
	}
	sc, ok := s.begin(w, r, ollamaError)
	if !ok {
		return
	}
	switch r.URL.Path {
	case "/api/embed":
		var req embedRequest
		if err := json.Unmarshal(body, &req); err != nil {
			ollamaError(w, http.StatusBadRequest)
			return
		}
		vecs := [][]float32{}
		for _, in := range inputs(req.Input) {
			vecs = append(vecs, Vector(in, sc.dim))
		}
		writeJSON(w, http.StatusOK, map[string]any{"model": req.Model, "embeddings": vecs})
		return
	case "/api/embeddings":
		var req struct {
			Model  string `json:"model"`
			Prompt string `json:"prompt"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			ollamaError(w, http.StatusBadRequest)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"embedding": Vector(req.Prompt, sc.dim)})
		return
	}
	var req struct {
		Model    string        `json:"model"`
		Messages []chatMessage `json:"messages"`
		Stream   *bool         `json:"stream"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		ollamaError(w, http.StatusBadRequest)
		return
	}
	s.setPrompt(promptOf(nil, req.Messages))
	line := func(content string, done bool) map[string]any {
		m := map[string]any{
			"model": req.Model, "created_at": time.Now().UTC().Format(time.RFC3339Nano),
			"message": map[string]any{"role": "assistant", "content": content},
			"done":    done,
		}
		if done {
			m["done_reason"] = "stop"
			m["prompt_eval_count"] = 10
			m["eval_count"] = len(sc.Chunks)
		}
		return m
	}
	if req.Stream != nil && !*req.Stream {
		if !s.whole(r, sc.Script) {
			return
		}
		writeJSON(w, http.StatusOK, line(strings.Join(sc.Chunks, ""), true))
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w) // one object per line
	for i, c := range sc.Chunks {
		if !s.wait(r, sc.Delay) {
			return
		}
		_ = enc.Encode(line(c, false))
		flush(w)
		if sc.MidStreamError && i == 0 {
			_ = enc.Encode(map[string]any{"error": "an error was encountered while running the model: unexpected EOF"})
			flush(w)
			return
		}
	}
	_ = enc.Encode(line("", true))
	flush(w)
}

// ---- Anthropic ----

// Anthropic starts a fake of the Anthropic Messages API: POST /v1/messages
// (server-sent events when the request has "stream": true).
func Anthropic(t testing.TB, s Script) *Server { return start(t, s, (*Server).anthropic) }

// AnthropicBaseURL is what anthropic.WithBaseURL expects: the root with /v1.
func (s *Server) AnthropicBaseURL() string { return s.URL() + "/v1" }

func anthropicErrorType(status int) (typ, msg string) {
	switch status {
	case http.StatusTooManyRequests:
		return "rate_limit_error", "Number of requests has exceeded your rate limit. Please try again later."
	case http.StatusBadRequest:
		return "invalid_request_error", "Invalid request."
	case http.StatusUnauthorized:
		return "authentication_error", "invalid x-api-key"
	case http.StatusForbidden:
		return "permission_error", "Your API key does not have permission to use the specified resource."
	case http.StatusNotFound:
		return "not_found_error", "The requested resource could not be found."
	case 529:
		return "overloaded_error", "Overloaded"
	}
	return "api_error", "Internal server error"
}

func anthropicError(w http.ResponseWriter, status int) {
	typ, msg := anthropicErrorType(status)
	writeJSON(w, status, map[string]any{"type": "error", "error": map[string]any{"type": typ, "message": msg}})
}

func (s *Server) anthropic(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/messages" {
		anthropicError(w, http.StatusNotFound)
		return
	}
	sc, ok := s.begin(w, r, anthropicError)
	if !ok {
		return
	}
	var req struct {
		Model    string          `json:"model"`
		System   json.RawMessage `json:"system"`
		Messages []chatMessage   `json:"messages"`
		Stream   bool            `json:"stream"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		anthropicError(w, http.StatusBadRequest)
		return
	}
	s.setPrompt(promptOf(req.System, req.Messages))
	if !req.Stream {
		if !s.whole(r, sc.Script) {
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"id": "msg_fake", "type": "message", "role": "assistant", "model": req.Model,
			"content":     []any{map[string]any{"type": "text", "text": strings.Join(sc.Chunks, "")}},
			"stop_reason": "end_turn", "stop_sequence": nil,
			"usage": map[string]any{"input_tokens": 10, "output_tokens": len(sc.Chunks)},
		})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	event := func(name string, v any) {
		b, _ := json.Marshal(v)
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, b)
		flush(w)
	}
	event("message_start", map[string]any{"type": "message_start", "message": map[string]any{
		"id": "msg_fake", "type": "message", "role": "assistant", "model": req.Model, "content": []any{},
		"stop_reason": nil, "stop_sequence": nil, "usage": map[string]any{"input_tokens": 10, "output_tokens": 1},
	}})
	event("content_block_start", map[string]any{"type": "content_block_start", "index": 0,
		"content_block": map[string]any{"type": "text", "text": ""}})
	event("ping", map[string]any{"type": "ping"})
	for i, c := range sc.Chunks {
		if !s.wait(r, sc.Delay) {
			return
		}
		event("content_block_delta", map[string]any{"type": "content_block_delta", "index": 0,
			"delta": map[string]any{"type": "text_delta", "text": c}})
		if sc.MidStreamError && i == 0 {
			event("error", map[string]any{"type": "error",
				"error": map[string]any{"type": "overloaded_error", "message": "Overloaded"}})
			return
		}
	}
	event("content_block_stop", map[string]any{"type": "content_block_stop", "index": 0})
	event("message_delta", map[string]any{"type": "message_delta",
		"delta": map[string]any{"stop_reason": "end_turn", "stop_sequence": nil},
		"usage": map[string]any{"output_tokens": len(sc.Chunks)}})
	event("message_stop", map[string]any{"type": "message_stop"})
}

// String shows a request as "POST /v1/messages".
func (r Request) String() string {
	return r.Method + " " + r.Path + " (" + strconv.Itoa(len(r.Body)) + " bytes)"
}
