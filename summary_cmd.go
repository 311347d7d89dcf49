package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"cabot/corpus"
	"cabot/rag"
	"cabot/rag/dates"
)

// answerFlags are the flags of the commands that answer from the
// documents: --json, --since and --until. check parses the dates into since
// and until.
type answerFlags struct {
	asJSON               bool
	sinceText, untilText string
	since, until         time.Time
}

// register adds the flags to fs; jsonUsage says what --json prints.
func (f *answerFlags) register(fs *flag.FlagSet, jsonUsage string) {
	fs.BoolVar(&f.asJSON, "json", false, jsonUsage)
	fs.StringVar(&f.sinceText, "since", "", "only documents published on or after `DATE` (YYYY-MM-DD)")
	fs.StringVar(&f.untilText, "until", "", "only documents published on or before `DATE` (YYYY-MM-DD)")
}

// check parses the dates given; its errors are usage errors.
func (f *answerFlags) check() error {
	var err error
	if f.sinceText != "" {
		if f.since, err = corpus.ParseDate(f.sinceText); err != nil {
			return usagef("--since: %v", err)
		}
	}
	if f.untilText != "" {
		if f.until, err = corpus.ParseDate(f.untilText); err != nil {
			return usagef("--until: %v", err)
		}
	}
	if !f.since.IsZero() && !f.until.IsZero() && f.until.Before(f.since) {
		return usagef("--until %s is before --since %s", f.untilText, f.sinceText)
	}
	return nil
}

func summaryCommand() *command {
	var doc, topic string
	var recent int
	var f answerFlags
	return &command{
		name: "summary", args: "--doc ID | --topic TEXT | --recent DAYS", opens: needService,
		summary: "Summarise a whole document, the documents about a topic, or what was published\nor added recently; every sentence is quoted from its source and cited.",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&doc, "doc", "", "the document `ID` to summarise (see cabot docs list)")
			fs.StringVar(&topic, "topic", "", "summarise the documents about `TEXT`")
			fs.IntVar(&recent, "recent", 0, "summarise what was published or added in the last `DAYS` days")
			f.register(fs, "print one JSON object")
		},
		check: func(args []string) error {
			given := 0
			for _, b := range []bool{doc != "", topic != "", recent != 0} {
				if b {
					given++
				}
			}
			if given != 1 || len(args) > 0 {
				return usagef("give exactly one of --doc, --topic or --recent")
			}
			if recent < 0 {
				return usagef("--recent takes a number of days above 0")
			}
			return f.check()
		},
		run: func(ctx context.Context, e env, a *app, _ []string) error {
			s, err := a.svc.Summarize(ctx, rag.SummaryRequest{DocID: doc, Topic: topic, RecentDays: recent, Since: f.since, Until: f.until})
			if err != nil {
				return err
			}
			if f.asJSON {
				return writeJSON(e.stdout, toJSONSummary(s))
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

// jsonSummary is the --json output of summary.
type jsonSummary struct {
	Kind    string         `json:"kind"`
	Summary string         `json:"summary"`
	Points  []jsonPoint    `json:"points"`
	Sources []jsonSourceQs `json:"sources"`
	Mode    string         `json:"mode"`
	Note    string         `json:"note,omitempty"`
	TookMS  float64        `json:"took_ms"`
}

type jsonPoint struct {
	N     int    `json:"n"`
	DocID string `json:"doc_id"`
	Quote string `json:"quote"`
}

func toJSONSummary(s rag.Summary) jsonSummary {
	out := jsonSummary{Kind: s.Kind, Summary: s.Text, Points: []jsonPoint{}, Sources: sourcesJSON(s.Sources), Mode: s.Mode, Note: s.Note, TookMS: ms(s.Took)}
	for _, p := range s.Points {
		out.Points = append(out.Points, jsonPoint{N: p.N, DocID: p.Doc.ID, Quote: p.Quote.Text})
	}
	return out
}

func timelineCommand() *command {
	var f answerFlags
	return &command{
		name: "timeline", args: "[TOPIC...]", opens: needService,
		summary: "List the dated events the documents give (about TOPIC, or all), in order, with citations.",
		flags:   func(fs *flag.FlagSet) { f.register(fs, "print one JSON object") },
		check:   func([]string) error { return f.check() },
		run: func(ctx context.Context, e env, a *app, args []string) error {
			tl, err := a.svc.Timeline(ctx, rag.TimelineRequest{Topic: strings.Join(args, " "), Since: f.since, Until: f.until})
			if err != nil {
				return err
			}
			if f.asJSON {
				return writeJSON(e.stdout, toJSONTimeline(tl))
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

// jsonTimeline is the --json output of timeline.
type jsonTimeline struct {
	Events  []jsonEvent    `json:"events"`
	Sources []jsonSourceQs `json:"sources"`
	TookMS  float64        `json:"took_ms"`
}

type jsonEvent struct {
	Date            string `json:"date"`
	When            string `json:"when"`
	N               int    `json:"n"`
	DocID           string `json:"doc_id"`
	Quote           string `json:"quote"`
	FromPublication bool   `json:"dated_from_publication"`
}

func toJSONTimeline(tl rag.Timeline) jsonTimeline {
	out := jsonTimeline{Events: []jsonEvent{}, Sources: sourcesJSON(tl.Sources), TookMS: ms(tl.Took)}
	for _, ev := range tl.Events {
		out.Events = append(out.Events, jsonEvent{Date: dateAt(ev), When: ev.When, N: ev.N, DocID: ev.Doc.ID, Quote: ev.Quote.Text, FromPublication: ev.FromPublication})
	}
	return out
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
