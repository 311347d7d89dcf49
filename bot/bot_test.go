package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cabot/bot"
	"cabot/bot/discordtest"
	"cabot/corpus"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

func TestRegistersCommandsOnReadyWithMinimalIntents(t *testing.T) {
	h := start(t, options{})
	names := map[string]bool{}
	for _, c := range h.srv.Commands("") {
		names[c.Name] = true
	}
	for _, want := range []string{"ask", "sources", "about", "doc", "summary", "timeline", "Add to documents"} {
		if !names[want] {
			t.Errorf("global commands %v lack /%s", names, want)
		}
	}
	raw, ok := h.srv.Identify()
	if !ok {
		t.Fatal("no IDENTIFY received")
	}
	var id struct {
		Token   string `json:"token"`
		Intents int64  `json:"intents"`
	}
	if err := json.Unmarshal(raw, &id); err != nil {
		t.Fatal(err)
	}
	if id.Token != "Bot test-token" {
		t.Errorf("identify token = %q; want the \"Bot \" prefix added", id.Token)
	}
	want := int64(discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages)
	if id.Intents != want {
		t.Errorf("intents = %d; want %d (guilds, guild messages, DMs; no message content)", id.Intents, want)
	}
}

func TestCommandsInConfiguredGuilds(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) { c.Guilds = []string{guildID} }})
	if n := len(h.srv.Commands(guildID)); n != 7 {
		t.Errorf("guild commands = %d; want 7", n)
	}
	if n := len(h.srv.Commands("")); n != 0 {
		t.Errorf("global commands = %d; want none when guilds are configured", n)
	}
}

func TestAskIsDeferredThenEditedWithCitedAnswer(t *testing.T) {
	h := start(t, options{})
	i := h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"))
	cb := h.wait(callback(i))
	typ, data := decodeCallback(t, cb)
	if typ != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) || data.Flags&64 != 0 {
		t.Fatalf("first response type %d flags %d; want a public deferred response (5)", typ, data.Flags)
	}
	edit := h.wait(original(i))
	if !edit.Time.After(cb.Time) && !edit.Time.Equal(cb.Time) {
		t.Errorf("the answer (%v) came before the acknowledgement (%v)", edit.Time, cb.Time)
	}
	msg := decodeSent(t, edit)
	text := msg.text()
	if !strings.Contains(text, "77,000") || !strings.Contains(text, "[1]") {
		t.Errorf("answer %q lacks the fact or its citation [1]", text)
	}
	if !strings.Contains(text, "Interest in deepening cooperation in health") || !strings.Contains(text, articleURL) || !strings.Contains(text, "Radio Habana Cuba") {
		t.Errorf("answer %q does not list the source with title, outlet and link", text)
	}
	noPings(t, msg, "answer")
	if len(msg.Components) == 0 || !strings.Contains(string(msg.Components[0]), "Helpful") || !strings.Contains(string(msg.Components[0]), "Quotes") {
		t.Errorf("answer buttons = %s; want Helpful, Not helpful and Quotes", msg.Components)
	}
}

func TestPrivateAskIsEphemeral(t *testing.T) {
	h := start(t, options{})
	i := h.slash("ask", discordtest.StringOption("question", "Who led the Cuban delegation?"), discordtest.BoolOption("private", true))
	_, data := decodeCallback(t, h.wait(callback(i)))
	if data.Flags&64 == 0 {
		t.Errorf("private /ask deferred with flags %d; want ephemeral (64)", data.Flags)
	}
	if text := decodeSent(t, h.wait(original(i))).text(); !strings.Contains(text, "Valdés Mesa") {
		t.Errorf("answer %q lacks the fact", text)
	}
}

func TestUngroundedAnswerSaysSo(t *testing.T) {
	h := start(t, options{})
	i := h.slash("ask", discordtest.StringOption("question", "What is the recipe for paella?"))
	text := decodeSent(t, h.wait(original(i))).text()
	if !strings.Contains(text, "do not cover") || !strings.Contains(text, "Interest in deepening cooperation in health") {
		t.Errorf("answer %q; want it to say the documents do not cover it and name the nearest", text)
	}
}

func TestMentionStartsThreadAndFollowUpNeedsNoMention(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) { c.MessageContent = true }})
	q := h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID,
		Content:  "<@" + h.srv.BotID() + "> How many patients did the Cuban health workers attend in Azerbaijan?",
		Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	th := h.wait(discordtest.Route("POST", "/api/v9/channels/"+channelID+"/messages/"+q.ID+"/threads"))
	var thread struct {
		Name string `json:"name"`
	}
	if err := th.JSON(&thread); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(thread.Name, "How many patients") || strings.Contains(thread.Name, "<@") {
		t.Errorf("thread name = %q; want the question without the mention", thread.Name)
	}
	threadID := findThread(t, h, channelID)
	ans := decodeSent(t, h.wait(postTo(threadID)))
	if !strings.Contains(ans.text(), "77,000") {
		t.Errorf("answer in thread %q lacks the fact", ans.text())
	}
	noPings(t, ans, "thread answer")

	// A follow-up in the thread, without a mention, leaning on the first
	// question ("and how many?" alone would not be answerable).
	h.message(&discordgo.Message{ChannelID: threadID, GuildID: guildID, Content: "and how many?"})
	posts := waitPosts(t, h, threadID, 2)
	if follow := posts[1]; !strings.Contains(follow.text(), "77,000") {
		t.Errorf("follow-up answer %q; want the thread's context to resolve it", follow.text())
	}
}

