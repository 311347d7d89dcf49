package llmtest

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func post(t *testing.T, url, body string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return resp, string(b)
}

// sseData returns the data lines of a server-sent event stream.
func sseData(body string) []string {
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if d, ok := strings.CutPrefix(l, "data: "); ok {
			out = append(out, d)
		}
	}
	return out
}

const openAIChat = `{"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hello"}]}]`

func TestOpenAIChat(t *testing.T) {
	srv := OpenAI(t, Script{Chunks: []string{"Hel", "lo"}})
	resp, body := post(t, srv.OpenAIBaseURL()+"/chat/completions", openAIChat+`}`)
	var got struct {
		Object  string `json:"object"`
		Choices []struct {
			Message struct{ Content string } `json:"message"`
		} `json:"choices"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || resp.StatusCode != 200 {
		t.Fatalf("non-streamed reply %d %s: %v", resp.StatusCode, body, err)
	}
	if got.Object != "chat.completion" || len(got.Choices) != 1 || got.Choices[0].Message.Content != "Hello" {
		t.Errorf("non-streamed reply = %s; want one choice with Hello", body)
	}
	if p := srv.Prompt(); p != "be brief\nhello" {
		t.Errorf("Prompt() = %q; want %q", p, "be brief\nhello")
	}

	resp, body = post(t, srv.URL()+"/v1/chat/completions", openAIChat+`,"stream":true,"stream_options":{"include_usage":true}}`)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("stream Content-Type = %q", ct)
	}
	data := sseData(body)
	if len(data) == 0 || data[len(data)-1] != "[DONE]" {
		t.Fatalf("stream %q does not end with [DONE]", body)
	}
	var text strings.Builder
	var usage bool
	for _, d := range data[:len(data)-1] {
		var c struct {
			Object  string `json:"object"`
			Choices []struct {
				Delta struct{ Content string } `json:"delta"`
			} `json:"choices"`
			Usage *struct{} `json:"usage"`
		}
		if err := json.Unmarshal([]byte(d), &c); err != nil || c.Object != "chat.completion.chunk" {
			t.Fatalf("stream event %s: %v", d, err)
		}
		for _, ch := range c.Choices {
			text.WriteString(ch.Delta.Content)
		}
		usage = usage || c.Usage != nil
	}
	if text.String() != "Hello" || !usage {
		t.Errorf("stream text %q, usage %v; want Hello and a usage chunk", text.String(), usage)
	}

	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[1].Method != "POST" || reqs[1].Path != "/v1/chat/completions" || !strings.Contains(string(reqs[1].Body), `"stream":true`) {
		t.Errorf("Requests() = %v", reqs)
	}
}

func TestOpenAIMidStreamError(t *testing.T) {
	srv := OpenAI(t, Script{Chunks: []string{"a", "b"}, MidStreamError: true})
	_, body := post(t, srv.OpenAIBaseURL()+"/chat/completions", openAIChat+`,"stream":true}`)
	data := sseData(body)
	if len(data) != 3 || !strings.Contains(data[1], `"content":"a"`) || !strings.HasPrefix(data[2], `{"error":`) {
		t.Errorf("stream with an error = %q; want role, chunk a, error event", data)
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name, path, body, wantBody string
		start                      func(testing.TB, Script) *Server
	}{
		{"openai", "/v1/chat/completions", openAIChat + `}`, `"code":"rate_limit_exceeded"`, OpenAI},
		{"ollama", "/api/chat", `{"model":"m","messages":[]}`, `{"error":"too many requests: rate limit exceeded"}`, Ollama},
		{"anthropic", "/v1/messages", `{"model":"m","messages":[]}`, `"type":"rate_limit_error"`, Anthropic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := tt.start(t, Script{Chunks: []string{"ok"}, FailStatus: 429, FailTimes: 2})
			for i := range 2 {
				resp, body := post(t, srv.URL()+tt.path, tt.body)
				if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "0" || !strings.Contains(body, tt.wantBody) {
					t.Errorf("request %d = %d Retry-After %q %s; want 429, 0, %s", i, resp.StatusCode, resp.Header.Get("Retry-After"), body, tt.wantBody)
				}
			}
			if resp, body := post(t, srv.URL()+tt.path, tt.body); resp.StatusCode != 200 {
				t.Errorf("third request = %d %s; want 200 after FailTimes", resp.StatusCode, body)
			}
			srv.SetScript(Script{FailStatus: 500})
			for range 2 {
				if resp, _ := post(t, srv.URL()+tt.path, tt.body); resp.StatusCode != 500 {
					t.Errorf("with FailStatus 500 and no FailTimes = %d; want 500 every time", resp.StatusCode)
				}
			}
		})
	}
}

func TestOllama(t *testing.T) {
	srv := Ollama(t, Script{Chunks: []string{"Hel", "lo"}})
	body := `{"model":"m","messages":[{"role":"system","content":"sys"},{"role":"user","content":"hi"}]`
	// No "stream" field: Ollama streams.
	_, got := post(t, srv.URL()+"/api/chat", body+`}`)
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"content":"Hel"`) || !strings.Contains(lines[2], `"done":true`) {
		t.Errorf("streamed chat = %q; want Hel, lo, done", lines)
	}
	_, got = post(t, srv.URL()+"/api/chat", body+`,"stream":false}`)
	if strings.Count(strings.TrimSpace(got), "\n") != 0 || !strings.Contains(got, `"content":"Hello"`) || !strings.Contains(got, `"done":true`) {
		t.Errorf("non-streamed chat = %s; want one object with Hello", got)
	}
	if srv.Prompt() != "sys\nhi" {
		t.Errorf("Prompt() = %q", srv.Prompt())
	}
	srv.SetScript(Script{Chunks: []string{"a", "b"}, MidStreamError: true})
	_, got = post(t, srv.URL()+"/api/chat", body+`}`)
	lines = strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], `{"error":`) {
		t.Errorf("stream with an error = %q; want a chunk then an error line", lines)
	}

	resp, err := http.Get(srv.URL() + "/")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET / = %v, %v", resp, err)
	}
	resp.Body.Close()

	srv.SetDim(5)
	_, got = post(t, srv.URL()+"/api/embed", `{"model":"e","input":"text"}`)
	var e struct{ Embeddings [][]float32 }
	if err := json.Unmarshal([]byte(got), &e); err != nil || len(e.Embeddings) != 1 || !slices.Equal(e.Embeddings[0], Vector("text", 5)) {
		t.Errorf("/api/embed = %s (%v); want Vector(text, 5)", got, err)
	}
	_, got = post(t, srv.URL()+"/api/embeddings", `{"model":"e","prompt":"text"}`)
	var old struct{ Embedding []float32 }
	if err := json.Unmarshal([]byte(got), &old); err != nil || !slices.Equal(old.Embedding, Vector("text", 5)) {
		t.Errorf("/api/embeddings = %s (%v); want Vector(text, 5)", got, err)
	}
}

