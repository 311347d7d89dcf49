package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"cabot/bot"
	"cabot/bot/discordtest"
	"cabot/rag"
	"cabot/rag/llmtest"
	"cabot/rag/providers"
)

// writer streams an answer in pieces, like a language model, unless
// cancelled.
type writer struct {
	bot.Knowledge
	pieces []string
	every  time.Duration
}

func (w writer) Ask(ctx context.Context, q rag.Question, onText func(string)) (rag.Answer, error) {
	text := ""
	for _, p := range w.pieces {
		select {
		case <-ctx.Done():
			return rag.Answer{}, ctx.Err()
		case <-time.After(w.every):
		}
		text += p
		if onText != nil {
			onText(text)
		}
	}
	return rag.Answer{Text: text + " [1]", Grounded: true, Mode: rag.ModeLLM,
		Sources: []rag.Source{{N: 1, Doc: rag.DocInfo{ID: "d1", Title: "Interest in deepening cooperation in health", URL: articleURL}}}}, nil
}

// An answer that is being written shows in the deferred message: at least
// two edits before the final one, never two edits less than a second apart.
func TestAnswerStreamsWithThrottledEdits(t *testing.T) {
	pieces := strings.Fields("The Cuban brigade attended more than 77,000 patients until July 2021 in Azerbaijan according to the article")
	for i := range pieces {
		pieces[i] += " "
	}
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return writer{k, pieces, 200 * time.Millisecond} },
		config: func(c *bot.Config) { c.StreamEditInterval = time.Second }})
	i := h.slash("ask", discordtest.StringOption("question", "How many patients?"))
	final := h.wait(func(r discordtest.Request) bool {
		return original(i)(r) && strings.Contains(string(r.Body), `"fb:1:`) // the final answer, with its feedback buttons
	})
	var edits []discordtest.Request
	for _, r := range h.srv.Requests() {
		if original(i)(r) {
			edits = append(edits, r)
		}
	}
	if len(edits) < 3 {
		t.Fatalf("%d edits; want at least two while writing, then the final one", len(edits))
	}
	// One layout from the first edit to the last: the answer's embed,
	// never plain text that then jumps into an embed.
	for k, e := range edits {
		if s := decodeSent(t, e); len(s.Embeds) == 0 || s.Content != "" {
			t.Errorf("edit %d: content %q, %d embeds; want the answer in one embed throughout", k, s.Content, len(s.Embeds))
		}
	}
	for k := 1; k < len(edits); k++ {
		if gap := edits[k].Time.Sub(edits[k-1].Time); gap < time.Second {
			t.Errorf("edits %d and %d are %v apart; want at least 1s", k-1, k, gap)
		}
	}
	partial := decodeSent(t, edits[len(edits)-2]) // the last edit while writing
	if !strings.Contains(partial.text(), "The Cuban brigade") || !strings.Contains(string(joinRaw(partial.Components)), "stop:"+i.ID) {
		t.Errorf("a streamed edit shows %q with components %s; want the text so far and a Stop button", partial.text(), joinRaw(partial.Components))
	}
	// One layout from the first edit to the last: the answer's embed, with
	// its title and question, not text that jumps into an embed at the end.
	for k, e := range edits[:len(edits)-1] {
		if p := decodeSent(t, e); len(p.Embeds) != 1 || p.Content != "" || p.Embeds[0].Title != bot.TitleGrounded ||
			p.Embeds[0].Author == nil || !strings.Contains(p.Embeds[0].Author.Name, "How many patients?") {
			t.Errorf("streamed edit %d = content %q, %d embeds; want the answer's embed (title %q, the question) and no content", k, p.Content, len(p.Embeds), bot.TitleGrounded)
		}
	}
	if last := decodeSent(t, final); !strings.Contains(last.text(), "77,000 patients") || last.Content != "" {
		t.Errorf("final answer %q (content %q); want the embed with the whole text and no leftover content", last.text(), last.Content)
	}
}

func TestStopButtonStopsTheAnswer(t *testing.T) {
	pieces := []string{"Cuba ", "and ", "Azerbaijan ", "cooperate ", "in ", "health ", "and ", "in ", "many ", "other ", "areas ", "too."}
	h := start(t, options{know: func(k bot.Knowledge) bot.Knowledge { return writer{k, pieces, 300 * time.Millisecond} },
		config: func(c *bot.Config) { c.StreamEditInterval = time.Second }})
	i := h.slash("ask", discordtest.StringOption("question", "Tell me about cooperation"))
	h.wait(original(i)) // the first streamed edit, with the Stop button
	someone := h.press(otherUser, guildID, "stop:"+i.ID)
	if _, data := decodeCallback(t, h.wait(callback(someone))); !strings.Contains(data.Content, "Only the person who asked") {
		t.Errorf("another user's Stop: %q; want a refusal", data.Content)
	}
	stop := h.press(userID, guildID, "stop:"+i.ID)
	if typ, _ := decodeCallback(t, h.wait(callback(stop))); typ != 6 {
		t.Errorf("Stop acknowledged with type %d; want 6 (deferred update)", typ)
	}
	final := h.wait(func(r discordtest.Request) bool {
		return original(i)(r) && strings.Contains(string(r.Body), "stopped")
	})
	if strings.Contains(string(final.Body), "too.") {
		t.Errorf("the answer ran to its end after Stop: %s", final.Body)
	}
}

// End to end with a language model: the real OpenAI client streams from a
// loopback server into the deferred message, in throttled edits, and the
// final edit is the model's cited answer.
func TestLLMAnswerStreamsIntoDiscord(t *testing.T) {
	var chunks []string
	for _, w := range strings.Fields("The Cuban health workers attended more than 77,000 patients in Azerbaijan until July 2021 [1].") {
		chunks = append(chunks, w+" ")
	}
	srv := llmtest.OpenAI(t, llmtest.Script{Chunks: chunks, Delay: 250 * time.Millisecond})
	model, err := providers.NewModel(providers.LLMConfig{Provider: "openai", Model: "m", BaseURL: srv.OpenAIBaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	h := start(t, options{config: func(c *bot.Config) { c.StreamEditInterval = time.Second },
		model: model, llm: rag.LLMOptions{Timeout: 20 * time.Second, RequireStopReason: true}})
	i := h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"))
	final := h.wait(func(r discordtest.Request) bool {
		return original(i)(r) && strings.Contains(string(r.Body), `"fb:1:`) // the final answer, with its feedback buttons
	})
	var edits []discordtest.Request
	for _, r := range h.srv.Requests() {
		if original(i)(r) {
			edits = append(edits, r)
		}
	}
	if len(edits) < 3 {
		t.Errorf("%d edits; want at least two while the model writes, then the final one", len(edits))
	}
	// One layout from the first edit to the last: the answer's embed,
	// never plain text that then jumps into an embed.
	for k, e := range edits {
		if s := decodeSent(t, e); len(s.Embeds) == 0 || s.Content != "" {
			t.Errorf("edit %d: content %q, %d embeds; want the answer in one embed throughout", k, s.Content, len(s.Embeds))
		}
	}
	for k := 1; k < len(edits); k++ {
		if gap := edits[k].Time.Sub(edits[k-1].Time); gap < time.Second {
			t.Errorf("edits %d and %d are %v apart; want at least 1s", k-1, k, gap)
		}
	}
	if text := decodeSent(t, final).text(); !strings.Contains(text, "77,000 patients") || !strings.Contains(text, "[1]") || !strings.Contains(text, articleURL) {
		t.Errorf("final answer %q; want the model's cited answer with the source", text)
	}
}