// waitPosts waits until n messages were posted to the channel and returns them.
func waitPosts(t *testing.T, h *harness, channel string, n int) []sent {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var out []sent
		for _, r := range h.srv.Requests() {
			if postTo(channel)(r) {
				out = append(out, decodeSent(t, r))
			}
		}
		if len(out) >= n {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages posted to %s; want %d", len(out), channel, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestWithoutMessageContentFollowUpsMustMention(t *testing.T) {
	h := start(t, options{})
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID,
		Content:  "<@" + h.srv.BotID() + "> How many aid workers were in the second brigade?",
		Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	threadID := findThread(t, h, channelID)
	first := waitPosts(t, h, threadID, 1)[0]
	// The answer says how to follow up, since a plain message cannot be read.
	if text := first.text(); !strings.Contains(text, "To follow up, reply to this message with the ping on, or mention @") {
		t.Errorf("thread answer %q does not say how to follow up", text)
	}
	// Discord sends this one with empty content: the bot says it could not
	// read it and how to be read, not "ask me a question".
	h.message(&discordgo.Message{ChannelID: threadID, GuildID: guildID, Content: "and who led the delegation?"})
	posts := waitPosts(t, h, threadID, 2)
	if text := posts[1].text(); !strings.HasPrefix(text, "I could not read that message: mention me") || strings.Contains(text, "Ask me a question") {
		t.Errorf("reply to an unreadable follow-up = %q; want \"I could not read that message: mention me…\"", text)
	}
	noPings(t, posts[1], "unreadable reply")
	// Said once in a while, not under every message of a conversation.
	h.message(&discordgo.Message{ChannelID: threadID, GuildID: guildID, Content: "thanks"})
	time.Sleep(500 * time.Millisecond)
	if n := len(waitPosts(t, h, threadID, 2)); n != 2 {
		t.Errorf("%d messages in the thread after a second unreadable one; want 2 (told once in a while, not every time)", n)
	}
	// With a mention it is answered, in the same thread.
	h.message(&discordgo.Message{ChannelID: threadID, GuildID: guildID, Content: "<@" + h.srv.BotID() + "> who led the Cuban delegation?",
		Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	if posts := waitPosts(t, h, threadID, 3); !strings.Contains(posts[2].text(), "Valdés Mesa") {
		t.Errorf("mentioned follow-up answer %q lacks the fact", posts[2].text())
	}
	threads := 0
	for _, r := range h.srv.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/threads") {
			threads++
		}
	}
	if threads != 1 {
		t.Errorf("%d threads started; want 1 (none inside the thread)", threads)
	}
}

func findThread(t *testing.T, h *harness, parent string) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, r := range h.srv.Requests() {
			if r.Method == "POST" && strings.HasPrefix(r.Path, "/api/v9/channels/") && strings.HasSuffix(r.Path, "/messages") {
				id := strings.TrimSuffix(strings.TrimPrefix(r.Path, "/api/v9/channels/"), "/messages")
				if c, ok := h.srv.Channel(id); ok && c.ParentID == parent {
					return id
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no message posted in a thread of %s; requests: %v", parent, h.srv.Requests())
	return ""
}

func TestMentionWhereThreadsAreNotAllowedReplies(t *testing.T) {
	h := start(t, options{})
	h.srv.FailNext(discordtest.Route("POST", "/api/v9/channels/"+channelID+"/messages/{}/threads"), 1, 403,
		`{"message":"Missing Permissions","code":50013}`)
	q := h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID,
		Content:  "<@!" + h.srv.BotID() + "> Who is the President of Azerbaijan?",
		Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	reply := decodeSent(t, h.wait(postTo(channelID)))
	if reply.MessageReference == nil || reply.MessageReference.MessageID != q.ID {
		t.Errorf("answer is not a reply to the question: reference %+v", reply.MessageReference)
	}
	if !strings.Contains(reply.text(), "Ilham Aliye") {
		t.Errorf("reply %q lacks the fact", reply.text())
	}
	noPings(t, reply, "reply")
}

func TestMessagesThatDoNotConcernTheBotAreIgnored(t *testing.T) {
	h := start(t, options{})
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID, Content: "How many patients were attended?"})
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID, Content: "<@" + h.srv.BotID() + "> hi",
		Author: &discordgo.User{ID: otherUser, Bot: true}, Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	h.none(func(r discordtest.Request) bool { return r.Method == "POST" && strings.Contains(r.Path, "/channels/") }, 500*time.Millisecond,
		"the bot answered a message that did not mention it, or a bot")
}

func TestDirectMessageIsAnswered(t *testing.T) {
	h := start(t, options{})
	h.message(&discordgo.Message{ChannelID: dmChannel, Content: "How many aid workers were in the second brigade?"})
	ans := decodeSent(t, h.wait(postTo(dmChannel)))
	if !strings.Contains(ans.text(), "120 aid workers") {
		t.Errorf("DM answer %q lacks the fact", ans.text())
	}
}

// bigKnowledge returns a very long answer with many sources.
type bigKnowledge struct{ bot.Knowledge }

func (bigKnowledge) Ask(ctx context.Context, q rag.Question, onText func(string)) (rag.Answer, error) {
	var parts []string
	var srcs []rag.Source
	for n := 1; n <= 30; n++ {
		parts = append(parts, strings.Repeat(fmt.Sprintf("Sentence %d of a long answer about cooperation. ", n), 8)+fmt.Sprintf("[%d]", n))
		srcs = append(srcs, rag.Source{N: n, Doc: rag.DocInfo{ID: fmt.Sprint(n), Title: fmt.Sprintf("Article number %d with a rather long title", n),
			Outlet: "Outlet", URL: fmt.Sprintf("https://example.org/articles/%d", n)}, Quote: "q", Quotes: []rag.Quote{{Text: "q"}}})
	}
	return rag.Answer{Text: strings.Join(parts, "\n\n"), Grounded: true, Mode: "extractive", Sources: srcs}, nil
}

// Timeline returns 30 long dated events, one per source.
func (bigKnowledge) Timeline(ctx context.Context, req rag.TimelineRequest) (rag.Timeline, error) {
	var tl rag.Timeline
	for n := 1; n <= 30; n++ {
		doc := rag.DocInfo{ID: fmt.Sprint(n), Title: fmt.Sprintf("Article number %d with a rather long title", n),
			Outlet: "Outlet", URL: fmt.Sprintf("https://example.org/articles/%d", n)}
		text := strings.TrimSpace(strings.Repeat(fmt.Sprintf("Sentence %d of a long answer about cooperation. ", n), 8))
		tl.Events = append(tl.Events, rag.Event{N: n, Date: time.Date(1990+n, 1, 1, 0, 0, 0, 0, time.UTC), When: fmt.Sprint(1990 + n),
			Quote: rag.Quote{Text: text}, Doc: doc})
		tl.Sources = append(tl.Sources, rag.Source{N: n, Doc: doc, Quote: text, Quotes: []rag.Quote{{Text: text}}})
	}
	return tl, nil
}

func TestOverLongTimelineContinuesInFollowupMessages(t *testing.T) {
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return bigKnowledge{k} }})
	i := h.slash("timeline")
	parts := answerParts(t, h, i, 2)
	time.Sleep(300 * time.Millisecond)
	checkParts(t, answerParts(t, h, i, len(parts)))
}