func TestAnthropic(t *testing.T) {
	srv := Anthropic(t, Script{Chunks: []string{"Hel", "lo"}})
	body := `{"model":"m","system":"sys","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]`
	_, got := post(t, srv.AnthropicBaseURL()+"/messages", body+`}`)
	if !strings.Contains(got, `"type":"message"`) || !strings.Contains(got, `"text":"Hello"`) {
		t.Errorf("non-streamed reply = %s", got)
	}
	if srv.Prompt() != "sys\nhi" {
		t.Errorf("Prompt() = %q", srv.Prompt())
	}
	_, got = post(t, srv.AnthropicBaseURL()+"/messages", body+`,"stream":true}`)
	var types []string
	var text strings.Builder
	for _, d := range sseData(got) {
		var ev struct {
			Type  string
			Delta struct{ Text string }
		}
		if err := json.Unmarshal([]byte(d), &ev); err != nil {
			t.Fatalf("event %s: %v", d, err)
		}
		types = append(types, ev.Type)
		text.WriteString(ev.Delta.Text)
	}
	want := []string{"message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
		"content_block_stop", "message_delta", "message_stop"}
	if !slices.Equal(types, want) || text.String() != "Hello" {
		t.Errorf("stream events %v, text %q; want %v, Hello", types, text.String(), want)
	}
	srv.SetScript(Script{Chunks: []string{"a", "b"}, MidStreamError: true})
	_, got = post(t, srv.AnthropicBaseURL()+"/messages", body+`,"stream":true}`)
	if !strings.Contains(got, "event: error\n") || strings.Contains(got, "message_stop") {
		t.Errorf("stream with an error = %s; want an error event and no message_stop", got)
	}
}

func TestHangEndsWithTheRequest(t *testing.T) {
	srv := OpenAI(t, Script{Hang: true})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.OpenAIBaseURL()+"/chat/completions", strings.NewReader(openAIChat+`}`))
	start := time.Now()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("a hanging fake answered")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("request took %v with a 100ms context", d)
	}

	// Close does not wait for a client that never gives up.
	go func() {
		resp, err := http.Post(srv.URL()+"/v1/embeddings", "application/json", strings.NewReader(`{"input":"x"}`))
		if err == nil {
			resp.Body.Close()
		}
	}()
	for len(srv.Requests()) < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	start = time.Now()
	srv.Close()
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v with a hanging request", d)
	}
}

func TestEmbeddingsAndVector(t *testing.T) {
	srv := OpenAI(t, Script{})
	_, got := post(t, srv.OpenAIBaseURL()+"/embeddings", `{"model":"e","input":["a","b","c"]}`)
	var e struct {
		Data []struct {
			Index     int
			Embedding []float32
		}
	}
	if err := json.Unmarshal([]byte(got), &e); err != nil || len(e.Data) != 3 {
		t.Fatalf("/v1/embeddings = %s (%v); want 3 vectors", got, err)
	}
	for i, d := range e.Data {
		if d.Index != i || len(d.Embedding) != DefaultDim || !slices.Equal(d.Embedding, Vector([]string{"a", "b", "c"}[i], DefaultDim)) {
			t.Errorf("vector %d = %+v", i, d)
		}
	}
	v := Vector("a", 64)
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if math.Abs(math.Sqrt(s)-1) < 0.01 || slices.Equal(v, Vector("b", 64)) || !slices.Equal(v, Vector("a", 64)) {
		t.Errorf("Vector must be deterministic, differ by text and not be unit length: %v", v)
	}
}
