package rag

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cabot/corpus"
)

// Question is what a person asked.
type Question struct {
	Text string
	// Scope is the server the question comes from ("" for DMs and the
	// command line): it sees the global documents and its own.
	Scope string
	// Since and Until, when set, restrict the answer to documents published
	// in that range.
	Since, Until time.Time
	// History holds the earlier questions of the same conversation, oldest
	// first. A short follow-up ("and when did they leave?") is read
	// together with the last of them.
	History []string
}

// followUpWords mark a question that leans on the one before it.
var followUpWords = map[string]bool{"they": true, "them": true, "their": true, "it": true, "its": true,
	"he": true, "she": true, "his": true, "her": true, "there": true, "that": true, "this": true,
	"those": true, "these": true, "and": true, "also": true}

// searchText returns the text to retrieve and match words with: the
// question, preceded by the previous question when it is a short follow-up.
func (q Question) searchText() string {
	text := strings.TrimSpace(q.Text)
	if len(q.History) == 0 {
		return text
	}
	toks := tokenize(text)
	content, leaning := 0, false
	for i, t := range toks {
		if !t.Stop {
			content++
		}
		if followUpWords[t.Lower] && (i == 0 || t.Lower != "and") {
			leaning = true
		}
	}
	if content <= 2 || (leaning && content <= 5) {
		return q.History[len(q.History)-1] + " " + text
	}
	return text
}

// Answer is what cabot replies: the text with [n] citations, the numbered
// sources, and whether the sources actually answer the question.
type Answer struct {
	Question string
	Text     string
	Grounded bool
	Mode     string // "extractive"
	Sources  []Source
	// Note is a short remark shown with the answer (for example that the
	// language model was unavailable).
	Note string
	// Relevance is the score of the best sentence found, from 0 to 1; the
	// answer is grounded when it reaches AnswerOptions.MinRelevance.
	Relevance float64
	Took      time.Duration
}

// Source is one cited document. N is its citation number in the answer text.
// Quote is the best quoted sentence; Quotes are all the sentences quoted
// from it, each verbatim from the document's text at [Start, End).
type Source struct {
	N      int
	Doc    DocInfo
	Quote  string
	Quotes []Quote
	Score  float64
}

// Quote is a sentence of a document, at byte offsets [Start, End) of its text.
type Quote struct {
	Text       string
	Start, End int
}

// ModeExtractive names answers made of sentences quoted from the sources.
const ModeExtractive = "extractive"

// AnswerOptions tunes the extractive answerer.
type AnswerOptions struct {
	// MinRelevance is the relevance a sentence needs for the question to
	// count as answered. Its default (package config) is calibrated on the
	// golden set by TestRelevanceThresholdCalibrated.
	MinRelevance float64
	MaxSentences int // sentences quoted at most
	Passages     int // passages read per question
}

// Ask answers a question from the library's documents with the extractive
// answerer: the sentences that answer it, quoted in source order, each
// followed by its citation. When no sentence is relevant enough the answer
// says that the documents do not cover the question and names the nearest
// documents.
func (l *Library) Ask(ctx context.Context, q Question, opt AnswerOptions) (Answer, error) {
	start := time.Now()
	if err := opt.validate(); err != nil {
		return Answer{}, err
	}
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return Answer{}, fmt.Errorf("ask: the question is empty")
	}
	query := q.searchText()
	passages, err := l.Search(ctx, query, Filter{Scope: q.Scope, Since: q.Since, Until: q.Until}, opt.Passages)
	if err != nil {
		return Answer{}, fmt.Errorf("ask: %w", err)
	}
	scored := l.scoreSentences(query, questionType(text), passages)
	ans := compose(text, scored, passages, opt, questionType(text) == dateAnswer || !q.Since.IsZero() || !q.Until.IsZero())
	ans.Took = time.Since(start)
	return ans, nil
}

// candidate is one sentence of a retrieved passage with its relevance.
type candidate struct {
	doc   DocInfo
	quote Quote
	score float64
	next  *candidate // the following sentence in the same paragraph, if any
	typed bool       // it has what the question asks for (a number, a date, a name)
}

// besidesRe finds what a question sets aside: "besides X", "other than X".
var besidesRe = regexp.MustCompile(`(?i)\b(?:besides|apart from|aside from|other than|except(?: for)?)\s+([^,;?.]+)`)

// answerType is what kind of answer a question asks for.
type answerType int

const (
	anyAnswer answerType = iota
	numberAnswer
	dateAnswer
	nameAnswer
)

