package main

import (
	"strings"
	"testing"
	"time"

	"cabot/rag/llmtest"
)

// The LLM issue's acceptance 1 and 2.
func TestAskWithAnOpenAICompatibleServer(t *testing.T) {
	srv := llmtest.OpenAI(t, llmtest.Script{Chunks: []string{"They attended more than 77,000 patients [1][4] until July 2021 [1]."}})
	dir := t.TempDir()
	env := map[string]string{
		"CABOT_LLM_PROVIDER": "openai", "CABOT_LLM_MODEL": "local-model", "CABOT_LLM_BASE_URL": srv.OpenAIBaseURL(),
		"CABOT_LLM_TIMEOUT": "2s",
	}
	q := "How many patients did the Cuban health workers attend in Azerbaijan?"
	ans := askJSONEnv(t, env, dir, q)
	if ans.Mode != "llm" || !ans.Grounded || !strings.Contains(ans.Answer, "77,000 patients [1]") || strings.Contains(ans.Answer, "[4]") {
		t.Errorf("answer = %+v; want the server's answer with [1] kept and the invented [4] removed", ans)
	}
	if len(ans.Sources) != 1 || ans.Sources[0].URL != articleURL || !strings.Contains(articleText(t), ans.Sources[0].Quote) {
		t.Errorf("sources = %+v; want the article from our store with a verbatim quote", ans.Sources)
	}

	srv.Close() // the server is gone: the extractive answer, with a note, in time
	start := time.Now()
	ans = askJSONEnv(t, env, dir, q)
	if ans.Mode != "extractive" || !strings.Contains(ans.Answer, "77,000") || !strings.Contains(ans.Note, "language model") {
		t.Errorf("with the server stopped, answer = %+v; want the extractive answer and a note", ans)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the fallback took %v; the time limit is 2s", took)
	}
}

func askJSONEnv(t *testing.T, env map[string]string, dataDir, question string) jsonAnswer {
	t.Helper()
	out, errs, code := cabot(t, env, "", "--data-dir", dataDir, "ask", "--json", question)
	if code != 0 {
		t.Fatalf("ask exited %d: %s", code, errs)
	}
	var ans jsonAnswer
	if err := jsonUnmarshal(out, &ans); err != nil {
		t.Fatalf("ask --json printed %q: %v", out, err)
	}
	return ans
}

// Changing the embedder is refused until reindex, which then works.
func TestChangingTheEmbedderNeedsReindex(t *testing.T) {
	srv := llmtest.Ollama(t, llmtest.Script{})
	dir := t.TempDir()
	askJSON(t, dir, "How many aid workers were in the second brigade?") // built-in vectors
	env := map[string]string{"CABOT_EMBEDDER_PROVIDER": "ollama", "CABOT_EMBEDDER_MODEL": "nomic-embed-text", "CABOT_EMBEDDER_BASE_URL": srv.URL()}
	_, errs, code := cabot(t, env, "", "--data-dir", dir, "ask", "x")
	if code != 1 || !strings.Contains(errs, "cabot reindex") {
		t.Fatalf("ask with another embedder exited %d: %s; want a refusal telling to run cabot reindex", code, errs)
	}
	out, errs, code := cabot(t, env, "", "--data-dir", dir, "reindex")
	if code != 0 || !strings.Contains(out, "reindexed 4 chunks with ollama:nomic-embed-text") {
		t.Fatalf("reindex exited %d: %s %s", code, out, errs)
	}
	if _, errs, code := cabot(t, env, "", "--data-dir", dir, "ask", "How many aid workers were in the second brigade?"); code != 0 {
		t.Errorf("ask after reindex exited %d: %s", code, errs)
	}
}
