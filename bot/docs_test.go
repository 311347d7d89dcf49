package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"cabot/bot"
	"cabot/bot/discordtest"
	"cabot/corpus"
	"cabot/corpus/storage"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

const (
	otherGuild   = "200000000000000002"
	otherChannel = "300000000000000002"
	moderator    = "400000000000000010"
	auditChannel = "300000000000000077"
	manageServer = int64(discordgo.PermissionManageGuild)
)

const ophthalmologyPage = `<!doctype html>
<html lang="en"><head><title>Cuban eye doctors open a clinic in Baku | Caribbean Health News</title>
<meta property="og:site_name" content="Caribbean Health News">
<meta property="article:published_time" content="2023-05-04T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Cuban eye doctors open a clinic in Baku</h1>
<p class="byline">By Ana Pérez</p>
<p>A new ophthalmology centre opened in Baku with 14 Cuban specialists, the Azerbaijani health ministry announced on Thursday.</p>
<p>The centre will treat cataracts and glaucoma and train local surgeons over the next three years.</p>
<p>Officials from both countries said the project builds on the cooperation that began with the medical brigades of 2020.</p>
</article><footer>© Caribbean Health News. All rights reserved.</footer></body></html>`

// cdn serves attachments the way Discord's CDN would.
func cdn(t *testing.T, body, contentType string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// docAdd sends /doc add with the given options as user, with permissions.
func (h *harness) docAdd(user string, perms int64, resolved *discordgo.ApplicationCommandInteractionDataResolved, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	h.t.Helper()
	i := discordtest.SlashCommand("doc", discordtest.SubCommand("add", opts...))
	if resolved != nil {
		d := i.Data.(discordgo.ApplicationCommandInteractionData)
		d.Resolved = resolved
		i.Data = d
	}
	sent, err := h.srv.SendInteraction(h.srv.InGuild(i, guildID, channelID, user, perms))
	if err != nil {
		h.t.Fatal(err)
	}
	return sent
}

var tokenRe = regexp.MustCompile(`doc:ok:([0-9a-f]+)`)

// preview waits for the preview of a /doc add and returns its text and the
// Confirm token.
func (h *harness) preview(i *discordgo.Interaction) (sent, string) {
	h.t.Helper()
	_, data := decodeCallback(h.t, h.wait(callback(i)))
	if data.Flags&64 == 0 {
		h.t.Errorf("/doc add acknowledged with flags %d; want private (64)", data.Flags)
	}
	p := decodeSent(h.t, h.wait(original(i)))
	m := tokenRe.FindStringSubmatch(string(joinRaw(p.Components)))
	if m == nil {
		h.t.Fatalf("preview %q has no Confirm button: %s", p.text(), joinRaw(p.Components))
	}
	return p, m[1]
}

func joinRaw(rs []json.RawMessage) []byte {
	var b []byte
	for _, r := range rs {
		b = append(b, r...)
	}
	return b
}

func (h *harness) press(user, guild, customID string) *discordgo.Interaction {
	h.t.Helper()
	b, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button(customID, &discordgo.Message{ID: "900000000000000005", ChannelID: channelID}),
		guild, channelID, user, manageServer))
	if err != nil {
		h.t.Fatal(err)
	}
	return b
}

func (h *harness) askIn(guild, channel, q string) string {
	h.t.Helper()
	i, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("ask", discordtest.StringOption("question", q)), guild, channel, userID, 0))
	if err != nil {
		h.t.Fatal(err)
	}
	return decodeSent(h.t, h.wait(original(i))).text()
}