func TestOverLongAnswerContinuesInFollowupMessages(t *testing.T) {
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return bigKnowledge{k} }})
	i := h.slash("ask", discordtest.StringOption("question", "Tell me everything"))
	parts := answerParts(t, h, i, 2)
	time.Sleep(300 * time.Millisecond)
	parts = answerParts(t, h, i, len(parts)) // all of them, once sent
	checkParts(t, parts)
	if last := parts[len(parts)-1]; len(last.Components) == 0 || !strings.Contains(string(last.Components[0]), "Helpful") {
		t.Errorf("the last part has no feedback buttons: %s", last.Components)
	}
}

func TestOverLongMentionAnswerContinues(t *testing.T) {
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return bigKnowledge{k} }})
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID,
		Content: "<@" + h.srv.BotID() + "> Tell me everything", Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	threadID := findThread(t, h, channelID)
	waitPosts(t, h, threadID, 2)
	time.Sleep(300 * time.Millisecond)
	checkParts(t, waitPosts(t, h, threadID, 2))
}

// checkParts checks that an answer of bigKnowledge is all there, over
// messages within Discord's limits, each listing the sources it cites.
func checkParts(t *testing.T, parts []sent) {
	t.Helper()
	if len(parts) < 2 {
		t.Fatalf("%d messages; want the long answer continued over several", len(parts))
	}
	var all strings.Builder
	for k, msg := range parts {
		if len(msg.Embeds) == 0 || len(msg.Embeds) > 10 {
			t.Fatalf("part %d: %d embeds; want 1 to 10", k+1, len(msg.Embeds))
		}
		total := 0
		for _, e := range msg.Embeds {
			total += bot.EmbedLength(e)
			if n := utf8.RuneCountInString(e.Description); n > 4096 {
				t.Errorf("part %d: embed description of %d characters; the limit is 4096", k+1, n)
			}
			for _, f := range e.Fields {
				if utf8.RuneCountInString(f.Value) > 1024 {
					t.Errorf("part %d: field of %d characters; the limit is 1024", k+1, utf8.RuneCountInString(f.Value))
				}
			}
			if strings.HasPrefix(strings.TrimSpace(e.Description), "[") {
				t.Errorf("part %d starts with a citation cut from its sentence: %.40q", k+1, e.Description)
			}
		}
		if total > 6000 {
			t.Errorf("part %d: embeds total %d characters; the limit is 6000", k+1, total)
		}
		noPings(t, msg, fmt.Sprintf("part %d", k+1))
		text := msg.text()
		if want := fmt.Sprintf("(%d/%d)", k+1, len(parts)); !strings.Contains(msg.Embeds[0].Title, want) {
			t.Errorf("part %d title %q; want it numbered %s", k+1, msg.Embeds[0].Title, want)
		}
		for n := 1; n <= 30; n++ {
			if strings.Contains(text, fmt.Sprintf("answer about cooperation. [%d]", n)) &&
				!strings.Contains(text, fmt.Sprintf("https://example.org/articles/%d)", n)) {
				t.Errorf("part %d cites [%d] but does not list that source", k+1, n)
			}
		}
		all.WriteString(text)
	}
	text := all.String()
	if strings.Contains(text, "…") {
		t.Errorf("the answer was cut (it contains \"…\")")
	}
	for n := 1; n <= 30; n++ {
		if c := strings.Count(text, fmt.Sprintf("Sentence %d of a long answer", n)); c != 8 {
			t.Errorf("sentence %d shown %d times; want 8 (nothing cut)", n, c)
		}
		if !strings.Contains(text, fmt.Sprintf("https://example.org/articles/%d)", n)) {
			t.Errorf("citation %d is missing from the answer", n)
		}
	}
}

