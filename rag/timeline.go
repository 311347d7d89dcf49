package rag

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"cabot/corpus"
	"cabot/rag/dates"
	"cabot/rag/lang"
)

// TimelineRequest says which events to list: those of the documents about
// Topic (all documents when empty), visible in Scope, and optionally within
// Since and Until (by the event's date).
type TimelineRequest struct {
	Topic        string
	Scope        string
	Since, Until time.Time
}

// Event is a dated event: a sentence and the date the text gives for it.
type Event struct {
	N         int // citation number of its document
	Date      time.Time
	Precision dates.Precision
	// When is the date as the text gives it, with its relation: "2020",
	// "until July 2021".
	When  string
	Quote Quote
	Doc   DocInfo
	// FromPublication is set when the date was worked out from the
	// article's publication date ("last February 11").
	FromPublication bool
}

// Timeline is the dated events in order, with their sources.
type Timeline struct {
	Events  []Event
	Sources []Source
	Took    time.Duration
}

// Timeline lists the dated events of the documents in date order, each
// with its citation.
func (l *Library) Timeline(ctx context.Context, req TimelineRequest) (Timeline, error) {
	start := time.Now()
	type cand struct {
		info  DocInfo
		only  map[int]bool // sentence starts to keep; nil: all
		order int
	}
	var cands []cand
	if strings.TrimSpace(req.Topic) != "" {
		passages, err := l.Search(ctx, req.Topic, Filter{Scope: req.Scope}, 12)
		if err != nil {
			return Timeline{}, fmt.Errorf("timeline: %w", err)
		}
		topic := map[string]bool{}
		for _, t := range termsIn(req.Topic, lang.Detect(req.Topic)) {
			topic[t] = true
		}
		byDoc := map[string]*cand{}
		for _, p := range passages {
			c := byDoc[p.Doc.ID]
			if c == nil {
				c = &cand{info: p.Doc, only: map[int]bool{}, order: len(byDoc)}
				byDoc[p.Doc.ID] = c
			}
			for _, sp := range corpus.Sentences(p.Chunk.Text) {
				for _, t := range termsIn(p.Chunk.Text[sp.Start:sp.End], p.Doc.Language) {
					if topic[t] {
						c.only[p.Chunk.Start+sp.Start] = true
						break
					}
				}
			}
		}
		for _, c := range byDoc {
			cands = append(cands, *c)
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].order < cands[j].order })
	} else {
		for i, d := range l.Documents(req.Scope, false) {
			cands = append(cands, cand{info: d, order: i})
		}
	}
	var events []Event
	for _, c := range cands {
		d, err := l.store.Document(ctx, c.info.ID)
		if err != nil {
			return Timeline{}, fmt.Errorf("timeline: %w", err)
		}
		for _, sp := range corpus.Sentences(d.Text) {
			if c.only != nil && !c.only[sp.Start] {
				continue
			}
			text := d.Text[sp.Start:sp.End]
			seen := map[time.Time]bool{}
			for _, m := range dates.Extract(text, c.info.Published) {
				if seen[m.Date] {
					continue
				}
				seen[m.Date] = true
				if (!req.Since.IsZero() && m.Date.Before(req.Since)) || (!req.Until.IsZero() && m.Date.After(req.Until)) {
					continue
				}
				events = append(events, Event{
					Date: m.Date, Precision: m.Precision, When: when(m),
					Quote: Quote{Text: text, Start: sp.Start, End: sp.End},
					Doc:   c.info, FromPublication: m.Relative,
				})
			}
		}
	}
	sort.SliceStable(events, func(i, j int) bool {
		if !events[i].Date.Equal(events[j].Date) {
			return events[i].Date.Before(events[j].Date)
		}
		if events[i].Doc.ID != events[j].Doc.ID {
			return events[i].Doc.ID < events[j].Doc.ID
		}
		return events[i].Quote.Start < events[j].Quote.Start
	})
	// Number the documents in order of first appearance.
	var tl Timeline
	num := map[string]int{}
	for i := range events {
		e := &events[i]
		n, ok := num[e.Doc.ID]
		if !ok {
			n = len(num) + 1
			num[e.Doc.ID] = n
			tl.Sources = append(tl.Sources, Source{N: n, Doc: e.Doc, Quote: e.Quote.Text})
		}
		e.N = n
		src := &tl.Sources[n-1]
		if len(src.Quotes) == 0 || src.Quotes[len(src.Quotes)-1].Start != e.Quote.Start {
			src.Quotes = append(src.Quotes, e.Quote)
		}
	}
	tl.Events = events
	tl.Took = time.Since(start)
	return tl, nil
}

// when writes a date mention with its relation, as a person would.
func when(m dates.Mention) string {
	if m.Relation == "" {
		return m.String()
	}
	return m.Relation + " " + m.String()
}