// An HTML attachment, previewed and confirmed by a moderator, is not
// answerable before Confirm, then is in that guild and not in another; the
// addition is posted to the guild's audit channel, and a preview cannot be
// confirmed twice.
func TestDocAddAttachmentConfirmedAnswersInThatGuildOnly(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) {
		c.AuditChannels = map[string]string{guildID: auditChannel}
		c.UserPerMinute = 0 // this test asks more often than a person may
	}})
	h.srv.AddChannel(&discordgo.Channel{ID: auditChannel, GuildID: guildID, Type: discordgo.ChannelTypeGuildText})
	files := cdn(t, ophthalmologyPage, "text/html; charset=utf-8")
	att := &discordgo.MessageAttachment{ID: "700000000000000001", Filename: "clinic.html", ContentType: "text/html",
		Size: len(ophthalmologyPage), URL: files.URL + "/attachments/1/2/clinic.html"}
	q := "How many Cuban specialists work at the new ophthalmology centre in Baku?"
	if text := h.askIn(guildID, channelID, q); strings.Contains(text, "14 Cuban specialists") {
		t.Fatalf("answered before the document was added: %q", text)
	}
	i := h.docAdd(moderator, manageServer,
		&discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{att.ID: att}},
		&discordgo.ApplicationCommandInteractionDataOption{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: att.ID})
	p, token := h.preview(i)
	for _, want := range []string{"Cuban eye doctors open a clinic in Baku", "Caribbean Health News", "2023-05-04", "chunks", "14 Cuban specialists"} {
		if !strings.Contains(p.text(), want) {
			t.Errorf("preview %q lacks %q", p.text(), want)
		}
	}
	if strings.Contains(p.text(), "All rights reserved") {
		t.Errorf("preview %q includes the page footer", p.text())
	}
	// Not stored before Confirm.
	if text := h.askIn(guildID, channelID, q); strings.Contains(text, "14 Cuban specialists") {
		t.Fatalf("answered from a document that was only previewed: %q", text)
	}
	c := h.press(moderator, guildID, "doc:ok:"+token)
	h.wait(callback(c))
	done := decodeSent(t, h.wait(original(c)))
	if !strings.Contains(done.text(), "Added") {
		t.Errorf("after Confirm: %q; want it to say the document was added", done.text())
	}
	if text := h.askIn(guildID, channelID, q); !strings.Contains(text, "14 Cuban specialists") || !strings.Contains(text, "Cuban eye doctors open a clinic in Baku") {
		t.Errorf("in the guild that added it, answer %q; want the fact cited from the new document", text)
	}
	if text := h.askIn(otherGuild, otherChannel, q); strings.Contains(text, "14 Cuban specialists") {
		t.Errorf("another guild was answered from this guild's document: %q", text)
	}
	post := decodeSent(t, h.wait(postTo(auditChannel)))
	if !strings.Contains(post.text(), "added") || !strings.Contains(post.text(), "Cuban eye doctors") {
		t.Errorf("audit channel post %q; want who added what", post.text())
	}
	noPings(t, post, "audit post")
	// The preview cannot be confirmed twice.
	again := h.press(moderator, guildID, "doc:ok:"+token)
	if _, data := decodeCallback(t, h.wait(callback(again))); !strings.Contains(data.text(), "expired") {
		t.Errorf("second Confirm: %q; want the preview to be gone", data.text())
	}
}

func TestMemberCannotChangeDocuments(t *testing.T) {
	h := start(t, options{})
	before := len(h.svc.Documents("", true))
	i := h.docAdd(userID, 0, nil, discordtest.StringOption("text", "# A note\n\nMembers should not be able to add this text about Cuba and Azerbaijan."))
	typ, data := decodeCallback(t, h.wait(callback(i)))
	if typ != 4 || data.Flags&64 == 0 || !strings.Contains(data.Content, "Only moderators") {
		t.Errorf("member's /doc add: type %d %q; want a private refusal", typ, data.Content)
	}
	rm, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("doc", discordtest.SubCommand("remove",
		discordtest.StringOption("document", h.svc.Documents("", true)[0].ID))), guildID, channelID, userID, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, data := decodeCallback(t, h.wait(callback(rm))); !strings.Contains(data.Content, "Only moderators") {
		t.Errorf("member's /doc remove: %q; want a refusal", data.Content)
	}
	if after := len(h.svc.Documents("", true)); after != before {
		t.Errorf("documents changed from %d to %d after a member's attempts", before, after)
	}
}