func questionType(q string) answerType {
	lq := " " + strings.ToLower(q) + " "
	switch {
	case strings.Contains(lq, " how many ") || strings.Contains(lq, " how much ") || strings.Contains(lq, " what number "):
		return numberAnswer
	case strings.Contains(lq, " when ") || strings.Contains(lq, " what year ") || strings.Contains(lq, " since when ") ||
		strings.Contains(lq, " until when ") || strings.Contains(lq, " what date "):
		return dateAnswer
	case strings.HasPrefix(strings.TrimSpace(lq), "who ") || strings.Contains(lq, " whom ") ||
		strings.Contains(lq, " what is the name ") || strings.Contains(lq, " what's the name "):
		return nameAnswer
	}
	return anyAnswer
}

var (
	numberRe = regexp.MustCompile(`\d|\b(?i:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|dozen)s?\b`)
	dateRe   = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b|\b(?i:january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?i:times of|since|until|ago)\b`)
)

// hasType reports whether a sentence holds the kind of answer asked for.
// For names: a capitalised word, not at the start, that the question lacks.
func hasType(t answerType, sentence string, question string) bool {
	switch t {
	case numberAnswer:
		return numberRe.MatchString(sentence)
	case dateAnswer:
		return dateRe.MatchString(sentence)
	case nameAnswer:
		qwords := map[string]bool{}
		for _, tk := range tokenize(question) {
			qwords[tk.Stem] = true
		}
		words := strings.Fields(sentence)
		for i, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if i == 0 || !unicode.IsUpper(r) {
				continue
			}
			tks := tokenize(w)
			if len(tks) > 0 && !tks[0].Stop && !qwords[tks[0].Stem] && !prefixMatch(tks[0].Stem, qwords) {
				return true
			}
		}
		return false
	}
	return true
}

func prefixMatch(stem string, set map[string]bool) bool {
	for s := range set {
		if softMatch(stem, s) {
			return true
		}
	}
	return false
}

// softMatch reports whether two different stems are one word's forms, as
// "cuba" and "cuban" or "aliye" and "aliyev": one is a prefix of the other,
// at least 4 letters long, differing by at most 2 letters.
func softMatch(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 4 && len(b)-len(a) <= 2 && strings.HasPrefix(b, a)
}

// scoreSentences splits the passages into sentences and scores each by the
// share of the question's content words it contains, each word weighted by
// its inverse frequency among those sentences (a word every sentence has
// tells little; a word none has weighs most, so a question about something
// the documents lack scores low). A quarter of the score comes from the
// sentence's neighbours in its paragraph, which often carry the subject that
// the sentence itself only refers to. A sentence that lacks the kind of
// answer the question asks for (a number, a date, a name) loses 40%.
func (l *Library) scoreSentences(question string, qt answerType, passages []Passage) []*candidate {
	type sentence struct {
		c     *candidate
		stems map[string]bool
		prev  *sentence // in the same paragraph
		next  *sentence
	}
	var all []*sentence
	seen := map[string]bool{}
	for _, p := range passages {
		spans := corpus.Sentences(p.Chunk.Text)
		var prev *sentence
		for k, sp := range spans {
			text := p.Chunk.Text[sp.Start:sp.End]
			st := &sentence{
				c:     &candidate{doc: p.Doc, quote: Quote{Text: text, Start: p.Chunk.Start + sp.Start, End: p.Chunk.Start + sp.End}},
				stems: map[string]bool{},
			}
			st.c.typed = hasType(qt, text, question)
			for _, t := range terms(text) {
				st.stems[t] = true
			}
			if prev != nil && k > 0 && !strings.Contains(p.Chunk.Text[spans[k-1].End:sp.Start], "\n") {
				st.prev, prev.next = prev, st
			}
			prev = st
			key := fmt.Sprintf("%s@%d", p.Doc.ID, st.c.quote.Start)
			if !seen[key] {
				seen[key] = true
				all = append(all, st)
			}
		}
	}
	qterms := map[string]float64{}
	for _, t := range terms(question) {
		qterms[t] = 0
	}
	// "Besides health, ..." asks about something other than health.
	for _, m := range besidesRe.FindAllStringSubmatch(question, -1) {
		for _, t := range terms(m[1]) {
			delete(qterms, t)
		}
	}
	if len(qterms) == 0 || len(all) == 0 {
		return nil
	}
	n := float64(len(all))
	var total float64
	for t := range qterms {
		df := 0.0
		for _, st := range all {
			if st.stems[t] || prefixMatch(t, st.stems) {
				df++
			}
		}
		w := math.Log(1 + (n-df+0.5)/(df+0.5))
		qterms[t] = w
		total += w
	}
	coverage := func(sets ...map[string]bool) float64 {
		var got float64
		for t, w := range qterms {
			best := 0.0
			for _, set := range sets {
				switch {
				case set[t]:
					best = 1
				case best < 0.8 && prefixMatch(t, set):
					best = 0.8
				}
			}
			got += best * w
		}
		return got / total
	}
	out := make([]*candidate, 0, len(all))
	for _, st := range all {
		window := []map[string]bool{st.stems}
		if st.prev != nil {
			window = append(window, st.prev.stems)
		}
		if st.next != nil {
			window = append(window, st.next.stems)
			st.c.next = st.next.c
		}
		st.c.score = 0.75*coverage(st.stems) + 0.25*coverage(window...)
		if !st.c.typed {
			st.c.score *= 0.6
		}
		out = append(out, st.c)
	}
	return out
}

// compose picks the sentences that answer the question and writes the answer.
// With attribute set (a question about time), each document's first quote
// is introduced with "According to <outlet>, <date>:" when the date is known.
func compose(question string, cands []*candidate, passages []Passage, opt AnswerOptions, attribute bool) Answer {
	ans := Answer{Question: question, Mode: ModeExtractive}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	if len(cands) > 0 {
		ans.Relevance = round3(cands[0].score)
	}
	if len(cands) == 0 || cands[0].score < opt.MinRelevance {
		return decline(ans, cands, passages)
	}
	best := cands[0].score
	var picked []*candidate
	has := map[string]bool{}
	add := func(c *candidate) {
		key := fmt.Sprintf("%s@%d", c.doc.ID, c.quote.Start)
		if !has[key] {
			has[key] = true
			picked = append(picked, c)
		}
	}
	for _, c := range cands {
		if len(picked) >= opt.MaxSentences || c.score < max(opt.MinRelevance, 0.8*best) {
			break
		}
		add(c)
		// A sentence that names the subject but not the answer is often
		// completed by the next one ("... the Minister of Health. Teymur
		// Musayev, ...").
		if !c.typed && c.next != nil && c.next.typed && len(picked) < opt.MaxSentences {
			add(c.next)
		}
	}
	ans.Grounded = true

	// Number the documents by their best sentence; keep each document's
	// sentences in source order.
	var order []string
	byDoc := map[string][]*candidate{}
	for _, c := range picked {
		if _, ok := byDoc[c.doc.ID]; !ok {
			order = append(order, c.doc.ID)
		}
		byDoc[c.doc.ID] = append(byDoc[c.doc.ID], c)
	}
	var parts []string
	for n, id := range order {
		cs := byDoc[id]
		bestQuote := cs[0]
		sort.Slice(cs, func(i, j int) bool { return cs[i].quote.Start < cs[j].quote.Start })
		src := Source{N: n + 1, Doc: cs[0].doc, Quote: bestQuote.quote.Text, Score: round3(bestQuote.score)}
		for k, c := range cs {
			src.Quotes = append(src.Quotes, c.quote)
			part := fmt.Sprintf("%s [%d]", EscapeCitations(c.quote.Text), n+1)
			if k == 0 && attribute && !c.doc.Published.IsZero() {
				who := c.doc.Outlet
				if who == "" {
					who = c.doc.Title
				}
				part = fmt.Sprintf("According to %s, %s: %s", who, c.doc.Published.Format("2 January 2006"), part)
			}
			parts = append(parts, part)
		}
		ans.Sources = append(ans.Sources, src)
	}
	ans.Text = strings.Join(parts, " ")
	return ans
}

// decline says that the documents do not cover the question and lists the
// nearest documents, each with its closest sentence.
func decline(ans Answer, cands []*candidate, passages []Passage) Answer {
	ans.Grounded = false
	nearest := map[string]*candidate{}
	var order []string
	for _, c := range cands { // best first
		if _, ok := nearest[c.doc.ID]; !ok {
			nearest[c.doc.ID] = c
			order = append(order, c.doc.ID)
		}
	}
	for _, p := range passages { // documents with no scored sentence
		if _, ok := nearest[p.Doc.ID]; !ok && len(order) < 3 {
			nearest[p.Doc.ID] = nil
			order = append(order, p.Doc.ID)
		}
	}
	if len(order) > 3 {
		order = order[:3]
	}
	var names []string
	for n, id := range order {
		src := Source{N: n + 1}
		if c := nearest[id]; c != nil {
			src.Doc, src.Quote, src.Score = c.doc, c.quote.Text, round3(c.score)
			src.Quotes = []Quote{c.quote}
		} else {
			for _, p := range passages {
				if p.Doc.ID == id {
					src.Doc = p.Doc
					break
				}
			}
		}
		ans.Sources = append(ans.Sources, src)
		names = append(names, fmt.Sprintf("%q [%d]", src.Doc.Title, n+1))
	}
	if len(names) == 0 {
		ans.Text = "The documents I have do not cover this, and none of them is close to it."
		return ans
	}
	ans.Text = "The documents I have do not cover this. The nearest I found: " + strings.Join(names, ", ") + "."
	return ans
}

func round3(f float64) float64 {
	return float64(int(f*1000+0.5)) / 1000
}
