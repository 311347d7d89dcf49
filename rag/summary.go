package rag

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"cabot/corpus"
	"cabot/corpus/storage"
	"cabot/rag/lang"
)

// SummaryRequest says what to summarise: one document (DocID), the
// documents about a topic (Topic, optionally within Since/Until), or what
// was published or added in the last RecentDays days. Scope is the server
// asking.
type SummaryRequest struct {
	DocID        string
	Topic        string
	Since, Until time.Time
	RecentDays   int
	Scope        string
	// Now is the current time for RecentDays (zero: time.Now()).
	Now time.Time
}

// Summary is an extractive summary: sentences quoted verbatim from the
// documents, each document's in source order, each followed by its
// citation.
type Summary struct {
	Kind    string // "document", "topic" or "recent"
	Text    string
	Points  []Point
	Sources []Source
	Mode    string
	// Note is a short remark (for example that the model was unavailable).
	Note string
	Took time.Duration
}

// Point is one sentence of a summary with its citation number.
type Point struct {
	N     int
	Quote Quote
	Doc   DocInfo
}

// ErrNothingToSummarise is returned when no document matches the request.
var ErrNothingToSummarise = errors.New("no document matches")

// Summary length targets, as shares of the document's length.
const (
	summaryTarget = 0.33
	summaryMax    = 0.40
)

// summarizeFunc writes a summary of one kind.
type summarizeFunc func(context.Context, SummaryRequest) (Summary, error)

// pick returns document when req names a document, else topic when it
// names a topic, else nil.
func (req SummaryRequest) pick(document, topic summarizeFunc) summarizeFunc {
	switch {
	case req.DocID != "":
		return document
	case strings.TrimSpace(req.Topic) != "":
		return topic
	}
	return nil
}

// Summarize writes an extractive summary.
func (l *Library) Summarize(ctx context.Context, req SummaryRequest) (Summary, error) {
	start := time.Now()
	summarize := req.pick(l.summarizeDocument, l.summarizeTopic)
	if summarize == nil && req.RecentDays > 0 {
		summarize = l.summarizeRecent
	}
	if summarize == nil {
		return Summary{}, fmt.Errorf("summarize: say which document, which topic, or how many recent days")
	}
	s, err := summarize(ctx, req)
	if err != nil {
		return Summary{}, err
	}
	s.Mode = ModeExtractive
	s.Took = time.Since(start)
	return s, nil
}

// sentence is a sentence of a document with its word stems.
type sentence struct {
	doc   DocInfo
	quote Quote
	tf    map[string]float64
	// about holds the words the sentence is about: its own and, at
	// titleShare, its document's title's, which often carry the subject the
	// sentence only refers to; nil for its own alone (tf).
	about map[string]float64
	order int  // position in its document
	lead  bool // the first sentence of its document's report
}

const (
	// titleShare is what a word of its document's title counts in what a
	// sentence is about.
	titleShare = 0.5
	// leadBonus is added to the relevance of a report's first sentence in
	// a topic's summary.
	leadBonus = 0.2
	// minSentenceWords: a shorter "sentence" of a report is its dateline
	// or byline, not worth quoting in a summary.
	minSentenceWords = 5
)

// subject returns what the sentence is about (see about).
func (s *sentence) subject() map[string]float64 {
	if s.about != nil {
		return s.about
	}
	return s.tf
}

func splitSentences(d corpus.Document, info DocInfo) []*sentence {
	var out []*sentence
	for k, sp := range corpus.Sentences(d.Text) {
		s := &sentence{doc: info, quote: Quote{Text: d.Text[sp.Start:sp.End], Start: sp.Start, End: sp.End}, tf: map[string]float64{}, order: k}
		for _, t := range terms(s.quote.Text) {
			s.tf[t]++
		}
		out = append(out, s)
	}
	return out
}

