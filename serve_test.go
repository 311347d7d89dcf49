package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"cabot/bot/discordtest"
)

// mu guards the log buffer serve writes to.
var mu sync.Mutex

func TestServeWithoutTokenExits2(t *testing.T) {
	_, errs, code := cabot(t, map[string]string{"CABOT_DATA_DIR": t.TempDir()}, "", "serve")
	if code != 2 || !strings.Contains(errs, "CABOT_DISCORD_TOKEN") {
		t.Errorf("serve without a token exited %d with %q; want 2 and the variable to set", code, errs)
	}
}

// TestServeThroughLoopbackDiscord runs the real wiring of "cabot serve"
// against the loopback Discord: commands registered, /ask deferred then
// answered, and a clean exit 0 on shutdown.
func TestServeThroughLoopbackDiscord(t *testing.T) {
	srv := discordtest.New(t, discordtest.Options{})
	env := map[string]string{
		"CABOT_DATA_DIR":             t.TempDir(),
		"CABOT_DISCORD_TOKEN":        "secret-canary-token",
		"CABOT_DISCORD_API_BASE_URL": srv.APIBase(),
		"CABOT_METRICS_LISTEN":       "127.0.0.1:0",
		"CABOT_LOG_LEVEL":            "debug",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs strings.Builder
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, strings.NewReader(""), &out, &syncWriter{b: &errs, mu: &mu}, func(k string) (string, bool) {
			v, ok := env[k]
			return v, ok
		})
	}()
	wctx, wcancel := context.WithTimeout(ctx, 20*time.Second)
	defer wcancel()
	if _, err := srv.WaitRequest(wctx, discordtest.Route("PUT", "/api/v9/applications/{}/commands")); err != nil {
		t.Fatalf("commands not registered: %v", err)
	}
	i, err := srv.SendInteraction(srv.InGuild(discordtest.SlashCommand("ask",
		discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?")),
		"200000000000000001", "300000000000000001", "400000000000000001", 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitRequest(wctx, discordtest.Route("POST", "/api/v9/interactions/"+i.ID+"/"+i.Token+"/callback")); err != nil {
		t.Fatal(err)
	}
	edit, err := srv.WaitRequest(wctx, discordtest.Route("PATCH", "/api/v9/webhooks/{}/"+i.Token+"/messages/@original"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(edit.Body), "77,000") {
		t.Errorf("answer %s lacks the fact", edit.Body)
	}
	// The acceptance 4 (observability): metrics after one question.
	addr := listenAddr(t, &errs)
	for _, path := range []string{"/healthz", "/readyz"} {
		if code, _ := get(t, "http://"+addr+path); code != 200 {
			t.Errorf("GET %s = %d; want 200", path, code)
		}
	}
	_, metrics := get(t, "http://"+addr+"/metrics")
	for _, want := range []string{`cabot_questions_total{source="slash"} 1`, `cabot_answers_total{grounded="true",mode="extractive"} 1`,
		"cabot_answer_seconds_bucket", "cabot_gateway_connected 1", "cabot_grounded_ratio 1"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown; want 0 (stderr: %s)", code, errs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	// The token never appears in a log line (debug level included), or in
	// anything sent to Discord.
	if strings.Contains(errs.String(), "secret-canary-token") || strings.Contains(out.String(), "secret-canary-token") {
		t.Error("the token appeared in serve's output")
	}
	for _, r := range srv.Requests() {
		if strings.Contains(string(r.Body), "secret-canary-token") {
			t.Errorf("the token appeared in a request body: %s %s", r.Method, r.Path)
		}
	}
	if out, _, _ := cabot(t, env, "", "config"); strings.Contains(out, "secret-canary-token") || !strings.Contains(out, "<redacted>") {
		t.Errorf("cabot config shows the token:\n%s", out)
	}
}

// listenAddr finds the metrics address in serve's log.
func listenAddr(t *testing.T, logs *strings.Builder) string {
	t.Helper()
	for wait := 0; wait < 100; wait++ {
		mu.Lock()
		text := logs.String()
		mu.Unlock()
		if k := strings.Index(text, `msg="health and metrics listening" addr=`); k >= 0 {
			rest := text[k+len(`msg="health and metrics listening" addr=`):]
			return strings.Fields(rest)[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("serve did not log its metrics address")
	return ""
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
