package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"cabot/bot/discordtest"
	"cabot/corpus/postgres/pgtest"

	"github.com/bwmarrin/discordgo"
)

// shardGuild returns a guild ID that Discord puts on shard of 2, distinct
// for each n.
func shardGuild(shard, n int) string {
	return strconv.FormatUint(uint64(2*n+shard)<<22|uint64(n), 10)
}

// The acceptance 2: two "cabot serve" processes, shards 0 and 1
// of 2, on one loopback Discord and one PostgreSQL database. A moderator's
// /doc add confirmed in a server on shard 0, with documents.shared, is
// answered in a server on shard 1 within 2 s; "cabot docs remove" from a
// third process makes it unanswerable on both within 2 s.
func TestTwoShardsShareOnePostgreSQL(t *testing.T) {
	db := pgtest.Database(t)
	srv := discordtest.New(t, discordtest.Options{Shards: 2})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := make([]*strings.Builder, 2)
	done := make(chan int, 2)
	for shard := range 2 {
		env := map[string]string{
			"CABOT_DATA_DIR":             t.TempDir(),
			"CABOT_STORE_URL":            db,
			"CABOT_DISCORD_TOKEN":        "token",
			"CABOT_DISCORD_API_BASE_URL": srv.APIBase(),
			"CABOT_DISCORD_SHARD_ID":     strconv.Itoa(shard),
			"CABOT_DISCORD_SHARD_COUNT":  "2",
			"CABOT_DOCUMENTS_SHARED":     "true",
		}
		logs[shard] = &strings.Builder{}
		go func() {
			done <- run(ctx, []string{"serve"}, strings.NewReader(""), &strings.Builder{}, &syncWriter{b: logs[shard], mu: &mu}, func(k string) (string, bool) {
				v, ok := env[k]
				return v, ok
			})
		}()
	}
	defer func() {
		cancel()
		for range 2 {
			select {
			case code := <-done:
				if code != 0 {
					mu.Lock()
					t.Errorf("a serve exited %d; want 0 (shard 0: %s\nshard 1: %s)", code, logs[0], logs[1])
					mu.Unlock()
				}
			case <-time.After(20 * time.Second):
				t.Error("a serve did not stop")
			}
		}
	}()
	wctx, wcancel := context.WithTimeout(ctx, 60*time.Second)
	defer wcancel()
	for shard := range 2 {
		if err := srv.WaitShard(wctx, shard, 2); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := srv.WaitRequest(wctx, discordtest.Route("PUT", "/api/v9/applications/{}/commands")); err != nil {
		t.Fatalf("commands not registered: %v", err)
	}

	const moderator = "400000000000000010"
	g0 := shardGuild(0, 1)
	asked := 0
	// ask asks in a new server on shard (each has its own rate limit) and
	// returns the answer.
	ask := func(shard int) string {
		t.Helper()
		asked++
		g := shardGuild(shard, 10+asked)
		i, err := srv.SendInteraction(srv.InGuild(discordtest.SlashCommand("ask",
			discordtest.StringOption("question", "How many tonnes of nickel did Cuba ship to Azerbaijan?")),
			g, fmt.Sprintf("3000000000000%05d", asked), fmt.Sprintf("4000000000000%05d", asked), 0))
		if err != nil {
			t.Fatal(err)
		}
		actx, acancel := context.WithTimeout(wctx, 10*time.Second)
		defer acancel()
		edit, err := srv.WaitRequest(actx, discordtest.Route("PATCH", "/api/v9/webhooks/{}/"+i.Token+"/messages/@original"))
		if err != nil {
			t.Fatal(err)
		}
		return string(edit.Body)
	}
	within := func(limit time.Duration, shard int, ok func(string) bool) (time.Duration, bool) {
		t.Helper()
		start := time.Now()
		for {
			if ok(ask(shard)) {
				return time.Since(start), true
			}
			if time.Since(start) > limit {
				return time.Since(start), false
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	hasFact := func(a string) bool { return strings.Contains(a, "12,500") }
	for shard := range 2 {
		if a := ask(shard); hasFact(a) {
			t.Fatalf("shard %d answers before the article is added: %s", shard, a)
		}
	}

	// The moderator pastes the article in a server on shard 0 (the /doc
	// add form) and confirms the preview.
	input := func(id, v string) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: id, Value: v}}}
	}
	sub, err := srv.SendInteraction(srv.InGuild(&discordgo.Interaction{Type: discordgo.InteractionModalSubmit, Data: discordgo.ModalSubmitInteractionData{
		CustomID: "docmodal", Components: []discordgo.MessageComponent{
			input("title", "Cuban nickel for Baku"), input("outlet", "Example News"), input("link", "https://example.org/news/nickel-for-baku"),
			input("published", "2024-03-20"), input("text", "Cuba shipped 12,500 tonnes of nickel to Azerbaijan in March 2024, the trade ministry said.\n\n"+
				"The shipment left the port of Moa and is the first of its kind between the two countries."),
		}}}, g0, "300000000000000001", moderator, int64(discordgo.PermissionManageGuild)))
	if err != nil {
		t.Fatal(err)
	}
	preview, err := srv.WaitRequest(wctx, discordtest.Route("PATCH", "/api/v9/webhooks/{}/"+sub.Token+"/messages/@original"))
	if err != nil {
		t.Fatal(err)
	}
	k := strings.Index(string(preview.Body), "doc:ok:")
	if k < 0 {
		t.Fatalf("preview without a Confirm button: %s", preview.Body)
	}
	token := strings.TrimRight(strings.SplitN(string(preview.Body)[k+len("doc:ok:"):], `"`, 2)[0], `\`)
	c, err := srv.SendInteraction(srv.InGuild(discordtest.Button("doc:ok:"+token, &discordgo.Message{ID: "900000000000000005", ChannelID: "300000000000000001"}),
		g0, "300000000000000001", moderator, int64(discordgo.PermissionManageGuild)))
	if err != nil {
		t.Fatal(err)
	}
	added, err := srv.WaitRequest(wctx, discordtest.Route("PATCH", "/api/v9/webhooks/{}/"+c.Token+"/messages/@original"))
	if err != nil || !strings.Contains(string(added.Body), "Added") {
		t.Fatalf("after Confirm: %s (%v); want the article added", added.Body, err)
	}
	confirmed := time.Now()
	took, ok := within(2*time.Second, 1, hasFact)
	if !ok {
		t.Fatalf("shard 1 did not answer from the article confirmed on shard 0 within 2 s (%v)", took)
	}
	t.Logf("answerable on shard 1 %v after the Confirm on shard 0", time.Since(confirmed).Round(time.Millisecond))
	if a := ask(0); !hasFact(a) {
		t.Errorf("shard 0 does not answer from the article it added: %s", a)
	}

	// A third process, the moderators' CLI, removes it.
	cli := map[string]string{"CABOT_DATA_DIR": t.TempDir(), "CABOT_STORE_URL": db}
	list, stderr, code := cabot(t, cli, "", "docs", "list")
	if code != 0 {
		t.Fatalf("docs list exited %d: %s", code, stderr)
	}
	var id string
	for _, line := range strings.Split(list, "\n") {
		if strings.Contains(line, "Cuban nickel for Baku") {
			id = strings.Fields(line)[0]
		}
	}
	if id == "" {
		t.Fatalf("docs list does not show the article:\n%s", list)
	}
	if out, stderr, code := cabot(t, cli, "", "docs", "remove", id); code != 0 {
		t.Fatalf("docs remove exited %d: %s %s", code, out, stderr)
	}
	removed := time.Now()
	for shard := range 2 {
		if took, ok := within(2*time.Second-time.Since(removed), shard, func(a string) bool { return !hasFact(a) }); !ok {
			t.Errorf("shard %d still answers from the removed article %v after cabot docs remove", shard, took)
		}
	}
	t.Logf("unanswerable on both shards %v after cabot docs remove returned", time.Since(removed).Round(time.Millisecond))
}