func TestPublicAskShowsTheQuestionNeutralised(t *testing.T) {
	h := start(t, options{})
	q := "@everyone <@" + otherUser + "> how many patients did the Cuban health workers attend? [see](https://evil.example/x)"
	i := h.slash("ask", discordtest.StringOption("question", q))
	msg := decodeSent(t, h.wait(original(i)))
	if len(msg.Embeds) == 0 || msg.Embeds[0].Author == nil {
		t.Fatalf("answer %q does not show the question", msg.text())
	}
	shown := msg.Embeds[0].Author.Name
	if !strings.Contains(shown, "how many patients did the Cuban health workers attend?") {
		t.Errorf("question shown as %q; want the question", shown)
	}
	if strings.Contains(shown, "@everyone") || strings.Contains(shown, "<@"+otherUser+">") || strings.Contains(shown, "](https://") {
		t.Errorf("question shown as %q; want mentions and links defanged", shown)
	}
	if utf8.RuneCountInString(shown) > 256 {
		t.Errorf("question shown in %d characters; the limit is 256", utf8.RuneCountInString(shown))
	}
	noPings(t, msg, "answer")
	long := strings.Repeat("How many patients did the Cuban doctors attend in Azerbaijan? ", 8)
	i = h.slash("ask", discordtest.StringOption("question", long))
	msg = decodeSent(t, h.wait(original(i)))
	if msg.Embeds[0].Author == nil || utf8.RuneCountInString(msg.Embeds[0].Author.Name) > 256 || !strings.HasSuffix(msg.Embeds[0].Author.Name, "…") {
		t.Errorf("a %d-character question shown as %+v; want it cut within 256 characters", len(long), msg.Embeds[0].Author)
	}
}

func TestEveryoneInADocumentPingsNobody(t *testing.T) {
	doc, err := corpus.ParseArticle("# Party notice\n\n@everyone the Cuban brigade party in Baku starts at nine, said <@&555> and @here.\n")
	if err != nil {
		t.Fatal(err)
	}
	h := start(t, options{docs: []corpus.Document{doc}})
	i := h.slash("ask", discordtest.StringOption("question", "When does the Cuban brigade party in Baku start?"))
	msg := decodeSent(t, h.wait(original(i)))
	text := msg.text()
	if !strings.Contains(text, "party in Baku") {
		t.Fatalf("answer %q does not quote the document", text)
	}
	if strings.Contains(text, "@everyone") || strings.Contains(text, "@here") || strings.Contains(text, "<@&555>") {
		t.Errorf("answer %q contains a live mention", text)
	}
	noPings(t, msg, "answer")
}

func TestRateLimitTriggersAndRecovers(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) { c.UserPerMinute = 120 }}) // 2 a second, burst 3
	q := discordtest.StringOption("question", "Who led the Cuban delegation?")
	for n := 0; n < 3; n++ {
		i := h.slash("ask", q)
		if typ, _ := decodeCallback(t, h.wait(callback(i))); typ != 5 {
			t.Fatalf("question %d: response type %d; want deferred (5)", n+1, typ)
		}
	}
	i := h.slash("ask", q)
	typ, data := decodeCallback(t, h.wait(callback(i)))
	if typ != 4 || data.Flags&64 == 0 || !strings.Contains(data.Content, "try again in") {
		t.Fatalf("4th quick question: type %d flags %d %q; want a private 'try again in' message", typ, data.Flags, data.Content)
	}
	// Another user is not limited.
	j := h.slashAs(otherUser, "ask", q)
	if typ, _ := decodeCallback(t, h.wait(callback(j))); typ != 5 {
		t.Errorf("another user's question: type %d; want deferred (5)", typ)
	}
	time.Sleep(600 * time.Millisecond) // one token refills in 0.5 s
	k := h.slash("ask", q)
	if typ, _ := decodeCallback(t, h.wait(callback(k))); typ != 5 {
		t.Errorf("after waiting, type %d; want deferred (5)", typ)
	}
}

// panicky panics on one question.
type panicky struct{ bot.Knowledge }

func (p panicky) Ask(ctx context.Context, q rag.Question, onText func(string)) (rag.Answer, error) {
	if q.Text == "boom" {
		panic("test panic")
	}
	return p.Knowledge.Ask(ctx, q, onText)
}

