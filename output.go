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
	"unicode/utf8"
)

// Output helpers shared by the commands.

// isTerminal reports whether f is a terminal (not a file or a pipe).
func isTerminal(v any) bool {
	if t, ok := v.(textWriter); ok {
		v = t.w
	}
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

// writeJSON prints v as indented JSON, without HTML escaping. encoding/json
// escapes C0 controls (ESC too) but not DEL and C1 ones, which some
// terminals obey: those are escaped here. Secrets are scrubbed. JSON goes out as is, not through textWriter.
func writeJSON(w io.Writer, v any) error {
	var secrets *secretScrubber
	if t, ok := w.(textWriter); ok {
		w, secrets = t.w, t.secrets
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	var esc strings.Builder
	for _, r := range b.String() { // valid UTF-8: encoding/json replaces the rest
		if r >= 0x7f && r <= 0x9f {
			fmt.Fprintf(&esc, "\\u%04x", r)
			continue
		}
		esc.WriteRune(r)
	}
	_, err := io.WriteString(w, secrets.scrub(esc.String()))
	return err
}

// Limits of the metadata given on the command line, in characters.
const (
	maxTitle  = 300
	maxOutlet = 200
)

// checkLength refuses a flag's value longer than max characters.
func checkLength(flag, v string, max int) error {
	if n := utf8.RuneCountInString(v); n > max {
		return usagef("--%s is %d characters long; the limit is %d", flag, n, max)
	}
	return nil
}

// shortTitle is a title as printed: at most maxTitle characters, cut with
// "…" (a stored title may be longer: older documents, extracted metadata).
func shortTitle(s string) string {
	if utf8.RuneCountInString(s) <= maxTitle {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:maxTitle-1])) + "…"
}

// textWriter is how the CLI's text output reaches stdout: every write goes
// through stripControls, so that a document's title or text cannot move the
// cursor, retitle the window or hide what was printed.
// Once the configuration is loaded, it scrubs the configured secrets too.
type textWriter struct {
	w       io.Writer
	secrets *secretScrubber
}

func (t textWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, stripControls(t.secrets.scrub(string(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// stripControls removes what a terminal would act on rather than show: C0
// controls but \n and \t, DEL, C1 controls, and whole escape sequences (CSI,
// OSC, DCS and the others, up to their terminator or the end of the line).
// Bytes that are not UTF-8 become U+FFFD, since a non-UTF-8 terminal reads
// 0x80–0x9F as C1 controls.
func stripControls(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == 0x1b:
			i = skipEscape(s, i)
		case r == 0x9b: // CSI
			i = skipCSI(s, i)
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // DCS, SOS, OSC, PM, APC
			i = skipString(s, i)
		case isControl(r):
		default:
			b.WriteRune(r) // U+FFFD for a byte that is not UTF-8
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f)
}

// skipEscape returns where the escape sequence whose ESC ends before i ends.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f: // intermediates, then a final byte
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e:
		return i + 1
	}
	return i
}

// skipCSI skips a control sequence's parameters, intermediates and final byte.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips a control string up to its terminator (BEL, ESC \ or
// ST), or up to the end of the line when it has none.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		case s[i] == '\n':
			return i
		}
		i++
	}
	return i
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
		line := fmt.Sprintf("[%d] %s", s.N, shortTitle(s.Doc.Title))
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
