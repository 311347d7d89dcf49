package main

import (
	"cabot/corpus"
	"cabot/rag"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Output helpers shared by the commands.

// isTerminal reports whether f is a terminal (not a file or a pipe).
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// jsonAnswer is the --json output.
type jsonAnswer struct {
	Question string       `json:"question"`
	Answer   string       `json:"answer"`
	Grounded bool         `json:"grounded"`
	Mode     string       `json:"mode"`
	Sources  []jsonSource `json:"sources"`
	Note     string       `json:"note,omitempty"`
	TookMS   float64      `json:"took_ms"`
}

type jsonSource struct {
	N         int     `json:"n"`
	DocID     string  `json:"doc_id"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	URL       string  `json:"url"`
	Published string  `json:"published"`
	Quote     string  `json:"quote"`
	Score     float64 `json:"score"`
}

// writeJSON prints v as indented JSON, without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func toJSONAnswer(ans rag.Answer) jsonAnswer {
	out := jsonAnswer{
		Question: ans.Question, Answer: ans.Text, Grounded: ans.Grounded, Mode: ans.Mode,
		Sources: []jsonSource{}, Note: ans.Note, TookMS: float64(ans.Took.Microseconds()) / 1000,
	}
	for _, s := range ans.Sources {
		out.Sources = append(out.Sources, jsonSource{
			N: s.N, DocID: s.Doc.ID, Title: s.Doc.Title, Outlet: s.Doc.Outlet, URL: s.Doc.URL,
			Published: corpus.FormatDate(s.Doc.Published), Quote: s.Quote, Score: s.Score,
		})
	}
	return out
}

func writeText(w io.Writer, ans rag.Answer) {
	fmt.Fprintln(w, ans.Text)
	if ans.Note != "" {
		fmt.Fprintln(w, "\n("+ans.Note+")")
	}
	heading := "Sources:"
	if !ans.Grounded {
		heading = "Nearest documents:"
	}
	writeSources(w, heading, ans.Sources, ans.Grounded)
}