func TestPanicInOneHandlerLeavesTheBotAnswering(t *testing.T) {
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return panicky{k} }})
	i := h.slash("ask", discordtest.StringOption("question", "boom"))
	failure := h.wait(func(r discordtest.Request) bool {
		return r.Method != "GET" && strings.Contains(r.Path, i.Token) && strings.Contains(string(r.Body), "went wrong")
	})
	if !strings.Contains(string(failure.Body), i.ID) {
		t.Errorf("failure message %s does not carry the reference %s", failure.Body, i.ID)
	}
	j := h.slash("ask", discordtest.StringOption("question", "How many aid workers were in the second brigade?"))
	if text := decodeSent(t, h.wait(original(j))).text(); !strings.Contains(text, "120") {
		t.Errorf("after a panic, answer %q; want the bot still answering", text)
	}
}

// gated blocks answers until released.
type gated struct {
	bot.Knowledge
	started chan struct{}
	release chan struct{}
}

func (g gated) Ask(ctx context.Context, q rag.Question, onText func(string)) (rag.Answer, error) {
	g.started <- struct{}{}
	<-g.release
	return g.Knowledge.Ask(ctx, q, onText)
}

func TestShutdownFinishesAnswerInFlight(t *testing.T) {
	g := gated{started: make(chan struct{}, 10), release: make(chan struct{})}
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { g.Knowledge = k; return g }})
	i := h.slash("ask", discordtest.StringOption("question", "How many aid workers were in the second brigade?"))
	<-g.started
	stopped := make(chan error, 1)
	go func() { stopped <- h.stop() }()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-stopped:
		t.Fatalf("Run returned (%v) while an answer was in flight", err)
	default:
	}
	close(g.release)
	if err := <-stopped; err != nil {
		t.Errorf("Run after shutdown = %v; want nil", err)
	}
	found := false
	for _, r := range h.srv.Requests() {
		if original(i)(r) && strings.Contains(decodeSent(t, r).text(), "120") {
			found = true
		}
	}
	if !found {
		t.Error("the answer in flight was not delivered before Run returned")
	}
}

func TestBusyBotSaysSo(t *testing.T) {
	g := gated{started: make(chan struct{}, 10), release: make(chan struct{})}
	h := start(t, options{config: func(c *bot.Config) { c.MaxConcurrent, c.MaxQueue = 1, 0 },
		know: func(k bot.Knowledge) bot.Knowledge { g.Knowledge = k; return g }})
	defer close(g.release)
	h.slash("ask", discordtest.StringOption("question", "Who led the Cuban delegation?"))
	<-g.started
	j := h.slashAs(otherUser, "ask", discordtest.StringOption("question", "Who led the Cuban delegation?"))
	typ, data := decodeCallback(t, h.wait(callback(j)))
	if typ != 4 || data.Flags&64 == 0 || !strings.Contains(data.Content, "many questions") {
		t.Errorf("second question while busy: type %d %q; want a private 'busy' message", typ, data.Content)
	}
}

func TestFatalCloseCodeEndsRun(t *testing.T) {
	h := start(t, options{noWait: true, before: func(s *discordtest.Server) { s.RejectIdentifyWith(4004) }})
	select {
	case err := <-h.done:
		var ge *bot.GatewayError
		if !errors.As(err, &ge) || ge.Code != 4004 || !strings.Contains(err.Error(), "CABOT_DISCORD_TOKEN") {
			t.Errorf("Run = %v; want a 4004 GatewayError that says which variable to check", err)
		}
		close(h.done)
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after a 4004 close")
	}
	if n := h.srv.Connections(); n != 1 {
		t.Errorf("%d gateway connections; want 1 (no reconnecting after a fatal close)", n)
	}
}

func TestFeedbackAndQuotesButtons(t *testing.T) {
	h := start(t, options{})
	i := h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"))
	h.wait(original(i))
	msg := &discordgo.Message{ID: "900000000000000001", ChannelID: channelID}
	for _, id := range []string{"fb:1:" + i.ID, "fb:0:" + i.ID} {
		b, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button(id, msg), guildID, channelID, otherUser, 0))
		if err != nil {
			t.Fatal(err)
		}
		_, data := decodeCallback(t, h.wait(callback(b)))
		if data.Flags&64 == 0 || !strings.Contains(data.Content, "Thanks") {
			t.Errorf("feedback response %q flags %d; want a private thank-you", data.Content, data.Flags)
		}
	}
	// The second vote replaced the first.
	up, down, err := h.store.FeedbackCounts(context.Background(), i.ID)
	if err != nil || up != 0 || down != 1 {
		t.Errorf("feedback counts = %d up, %d down, %v; want 0 and 1", up, down, err)
	}
	b, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button("quotes:"+i.ID, msg), guildID, channelID, otherUser, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, data := decodeCallback(t, h.wait(callback(b)))
	if data.Flags&64 == 0 || !strings.Contains(data.text(), "Until July 2021, the Cubans attended to more than 77,000 patients") {
		t.Errorf("quotes response %q flags %d; want the quoted sentence, privately", data.text(), data.Flags)
	}
}

