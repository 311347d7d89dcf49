package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"cabot/corpus"
	"cabot/rag"
	"cabot/rag/dates"
)

// dateFlags are --since and --until.
type dateFlags struct{ since, until string }

func (d *dateFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.since, "since", "", "only documents published on or after `DATE` (YYYY-MM-DD)")
	fs.StringVar(&d.until, "until", "", "only documents published on or before `DATE` (YYYY-MM-DD)")
}

func (d *dateFlags) parse() (since, until time.Time, err error) {
	if d.since != "" {
		if since, err = corpus.ParseDate(d.since); err != nil {
			return since, until, usagef("--since: %v", err)
		}
	}
	if d.until != "" {
		if until, err = corpus.ParseDate(d.until); err != nil {
			return since, until, usagef("--until: %v", err)
		}
	}
	if !since.IsZero() && !until.IsZero() && until.Before(since) {
		return since, until, usagef("--until %s is before --since %s", d.until, d.since)
	}
	return since, until, nil
}

func summaryCommand() *command {
	var doc, topic string
	var recent int
	var asJSON bool
	var dates dateFlags
	return &command{
		name: "summary", args: "--doc ID | --topic TEXT | --recent DAYS",
		summary: "Summarise a whole document, the documents about a topic, or what was published\nor added recently; every sentence is quoted from its source and cited.",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&doc, "doc", "", "the document `ID` to summarise (see cabot docs list)")
			fs.StringVar(&topic, "topic", "", "summarise the documents about `TEXT`")
			fs.IntVar(&recent, "recent", 0, "summarise what was published or added in the last `DAYS` days")
			fs.BoolVar(&asJSON, "json", false, "print one JSON object")
			dates.register(fs)
		},
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			given := 0
			for _, b := range []bool{doc != "", topic != "", recent != 0} {
				if b {
					given++
				}
			}
			if given != 1 || fs.NArg() > 0 {
				return usagef("give exactly one of --doc, --topic or --recent")
			}
			if recent < 0 {
				return usagef("--recent takes a number of days above 0")
			}
			since, until, err := dates.parse()
			if err != nil {
				return err
			}
			a, err := openApp(ctx, e)
			if err != nil {
				return err
			}
			defer a.Close()
			s, err := a.svc.Summarize(ctx, rag.SummaryRequest{DocID: doc, Topic: topic, RecentDays: recent, Since: since, Until: until})
			if err != nil {
				return err
			}
			if asJSON {
				type point struct {
					N     int    `json:"n"`
					DocID string `json:"doc_id"`
					Quote string `json:"quote"`
				}
				out := struct {
					Kind    string         `json:"kind"`
					Summary string         `json:"summary"`
					Points  []point        `json:"points"`
					Sources []jsonSourceQs `json:"sources"`
					Mode    string         `json:"mode"`
					Note    string         `json:"note,omitempty"`
					TookMS  float64        `json:"took_ms"`
				}{Kind: s.Kind, Summary: s.Text, Points: []point{}, Sources: sourcesJSON(s.Sources), Mode: s.Mode, Note: s.Note, TookMS: ms(s.Took)}
				for _, p := range s.Points {
					out.Points = append(out.Points, point{N: p.N, DocID: p.Doc.ID, Quote: p.Quote.Text})
				}
				return writeJSON(e.stdout, out)
			}
			if len(s.Points) == 0 {
				fmt.Fprintln(e.stdout, s.Text)
			}
			for _, p := range s.Points {
				fmt.Fprintf(e.stdout, "- %s [%d]\n", rag.EscapeCitations(p.Quote.Text), p.N)
			}
			if s.Note != "" {
				fmt.Fprintf(e.stdout, "\n(%s)\n", s.Note)
			}
			writeSources(e.stdout, "Sources:", s.Sources, false)
			return nil
		},
	}
}

func timelineCommand() *command {
	var asJSON bool
	var dates dateFlags
	return &command{
		name: "timeline", args: "[TOPIC...]",
		summary: "List the dated events the documents give (about TOPIC, or all), in order, with citations.",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print one JSON object")
			dates.register(fs)
		},
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			since, until, err := dates.parse()
			if err != nil {
				return err
			}
			a, err := openApp(ctx, e)
			if err != nil {
				return err
			}
			defer a.Close()
			tl, err := a.svc.Timeline(ctx, rag.TimelineRequest{Topic: strings.Join(fs.Args(), " "), Since: since, Until: until})
			if err != nil {
				return err
			}
			if asJSON {
				type event struct {
					Date            string `json:"date"`
					When            string `json:"when"`
					N               int    `json:"n"`
					DocID           string `json:"doc_id"`
					Quote           string `json:"quote"`
					FromPublication bool   `json:"dated_from_publication"`
				}
				out := struct {
					Events  []event        `json:"events"`
					Sources []jsonSourceQs `json:"sources"`
					TookMS  float64        `json:"took_ms"`
				}{Events: []event{}, Sources: sourcesJSON(tl.Sources), TookMS: ms(tl.Took)}
				for _, ev := range tl.Events {
					out.Events = append(out.Events, event{Date: dateAt(ev), When: ev.When, N: ev.N, DocID: ev.Doc.ID, Quote: ev.Quote.Text, FromPublication: ev.FromPublication})
				}
				return writeJSON(e.stdout, out)
			}
			if len(tl.Events) == 0 {
				fmt.Fprintln(e.stdout, "No dated events found.")
				return nil
			}
			for _, ev := range tl.Events {
				note := ""
				if ev.FromPublication {
					note = " (dated from the article's publication date)"
				}
				fmt.Fprintf(e.stdout, "%s — %s [%d]%s\n", ev.When, rag.EscapeCitations(ev.Quote.Text), ev.N, note)
			}
			writeSources(e.stdout, "Sources:", tl.Sources, false)
			return nil
		},
	}
}

// dateAt writes an event's date at its precision: 2020, 2021-07, 2020-11-06.
func dateAt(ev rag.Event) string {
	switch ev.Precision {
	case dates.PrecisionYear:
		return ev.Date.Format("2006")
	case dates.PrecisionMonth:
		return ev.Date.Format("2006-01")
	}
	return ev.Date.Format(time.DateOnly)
}

type jsonSourceQs struct {
	N         int      `json:"n"`
	DocID     string   `json:"doc_id"`
	Title     string   `json:"title"`
	Outlet    string   `json:"outlet"`
	URL       string   `json:"url"`
	Published string   `json:"published"`
	Quotes    []string `json:"quotes"`
}

func sourcesJSON(srcs []rag.Source) []jsonSourceQs {
	out := []jsonSourceQs{}
	for _, s := range srcs {
		j := jsonSourceQs{N: s.N, DocID: s.Doc.ID, Title: s.Doc.Title, Outlet: s.Doc.Outlet, URL: s.Doc.URL, Published: corpus.FormatDate(s.Doc.Published), Quotes: []string{}}
		for _, q := range s.Quotes {
			j.Quotes = append(j.Quotes, q.Text)
		}
		out = append(out, j)
	}
	return out
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

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