func TestDocAddOfADuplicateCannotBeConfirmed(t *testing.T) {
	h := start(t, options{})
	article := h.svc.Documents("", true)[0]
	stored, err := h.store.Document(context.Background(), article.ID)
	if err != nil {
		t.Fatal(err)
	}
	i := h.docAdd(moderator, manageServer, nil, discordtest.StringOption("text", stored.Text))
	h.wait(callback(i))
	p := decodeSent(t, h.wait(original(i)))
	if !strings.Contains(p.text(), "Duplicate") || !strings.Contains(p.text(), article.Title) {
		t.Errorf("preview %q; want it to name the document it duplicates", p.text())
	}
	if !strings.Contains(string(joinRaw(p.Components)), `"disabled":true`) {
		t.Errorf("Confirm is not disabled for a duplicate: %s", joinRaw(p.Components))
	}
}

func TestDocRemoveAutocompleteAndScope(t *testing.T) {
	h := start(t, options{})
	i := h.docAdd(moderator, manageServer, nil, discordtest.StringOption("text", "# Sugar mills in Holguín\n\nAzerbaijani engineers will repair three sugar mills in Holguín next year."),
		discordtest.StringOption("outlet", "Example News"))
	_, token := h.preview(i)
	c := h.press(moderator, guildID, "doc:ok:"+token)
	h.wait(original(c))

	ac, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Autocomplete("doc", discordtest.SubCommand("remove",
		discordtest.StringOption("document", "sugar"))), guildID, channelID, moderator, manageServer))
	if err != nil {
		t.Fatal(err)
	}
	typ, _ := decodeCallback(t, h.wait(callback(ac)))
	var choices struct {
		Data struct {
			Choices []struct{ Name, Value string } `json:"choices"`
		} `json:"data"`
	}
	h.wait(callback(ac)).JSON(&choices)
	if typ != int(discordgo.InteractionApplicationCommandAutocompleteResult) || len(choices.Data.Choices) != 1 ||
		!strings.Contains(choices.Data.Choices[0].Name, "Sugar mills in Holguín") {
		t.Fatalf("autocomplete: type %d, choices %+v; want the one matching document", typ, choices.Data.Choices)
	}
	id := choices.Data.Choices[0].Value

	// Another guild's moderator cannot remove it.
	other, _ := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("doc", discordtest.SubCommand("remove",
		discordtest.StringOption("document", id))), otherGuild, otherChannel, moderator, manageServer))
	if _, data := decodeCallback(t, h.wait(callback(other))); !strings.Contains(data.Content, "don't know that document") {
		t.Errorf("another guild's /doc remove: %q; want a refusal", data.Content)
	}
	// The shared bundled article cannot be removed from one server.
	global := ""
	for _, d := range h.svc.Documents("", true) {
		if d.Scope == "" {
			global = d.ID
		}
	}
	g, _ := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("doc", discordtest.SubCommand("remove",
		discordtest.StringOption("document", global))), guildID, channelID, moderator, manageServer))
	if _, data := decodeCallback(t, h.wait(callback(g))); !strings.Contains(data.Content, "every server") {
		t.Errorf("removing the global article: %q; want a refusal naming the operator's command", data.Content)
	}
	rm, _ := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("doc", discordtest.SubCommand("remove",
		discordtest.StringOption("document", id))), guildID, channelID, moderator, manageServer))
	if data := decodeSent(t, h.wait(original(rm))); !strings.Contains(data.Content, "Removed") {
		t.Errorf("/doc remove: %q; want it removed", data.Content)
	}
	if _, ok := h.svc.Document(id); ok {
		t.Error("the document is still in the library")
	}
	hist, _ := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("doc", discordtest.SubCommand("history")), guildID, channelID, moderator, manageServer))
	_, data := decodeCallback(t, h.wait(callback(hist)))
	if text := data.text(); !strings.Contains(text, "removed **Sugar mills in Holguín**") || !strings.Contains(text, "added **Sugar mills in Holguín**") {
		t.Errorf("/doc history %q; want the add and the remove", text)
	}
}