func TestSourcesAndAbout(t *testing.T) {
	var extra []corpus.Document
	for n := 0; n < 12; n++ {
		d, err := corpus.ParseArticle(fmt.Sprintf("# Extra article %02d\n\nCuba and Azerbaijan discussed topic number %d in detail.\n", n, n))
		if err != nil {
			t.Fatal(err)
		}
		extra = append(extra, d)
	}
	h := start(t, options{docs: extra})
	i := h.slash("sources")
	_, data := decodeCallback(t, h.wait(callback(i)))
	if !strings.Contains(data.text(), "Page 1 of 2") || !strings.Contains(data.text(), "13 documents") || len(data.Components) == 0 {
		t.Fatalf("/sources = %q with %d component rows; want page 1 of 2 with buttons", data.text(), len(data.Components))
	}
	next, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button("src:2", &discordgo.Message{ID: "900000000000000002", ChannelID: channelID}), guildID, channelID, userID, 0))
	if err != nil {
		t.Fatal(err)
	}
	typ, data := decodeCallback(t, h.wait(callback(next)))
	if typ != int(discordgo.InteractionResponseUpdateMessage) || !strings.Contains(data.text(), "Page 2 of 2") {
		t.Errorf("next page: type %d %q; want an update showing page 2 of 2", typ, data.text())
	}
	a := h.slash("about")
	_, data = decodeCallback(t, h.wait(callback(a)))
	for _, want := range []string{"Cuba and Azerbaijan", "13", "extractive", "Helpful", "hash"} {
		if !strings.Contains(data.text(), want) {
			t.Errorf("/about %q lacks %q", data.text(), want)
		}
	}
}

func TestReplyToAnAnswerIsAFollowUp(t *testing.T) {
	h := start(t, options{})
	h.srv.FailNext(discordtest.Route("POST", "/api/v9/channels/"+channelID+"/messages/{}/threads"), 1, 403,
		`{"message":"Missing Permissions","code":50013}`)
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID,
		Content:  "<@" + h.srv.BotID() + "> How many patients did the Cuban health workers attend in Azerbaijan?",
		Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	waitPosts(t, h, channelID, 1)
	var answer *discordgo.Message
	for _, m := range h.srv.Messages(channelID) {
		if m.Author != nil && m.Author.ID == h.srv.BotID() {
			answer = m
		}
	}
	if answer == nil {
		t.Fatal("the answer is not in the channel")
	}
	// Replying (with the reply ping on, so Discord delivers the content).
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID, Type: discordgo.MessageTypeReply,
		Content: "and how many?", Mentions: []*discordgo.User{{ID: h.srv.BotID()}},
		MessageReference:  &discordgo.MessageReference{MessageID: answer.ID, ChannelID: channelID, GuildID: guildID},
		ReferencedMessage: answer})
	posts := waitPosts(t, h, channelID, 2)
	if !strings.Contains(posts[1].text(), "77,000") {
		t.Errorf("reply answer %q; want the replied-to answer's question to resolve it", posts[1].text())
	}
	if posts[1].MessageReference == nil {
		t.Error("the follow-up answer is not a reply")
	}
}

func TestReplyWithThePingOffSaysItCannotBeRead(t *testing.T) {
	h := start(t, options{})
	h.srv.FailNext(discordtest.Route("POST", "/api/v9/channels/"+channelID+"/messages/{}/threads"), 1, 403,
		`{"message":"Missing Permissions","code":50013}`)
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID,
		Content:  "<@" + h.srv.BotID() + "> How many patients did the Cuban health workers attend in Azerbaijan?",
		Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	waitPosts(t, h, channelID, 1)
	var answer *discordgo.Message
	for _, m := range h.srv.Messages(channelID) {
		if m.Author != nil && m.Author.ID == h.srv.BotID() {
			answer = m
		}
	}
	if answer == nil {
		t.Fatal("the answer is not in the channel")
	}
	// A reply with the ping off does not mention the bot: Discord blanks it.
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID, Type: discordgo.MessageTypeReply,
		Content: "and how many?", Mentions: []*discordgo.User{},
		MessageReference:  &discordgo.MessageReference{MessageID: answer.ID, ChannelID: channelID, GuildID: guildID},
		ReferencedMessage: answer})
	posts := waitPosts(t, h, channelID, 2)
	if text := posts[1].text(); !strings.HasPrefix(text, "I could not read that message: mention me") || !strings.Contains(text, "ping on") {
		t.Errorf("reply to a reply with the ping off = %q; want it to say it could not read it and to turn the ping on", text)
	}
}

func TestAboutTellsTheTruthForTheIntents(t *testing.T) {
	for _, content := range []bool{false, true} {
		t.Run(fmt.Sprint("message_content=", content), func(t *testing.T) {
			h := start(t, options{config: func(c *bot.Config) { c.MessageContent = content }})
			_, data := decodeCallback(t, h.wait(callback(h.slash("about"))))
			text := data.text()
			if got := strings.Contains(text, "in my threads (no mention needed)"); got != content {
				t.Errorf("/about = %q; says follow-ups in threads need no mention: %v; want %v", text, got, content)
			}
			if !content && !strings.Contains(text, "reply to my answer with the reply ping on") {
				t.Errorf("/about = %q; want it to say replies need the ping on", text)
			}
		})
	}
}

