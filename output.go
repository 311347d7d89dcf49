package main

import (
	"cabot/corpus"
	"cabot/rag"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
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
	Question string `json:"question"`
	Answer   string `json:"answer"`
	Grounded bool   `json:"grounded"`
	Mode     string `json:"mode"`
	// AnswerSpan is the answer itself (a name, a figure, a date) with
	// where it stands: byte offsets in the stored text of a document, or
	// the document's metadata ("from": "metadata").
	AnswerSpan *jsonSpan    `json:"answer_span,omitempty"`
	Conflict   bool         `json:"conflict,omitempty"`
	Sources    []jsonSource `json:"sources"`
	Note       string       `json:"note,omitempty"`
	TookMS     float64      `json:"took_ms"`
}

type jsonSpan struct {
	Text  string `json:"text"`
	DocID string `json:"doc_id"`
	From  string `json:"from"` // "text" or "metadata"
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// jsonSourceDoc is how every JSON output names a numbered source.
type jsonSourceDoc struct {
	N         int    `json:"n"`
	DocID     string `json:"doc_id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

func toJSONSourceDoc(s rag.Source) jsonSourceDoc {
	return jsonSourceDoc{N: s.N, DocID: s.Doc.ID, Title: s.Doc.Title, Outlet: s.Doc.Outlet, URL: s.Doc.URL, Published: corpus.FormatDate(s.Doc.Published)}
}

// jsonSource is a source of an answer, with the passage it quoted.
type jsonSource struct {
	jsonSourceDoc
	Quote string  `json:"quote"`
	Score float64 `json:"score"`
}

// jsonSourceQs is a source of a summary or a timeline, with every passage
// quoted from it.
type jsonSourceQs struct {
	jsonSourceDoc
	Quotes []string `json:"quotes"`
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
		Sources: []jsonSource{}, Note: ans.Note, TookMS: ms(ans.Took), Conflict: ans.Conflict,
	}
	if sp := ans.Span; sp != nil {
		out.AnswerSpan = &jsonSpan{Text: sp.Text, DocID: sp.DocID, From: "text", Start: sp.Start, End: sp.End}
		if sp.End == 0 {
			out.AnswerSpan.From = "metadata"
		}
	}
	for _, s := range ans.Sources {
		out.Sources = append(out.Sources, jsonSource{jsonSourceDoc: toJSONSourceDoc(s), Quote: s.Quote, Score: s.Score})
	}
	return out
}

func sourcesJSON(srcs []rag.Source) []jsonSourceQs {
	out := []jsonSourceQs{}
	for _, s := range srcs {
		j := jsonSourceQs{jsonSourceDoc: toJSONSourceDoc(s), Quotes: []string{}}
		for _, q := range s.Quotes {
			j.Quotes = append(j.Quotes, q.Text)
		}
		out = append(out, j)
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

// writeSources lists the numbered sources under a heading, with their
// quotes when asked.
func writeSources(w io.Writer, heading string, srcs []rag.Source, quotes bool) {
	if len(srcs) == 0 {
		return
	}
	fmt.Fprintln(w, "\n"+heading)
	for _, s := range srcs {
		var meta []string
		if s.Doc.Outlet != "" {
			meta = append(meta, s.Doc.Outlet)
		}
		if d := corpus.FormatDate(s.Doc.Published); d != "" {
			meta = append(meta, d)
		}
		line := fmt.Sprintf("[%d] %s", s.N, s.Doc.Title)
		if len(meta) > 0 {
			line += " — " + strings.Join(meta, ", ")
		}
		fmt.Fprintln(w, line)
		if s.Doc.URL != "" {
			fmt.Fprintln(w, "    "+s.Doc.URL)
		}
		if quotes {
			for _, q := range s.Quotes {
				fmt.Fprintf(w, "    “%s”\n", q.Text)
			}
		}
	}
}

// ms is d in milliseconds, to the microsecond.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
