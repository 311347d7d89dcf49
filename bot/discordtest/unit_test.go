package discordtest

import (
	"context"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestRoute(t *testing.T) {
	tests := []struct {
		method, pattern string
		req             Request
		want            bool
	}{
		{"PATCH", "/api/v9/webhooks/{}/{}/messages/@original",
			Request{Method: "PATCH", Path: "/api/v9/webhooks/1/tok/messages/@original"}, true},
		{"PATCH", "/api/v9/webhooks/{}/{}/messages/@original",
			Request{Method: "GET", Path: "/api/v9/webhooks/1/tok/messages/@original"}, false},
		{"PATCH", "/api/v9/webhooks/{}/{}/messages/@original",
			Request{Method: "PATCH", Path: "/api/v9/webhooks/1/tok/messages/5"}, false},
		{"", "/api/v9/channels/{}/messages", Request{Method: "POST", Path: "/api/v9/channels/7/messages"}, true},
		{"POST", "/api/v9/channels/{}/messages", Request{Method: "POST", Path: "/api/v9/channels/7/messages/8"}, false},
		{"POST", "/api/v9/channels/{}", Request{Method: "POST", Path: "/api/v9/channels//"}, false},
	}
	for _, tt := range tests {
		if got := Route(tt.method, tt.pattern)(tt.req); got != tt.want {
			t.Errorf("Route(%q, %q)(%s %s) = %v; want %v", tt.method, tt.pattern, tt.req.Method, tt.req.Path, got, tt.want)
		}
	}
}

func TestMultipartBody(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	srv.AddChannel(&discordgo.Channel{ID: channelID, GuildID: guildID, Type: discordgo.ChannelTypeGuildText})
	s := newSession(t, srv)
	m, err := s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
		Content: "see attached",
		Files:   []*discordgo.File{{Name: "answer.md", ContentType: "text/markdown", Reader: strings.NewReader("# Answer")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "answer.md" || m.Attachments[0].Size != 8 {
		t.Errorf("attachments = %+v; want answer.md of 8 bytes", m.Attachments)
	}
	r, err := srv.WaitRequest(waitCtx(t), Route("POST", "/api/v9/channels/{}/messages"))
	if err != nil {
		t.Fatal(err)
	}
	var body discordgo.MessageSend
	if err := r.JSON(&body); err != nil || body.Content != "see attached" {
		t.Errorf("Request.JSON = %+v, %v; want the payload_json part", body, err)
	}
	if got := string(r.Files()["answer.md"]); got != "# Answer" {
		t.Errorf("Files()[answer.md] = %q", got)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
	}
}

func TestWaitRequestTimeoutSummary(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := newSession(t, srv)
	if _, err := s.Gateway(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := srv.WaitRequest(ctx, Route("DELETE", "/api/v9/anything"))
	if err == nil || !strings.Contains(err.Error(), "GET /api/v9/gateway -> 200") {
		t.Errorf("WaitRequest error = %v; want a summary with GET /api/v9/gateway", err)
	}
}

func TestUnauthorized(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := newSession(t, srv)
	s.Token = "x" // no "Bot " prefix
	_, err := s.User("@me")
	restError(t, err, http.StatusUnauthorized, 0)
}

// TestNoGoroutineLeak runs alone (not parallel): after Close, none of the
// fake's goroutines may remain.
func TestNoGoroutineLeak(t *testing.T) {
	srv := New(t, Options{})
	s := newSession(t, srv)
	s.ShouldReconnectOnError = false
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	s.Close()
	deadline := time.Now().Add(3 * time.Second)
	for {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "discordtest.(*Server)") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines left after Close:\n%s", stacks)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