func TestTextAnswerStylePerServer(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) {
		c.AnswerStyle = bot.StyleEmbed
		c.AnswerStyles = map[string]string{guildID: bot.StyleText}
	}})
	i := h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"))
	msg := decodeSent(t, h.wait(original(i)))
	if len(msg.Embeds) != 0 {
		t.Errorf("text-style answer has %d embeds; want none", len(msg.Embeds))
	}
	for _, want := range []string{"77,000", "[1]", "How many patients did the Cuban health workers attend", "Interest in deepening cooperation in health", "<" + articleURL + ">", "Radio Habana Cuba"} {
		if !strings.Contains(msg.Content, want) {
			t.Errorf("text-style answer %q lacks %q", msg.Content, want)
		}
	}
	if len(msg.Components) == 0 || !strings.Contains(string(msg.Components[0]), "Helpful") {
		t.Errorf("text-style answer buttons = %s; want the feedback buttons", msg.Components)
	}
	noPings(t, msg, "text answer")
	// A DM has no server: the default style.
	h.message(&discordgo.Message{ChannelID: dmChannel, Content: "How many aid workers were in the second brigade?"})
	if dm := decodeSent(t, h.wait(postTo(dmChannel))); len(dm.Embeds) == 0 {
		t.Errorf("DM answer %q has no embed; want the default style", dm.Content)
	}
}

func TestLongTextAnswerContinues(t *testing.T) {
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return bigKnowledge{k} },
		config: func(c *bot.Config) { c.AnswerStyle = bot.StyleText }})
	i := h.slash("ask", discordtest.StringOption("question", "Tell me everything"))
	parts := answerParts(t, h, i, 2)
	time.Sleep(300 * time.Millisecond)
	parts = answerParts(t, h, i, len(parts))
	var all strings.Builder
	for k, p := range parts {
		if n := utf8.RuneCountInString(p.Content); n > 2000 || len(p.Embeds) != 0 {
			t.Errorf("part %d: %d characters and %d embeds; want at most 2000 and none", k+1, n, len(p.Embeds))
		}
		for n := 1; n <= 30; n++ {
			if strings.Contains(p.Content, fmt.Sprintf("answer about cooperation. [%d]", n)) &&
				!strings.Contains(p.Content, fmt.Sprintf("<https://example.org/articles/%d>", n)) {
				t.Errorf("part %d cites [%d] but does not list that source", k+1, n)
			}
		}
		all.WriteString(p.Content)
	}
	for n := 1; n <= 30; n++ {
		if c := strings.Count(all.String(), fmt.Sprintf("Sentence %d of a long answer", n)); c != 8 {
			t.Errorf("sentence %d shown %d times; want 8 (nothing cut)", n, c)
		}
	}
}

// failing fails every answer, as a language model that is down would.
type failing struct{ bot.Knowledge }

func (failing) Ask(context.Context, rag.Question, func(string)) (rag.Answer, error) {
	return rag.Answer{}, errors.New("model server down")
}

// checkPrivateFailure checks that the public placeholder of i was deleted
// and the failure said privately, not edited into the public message.
func checkPrivateFailure(t *testing.T, h *harness, i *discordgo.Interaction) {
	t.Helper()
	h.wait(discordtest.Route("DELETE", "/api/v9/webhooks/{}/"+i.Token+"/messages/@original"))
	f := decodeSent(t, h.wait(followups(i)))
	if f.Flags&64 == 0 || !strings.Contains(f.Content, "went wrong") || !strings.Contains(f.Content, i.ID) {
		t.Errorf("failure followup %q flags %d; want a private message with the reference", f.Content, f.Flags)
	}
	for _, r := range h.srv.Requests() {
		if original(i)(r) && strings.Contains(string(r.Body), "went wrong") {
			t.Errorf("the public answer was edited into an error: %s", r.Body)
		}
	}
	for _, m := range h.srv.Messages(channelID) {
		if m.Author != nil && m.Author.ID == h.srv.BotID() && m.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("a public message of the bot is still in the channel: %q (flags %d)", m.Content, m.Flags)
		}
	}
}

func TestErrorAfterPublicDeferralIsPrivate(t *testing.T) {
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return failing{k} }})
	checkPrivateFailure(t, h, h.slash("ask", discordtest.StringOption("question", "How many aid workers?")))
}

func TestPanicAfterPublicDeferralRemovesThePlaceholder(t *testing.T) {
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return panicky{k} }})
	checkPrivateFailure(t, h, h.slash("ask", discordtest.StringOption("question", "boom")))
}

// slow answers after a delay.
type slow struct {
	bot.Knowledge
	d time.Duration
}

func (s slow) Ask(ctx context.Context, q rag.Question, onText func(string)) (rag.Answer, error) {
	time.Sleep(s.d)
	return s.Knowledge.Ask(ctx, q, onText)
}

func TestTypingIsRenewedUntilTheAnswerIsSent(t *testing.T) {
	t.Cleanup(bot.SetTypingEvery(200 * time.Millisecond))
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return slow{k, 1100 * time.Millisecond} }})
	h.message(&discordgo.Message{ChannelID: dmChannel, Content: "How many aid workers were in the second brigade?"})
	answer := h.wait(postTo(dmChannel))
	typing := func() (before, after int) {
		for _, r := range h.srv.Requests() {
			if r.Method == "POST" && r.Path == "/api/v9/channels/"+dmChannel+"/typing" {
				if r.Time.After(answer.Time) {
					after++
				} else {
					before++
				}
			}
		}
		return
	}
	if before, _ := typing(); before < 4 {
		t.Errorf("%d typing requests during a 1.1 s answer renewed every 0.2 s; want at least 4", before)
	}
	time.Sleep(500 * time.Millisecond)
	if _, after := typing(); after != 0 {
		t.Errorf("%d typing requests after the answer was sent; want none", after)
	}
}