// weigh turns term counts into tf-idf vectors (idf over these sentences),
// normalised, and returns their centroid.
func weigh(sents []*sentence) map[string]float64 {
	df := map[string]float64{}
	for _, s := range sents {
		for t := range s.tf {
			df[t]++
		}
	}
	n := float64(len(sents))
	centroid := map[string]float64{}
	for _, s := range sents {
		var norm float64
		for t, c := range s.tf {
			w := (1 + math.Log(c)) * math.Log(1+n/df[t])
			s.tf[t] = w
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for t := range s.tf {
			if norm > 0 {
				s.tf[t] /= norm
			}
			centroid[t] += s.tf[t]
		}
	}
	return centroid
}

func cosine(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot, na, nb float64
	for t, x := range a {
		dot += x * b[t]
		na += x * x
	}
	for _, y := range b {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// informative favours sentences that carry facts: numbers and dates.
func informative(text string) float64 {
	bonus := 0.0
	if numberRe.MatchString(text) {
		bonus += 0.1
	}
	if dateScan.matchString(text) {
		bonus += 0.1
	}
	return bonus
}

// selectMMR picks sentences by maximal marginal relevance: relevance minus
// similarity to what is already picked, until the length budget is used.
// A sentence that does not fit is passed over for shorter ones; the first
// may go over budget but never over hardMax. It returns them in the order
// picked.
func selectMMR(cands []*sentence, relevance map[*sentence]float64, budget, hardMax int) []*sentence {
	const lambda = 0.7
	var picked []*sentence
	used := 0
	left := append([]*sentence(nil), cands...)
	for len(left) > 0 {
		best, bestScore := -1, math.Inf(-1)
		for i, c := range left {
			red := 0.0
			for _, p := range picked {
				red = max(red, cosine(c.tf, p.tf))
			}
			if score := lambda*relevance[c] - (1-lambda)*red; score > bestScore {
				best, bestScore = i, score
			}
		}
		c := left[best]
		left = append(left[:best], left[best+1:]...)
		n := len([]rune(c.quote.Text)) + 1
		if (len(picked) > 0 && used+n > budget) || n > hardMax {
			continue // too long: a shorter sentence may still fit
		}
		picked = append(picked, c)
		used += n
	}
	return picked
}

func (l *Library) summarizeDocument(ctx context.Context, req SummaryRequest) (Summary, error) {
	info, ok := l.Document(req.DocID)
	if !ok || (info.Scope != "" && info.Scope != req.Scope) {
		return Summary{}, fmt.Errorf("summarize document %s: %w", req.DocID, storage.ErrNotFound)
	}
	d, err := l.store.Document(ctx, req.DocID)
	if err != nil {
		return Summary{}, fmt.Errorf("summarize document %s: %w", req.DocID, err)
	}
	sents := splitSentences(d, info)
	length := len([]rune(d.Text))
	picked := summarizeSentences(sents, titleTerms(d.Title), int(summaryTarget*float64(length)), int(summaryMax*float64(length)))
	return assemble("document", picked), nil
}

// titleTerms returns the words of a title as a query: a news headline says
// what the article is about, and sentences close to it belong in a summary.
func titleTerms(title string) map[string]float64 {
	out := map[string]float64{}
	for _, t := range terms(title) {
		out[t] = 1
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// summarizeSentences ranks sentences by centrality (similarity to the
// centroid of all of them) and, when focus is set, similarity to it (the
// topic asked for, or the document's title), with a small bonus for the
// lead sentence and for facts (numbers, dates), then picks them with MMR.
func summarizeSentences(sents []*sentence, focus map[string]float64, budget, hardMax int) []*sentence {
	if len(sents) == 0 {
		return nil
	}
	centroid := weigh(sents)
	rel := map[*sentence]float64{}
	for _, s := range sents {
		r := cosine(s.tf, centroid)
		if focus != nil {
			r = 0.4*r + 0.6*cosine(s.subject(), focus)
		}
		if s.order == 0 {
			r += 0.05
		}
		if s.lead {
			r += leadBonus
		}
		rel[s] = r + informative(s.quote.Text)
	}
	return selectMMR(sents, rel, budget, hardMax)
}

// topicTarget and topicMax are the length in characters a topic's summary
// aims at and never passes: an overview of a field across the documents
// (six to ten sentences), which a broad question is answered with too.
const topicTarget, topicMax = 1700, 2200

func (l *Library) summarizeTopic(ctx context.Context, req SummaryRequest) (Summary, error) {
	return l.topicSummary(ctx, req, nil)
}

// topicSummary is summarizeTopic keeping only the sentences that hold one
// of the subject's concepts (each a list of stems, any of which holds it)
// when there is a subject: an overview of "cooperation on sugar" quotes
// sentences on sugar, not any sentence on Cuba.
func (l *Library) topicSummary(ctx context.Context, req SummaryRequest, subject [][]string) (Summary, error) {
	passages, err := l.Search(ctx, req.Topic, Filter{Scope: req.Scope, Since: req.Since, Until: req.Until}, 8)
	if err != nil {
		return Summary{}, fmt.Errorf("summarize topic: %w", err)
	}
	// Sentences of the retrieved passages that share words with the topic,
	// in the passage's language or in the English its words mean.
	// Each word of the topic counts by how rare it is in the library: "the
	// Clear Horizon programme" is about Clear Horizon more than about
	// programmes; a word no chunk has counts for nothing.
	topicTerms := map[string]float64{}
	ts := termsIn(req.Topic, lang.Detect(req.Topic))
	idf, none := l.lexical.weights(ts) // none: the weight of a word no chunk has
	for _, t := range ts {
		if idf[t] < none {
			topicTerms[t] = idf[t]
		}
	}
	// A news report's lead says what it is about: each document's first
	// sentence is read with the passages, and counts more (leadBonus).
	chunks := make([]Passage, 0, 2*len(passages))
	titles := map[string][]string{}
	for _, p := range passages {
		if _, ok := titles[p.Doc.ID]; ok {
			continue
		}
		titles[p.Doc.ID] = termsIn(p.Doc.Title, p.Doc.Language)
		if first, ok := l.firstChunk(p.Doc.ID); ok {
			chunks = append(chunks, Passage{Doc: p.Doc, Chunk: first})
		}
	}
	chunks = append(chunks, passages...)
	var sents []*sentence
	seen := map[string]bool{}
	leads := map[string]bool{} // documents whose lead is read
	for _, p := range chunks {
		for k, sp := range corpus.Sentences(p.Chunk.Text) {
			start := p.Chunk.Start + sp.Start
			key := fmt.Sprintf("%s@%d", p.Doc.ID, start)
			text := p.Chunk.Text[sp.Start:sp.End]
			if seen[key] || len(strings.Fields(text)) < minSentenceWords {
				continue // read already, or a dateline ("Baku, 6 October, SNA")
			}
			seen[key] = true
			s := &sentence{doc: p.Doc, quote: Quote{Text: text, Start: start, End: p.Chunk.Start + sp.End},
				tf: map[string]float64{}, order: start + k}
			if p.Chunk.Start == 0 && !leads[p.Doc.ID] {
				s.lead, leads[p.Doc.ID] = true, true
			}
			for _, t := range termsIn(s.quote.Text, p.Doc.Language) {
				s.tf[t]++
			}
			s.about = maps.Clone(s.tf)
			for _, t := range titles[p.Doc.ID] {
				if s.tf[t] == 0 {
					s.about[t] = titleShare
				}
			}
			// A sentence is on the subject by its own words; a lead by its
			// title's too.
			on := s.tf
			if s.lead {
				on = s.about
			}
			shares := false
			for t := range on {
				if topicTerms[t] > 0 {
					shares = true
				}
			}
			if shares && (len(subject) == 0 || slices.ContainsFunc(subject, func(c []string) bool {
				return slices.ContainsFunc(c, func(t string) bool { return on[t] > 0 })
			})) {
				sents = append(sents, s)
			}
		}
	}
	if len(sents) == 0 {
		return Summary{}, fmt.Errorf("summarize topic %q: %w", req.Topic, ErrNothingToSummarise)
	}
	picked := summarizeSentences(sents, topicTerms, topicTarget, topicMax)
	return assemble("topic", picked), nil
}

func (l *Library) summarizeRecent(ctx context.Context, req SummaryRequest) (Summary, error) {
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	from := now.Add(-time.Duration(req.RecentDays) * 24 * time.Hour)
	var recent []DocInfo
	for _, d := range l.Documents(req.Scope, false) {
		when := d.Published
		if when.IsZero() {
			when = d.AddedAt
		}
		if !when.Before(from) && !when.After(now) {
			recent = append(recent, d)
		}
	}
	sort.Slice(recent, func(i, j int) bool { return latest(recent[i]).After(latest(recent[j])) })
	if len(recent) > 10 {
		recent = recent[:10]
	}
	if len(recent) == 0 {
		return Summary{}, fmt.Errorf("summarize the last %d days: %w", req.RecentDays, ErrNothingToSummarise)
	}
	var picked []*sentence
	for _, info := range recent {
		d, err := l.store.Document(ctx, info.ID)
		if err != nil {
			return Summary{}, fmt.Errorf("summarize recent: %w", err)
		}
		// Two sentences or so a document.
		picked = append(picked, summarizeSentences(splitSentences(d, info), nil, 350, 600)...)
	}
	return assemble("recent", picked), nil
}

// groupByDoc groups items by the document docID names, and lists the
// documents in the order of their first item.
func groupByDoc[T any](items []T, docID func(T) string) (order []string, byDoc map[string][]T) {
	byDoc = map[string][]T{}
	for _, it := range items {
		id := docID(it)
		if _, ok := byDoc[id]; !ok {
			order = append(order, id)
		}
		byDoc[id] = append(byDoc[id], it)
	}
	return order, byDoc
}

func latest(d DocInfo) time.Time {
	if !d.Published.IsZero() {
		return d.Published
	}
	return d.AddedAt
}

// assemble numbers the documents in the order of their first picked
// sentence and writes each document's sentences in source order.
func assemble(kind string, picked []*sentence) Summary {
	s := Summary{Kind: kind}
	order, byDoc := groupByDoc(picked, func(p *sentence) string { return p.doc.ID })
	var parts []string
	for n, id := range order {
		ss := byDoc[id]
		sort.Slice(ss, func(i, j int) bool { return ss[i].quote.Start < ss[j].quote.Start })
		src := Source{N: n + 1, Doc: ss[0].doc, Quote: ss[0].quote.Text}
		for _, x := range ss {
			src.Quotes = append(src.Quotes, x.quote)
			s.Points = append(s.Points, Point{N: n + 1, Quote: x.quote, Doc: x.doc})
			parts = append(parts, fmt.Sprintf("%s [%d]", EscapeCitations(x.quote.Text), n+1))
		}
		s.Sources = append(s.Sources, src)
	}
	s.Text = strings.Join(parts, " ")
	return s
}
