package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"cabot/bot/discordtest"
	"cabot/corpus/postgres"
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

// The acceptance 3: SIGKILL of one shard process while the CLI
// ingests loses nothing. After shard 1 is killed and started again, both
// shards answer from every document that the store lists.
func TestShardKilledDuringIngestionAnswersEverything(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it as three processes")
	}
	db := pgtest.Database(t)
	bin := filepath.Join(t.TempDir(), "cabot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	srv := discordtest.New(t, discordtest.Options{Shards: 2})
	base := []string{"CABOT_STORE_URL=" + db, "CABOT_DISCORD_TOKEN=token", "CABOT_DISCORD_API_BASE_URL=" + srv.APIBase(),
		"CABOT_DISCORD_SHARD_COUNT=2", "CABOT_DOCUMENTS_SHARED=true", "CABOT_DISCORD_USER_QUESTIONS_PER_MINUTE=0",
		"CABOT_DISCORD_GUILD_QUESTIONS_PER_MINUTE=0", "HOME=" + t.TempDir()}
	serve := func(shard int) *exec.Cmd {
		cmd := exec.Command(bin, "serve")
		cmd.Env = append(base, "CABOT_DATA_DIR="+t.TempDir(), "CABOT_DISCORD_SHARD_ID="+strconv.Itoa(shard))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() })
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		if err := srv.WaitShard(ctx, shard, 2); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	serve(0)
	victim := serve(1)

	src := t.TempDir()
	const n = 100
	writeArticles(t, src, n)
	ingest := exec.Command(bin, "ingest", src)
	ingest.Env = append(base, "CABOT_DATA_DIR="+t.TempDir())
	var ingestOut strings.Builder
	ingest.Stdout = &ingestOut
	if err := ingest.Start(); err != nil {
		t.Fatal(err)
	}
	store, err := postgres.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	// Kill shard 1 once the ingestion is under way, not yet done.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if docs, _, err := store.Counts(context.Background()); err == nil && docs > n/4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the ingestion did not start within 30 s")
		}
	}
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill shard 1: %v", err)
	}
	victim.Wait()
	atKill, _, _ := store.Counts(context.Background())
	if err := ingest.Wait(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, ingestOut.String())
	}
	serve(1)

	docs, err := store.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, d := range docs {
		if num, ok := strings.CutPrefix(d.Title, "Cooperation note "); ok {
			notes = append(notes, num)
		}
	}
	if len(notes) != n {
		t.Fatalf("the store lists %d notes; want %d (ingest: %s)", len(notes), n, lastLine(ingestOut.String()))
	}
	asked, again := 0, 0
	wctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, num := range notes {
		var k int
		fmt.Sscanf(num, "%d", &k)
		want := fmt.Sprint(1000 + k)
		for shard := range 2 {
			// A process follows the feed about once a second: a question
			// may be asked again within 2 s.
			var answer string
			for start := time.Now(); ; {
				asked++
				i, err := srv.SendInteraction(srv.InGuild(discordtest.SlashCommand("ask",
					discordtest.StringOption("question", "How many nurses did Project P"+num+" train in Ganja?")),
					shardGuild(shard, asked), fmt.Sprintf("3000000000000%05d", asked), "400000000000000001", 0))
				if err != nil {
					t.Fatal(err)
				}
				edit, err := srv.WaitRequest(wctx, discordtest.Route("PATCH", "/api/v9/webhooks/{}/"+i.Token+"/messages/@original"))
				if err != nil {
					t.Fatal(err)
				}
				if answer = string(edit.Body); strings.Contains(answer, want) || time.Since(start) > 2*time.Second {
					break
				}
				again++
				t.Logf("shard %d did not answer Project P%s at first, asked again: %.120s", shard, num, answer)
				time.Sleep(200 * time.Millisecond)
			}
			if !strings.Contains(answer, want) {
				t.Errorf("shard %d on Project P%s: %.200s; want %s", shard, num, answer, want)
			}
		}
	}
	t.Logf("shard 1 killed with %d documents stored (bundled included) of the %d being ingested, restarted: %d questions (%d asked again), each answered on its shard", atKill, n, asked, again)
}