func TestPreviewExpiresAndBelongsToItsModerator(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) { c.PreviewTTL = 300 * time.Millisecond }})
	i := h.docAdd(moderator, manageServer, nil, discordtest.StringOption("text", "# Rum exports\n\nCuba exported rum to Azerbaijan for the first time in 2022, the ministry said."))
	_, token := h.preview(i)
	someone := h.press("400000000000000011", guildID, "doc:ok:"+token)
	if _, data := decodeCallback(t, h.wait(callback(someone))); !strings.Contains(data.Content, "Only the moderator who asked") {
		t.Errorf("another moderator's Confirm: %q; want a refusal", data.Content)
	}
	time.Sleep(400 * time.Millisecond)
	late := h.press(moderator, guildID, "doc:ok:"+token)
	if _, data := decodeCallback(t, h.wait(callback(late))); !strings.Contains(data.text(), "expired") {
		t.Errorf("late Confirm: %q; want it expired", data.text())
	}
	for _, d := range h.svc.Documents(guildID, false) {
		if strings.Contains(d.Title, "Rum exports") {
			t.Error("an expired preview was added")
		}
	}
}

// slowLibrary holds removals until released, as a Confirm that holds the
// write lock while embedding would.
type slowLibrary struct {
	bot.Library
	release chan struct{}
}

func (l slowLibrary) Remove(ctx context.Context, id, actor string) (rag.DocInfo, error) {
	<-l.release
	return l.Library.Remove(ctx, id, actor)
}

func TestDocRemoveAcknowledgesBeforeItWrites(t *testing.T) {
	release := make(chan struct{})
	h := start(t, options{library: func(l bot.Library) bot.Library { return slowLibrary{l, release} }})
	i := h.docAdd(moderator, manageServer, nil, discordtest.StringOption("text", "# Sugar mills in Holguín\n\nAzerbaijani engineers will repair three sugar mills in Holguín next year."))
	_, token := h.preview(i)
	h.wait(original(h.press(moderator, guildID, "doc:ok:"+token)))
	id := ""
	for _, d := range h.svc.Documents(guildID, false) {
		if d.Scope == guildID {
			id = d.ID
		}
	}
	rm, _ := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("doc", discordtest.SubCommand("remove",
		discordtest.StringOption("document", id))), guildID, channelID, moderator, manageServer))
	typ, data := decodeCallback(t, h.wait(callback(rm)))
	if typ != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) || data.Flags&64 == 0 {
		t.Errorf("/doc remove answered with type %d flags %d while the library was busy; want a private deferral", typ, data.Flags)
	}
	close(release)
	if done := decodeSent(t, h.wait(original(rm))); !strings.Contains(done.Content, "Removed") {
		t.Errorf("/doc remove: %q; want it removed", done.Content)
	}
}

// A preview shown by another process of the bot is in the shared store: a
// Confirm that reaches this process adds it, and consumes it there too.
func TestPreviewFromAnotherProcessIsConfirmedHere(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) { c.UserPerMinute = 0 }})
	doc := corpus.Document{
		ID: "elsewhere-1", Title: "A clinic opens in Ganja", Outlet: "Caribbean Health News", Scope: guildID,
		Text:   "A new ophthalmology centre opened in Ganja with 9 Cuban specialists, the Azerbaijani health ministry announced.",
		Source: "discord", AddedBy: "discord:" + moderator,
	}
	if err := h.store.SavePreview(context.Background(), storage.Preview{
		Token: "0123456789abcdef", UserID: moderator, GuildID: guildID, Doc: doc, Expires: time.Now().Add(time.Minute),
	}); err != nil {
		t.Fatal(err)
	}
	c := h.press(moderator, guildID, "doc:ok:0123456789abcdef")
	h.wait(callback(c))
	if done := decodeSent(t, h.wait(original(c))); !strings.Contains(done.text(), "Added") {
		t.Fatalf("after Confirm: %q; want the document added", done.text())
	}
	if text := h.askIn(guildID, channelID, "How many Cuban specialists work at the centre in Ganja?"); !strings.Contains(text, "9 Cuban specialists") {
		t.Errorf("answer %q; want the fact from the confirmed document", text)
	}
	if _, err := h.store.Preview(context.Background(), "0123456789abcdef"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("the preview after Confirm: %v; want it deleted from the store", err)
	}
}
