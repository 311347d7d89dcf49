package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"cabot/bot/discordtest"
)

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
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs strings.Builder
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, strings.NewReader(""), &out, &syncWriter{b: &errs}, func(k string) (string, bool) {
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
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown; want 0 (stderr: %s)", code, errs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if strings.Contains(errs.String(), "secret-canary-token") || strings.Contains(out.String(), "secret-canary-token") {
		t.Error("the token appeared in serve's output")
	}
}