func TestFooterSpeaksPlainly(t *testing.T) {
	h := start(t, options{})
	i := h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"))
	msg := decodeSent(t, h.wait(original(i)))
	last := msg.Embeds[len(msg.Embeds)-1]
	if last.Footer == nil || !strings.HasPrefix(last.Footer.Text, "Quoted from 1 article") || strings.Contains(last.Footer.Text, " ms") || strings.Contains(last.Footer.Text, "extractive") {
		t.Errorf("footer %+v; want \"Quoted from 1 article\", without mode or timing", last.Footer)
	}
	d := h.slash("ask", discordtest.StringOption("question", "What is the recipe for paella?"))
	decline := decodeSent(t, h.wait(original(d)))
	if f := decline.Embeds[len(decline.Embeds)-1].Footer; f != nil && (strings.Contains(f.Text, " ms") || strings.Contains(f.Text, "extractive")) {
		t.Errorf("decline footer %q; want no mode or timing", f.Text)
	}
}

func TestCommandDescriptionsAreLocalized(t *testing.T) {
	h := start(t, options{})
	var ask *discordgo.ApplicationCommand
	for _, c := range h.srv.Commands("") {
		if c.Name == "ask" {
			ask = c
		}
	}
	if ask == nil || ask.DescriptionLocalizations == nil {
		t.Fatalf("/ask = %+v; want it registered with localized descriptions", ask)
	}
	for _, loc := range []discordgo.Locale{discordgo.SpanishES, discordgo.SpanishLATAM, discordgo.PortugueseBR} {
		d := (*ask.DescriptionLocalizations)[loc]
		if d == "" || d == ask.Description || utf8.RuneCountInString(d) > 100 {
			t.Errorf("/ask description in %s = %q; want a translation of at most 100 characters", loc, d)
		}
		if q := ask.Options[0].DescriptionLocalizations[loc]; q == "" {
			t.Errorf("/ask question option has no description in %s", loc)
		}
	}
}

func TestFixedRepliesInTheAskersLanguage(t *testing.T) {
	h := start(t, options{})
	ask := func(locale discordgo.Locale, q string) *discordgo.Interaction {
		i := h.srv.InGuild(discordtest.SlashCommand("ask", discordtest.StringOption("question", q)), guildID, channelID, userID, 0)
		i.Locale = locale
		sent, err := h.srv.SendInteraction(i)
		if err != nil {
			t.Fatal(err)
		}
		return sent
	}
	es := decodeSent(t, h.wait(original(ask(discordgo.SpanishLATAM, "How many patients did the Cuban health workers attend in Azerbaijan?"))))
	if es.Embeds[0].Title != "Respuesta" || !strings.Contains(string(joinRaw(es.Components)), `"label":"No útil"`) {
		t.Errorf("es-419 answer title %q, buttons %s; want \"Respuesta\" and \"No útil\"", es.Embeds[0].Title, joinRaw(es.Components))
	}
	pt := decodeSent(t, h.wait(original(ask(discordgo.PortugueseBR, "What is the recipe for paella?"))))
	if pt.Embeds[0].Title != "Não está nos documentos" {
		t.Errorf("pt-BR decline title %q; want \"Não está nos documentos\"", pt.Embeds[0].Title)
	}
	en := decodeSent(t, h.wait(original(ask(discordgo.German, "How many aid workers were in the second brigade?"))))
	if en.Embeds[0].Title != bot.TitleGrounded {
		t.Errorf("de answer title %q; want English, %q", en.Embeds[0].Title, bot.TitleGrounded)
	}
	// The private replies to buttons too.
	press := h.srv.InGuild(discordtest.Button("fb:1:gone-answer", &discordgo.Message{ID: "900000000000000041", ChannelID: channelID}), guildID, channelID, userID, 0)
	press.Locale = discordgo.PortugueseBR
	b, err := h.srv.SendInteraction(press)
	if err != nil {
		t.Fatal(err)
	}
	if _, reply := decodeCallback(t, h.wait(callback(b))); !strings.HasPrefix(reply.Content, "Essa resposta não está mais disponível") {
		t.Errorf("pt-BR press on a gone answer: %q; want the reply in Portuguese", reply.Content)
	}
}

func TestErrorInTheAskersLanguage(t *testing.T) {
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return failing{k} }})
	i := h.srv.InGuild(discordtest.SlashCommand("ask", discordtest.StringOption("question", "How many aid workers?")), guildID, channelID, userID, 0)
	i.Locale = discordgo.PortugueseBR
	sent, err := h.srv.SendInteraction(i)
	if err != nil {
		t.Fatal(err)
	}
	if f := decodeSent(t, h.wait(followups(sent))); !strings.HasPrefix(f.Content, "Desculpe, algo deu errado") || !strings.Contains(f.Content, sent.ID) {
		t.Errorf("pt-BR error %q; want it in Portuguese with the reference", f.Content)
	}
}
