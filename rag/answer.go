package rag

import (
	"cabot/rag/lang"
	"cabot/rag/wordvec"
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
	// Span is the answer itself (a name, a figure, a date) where the
	// question asks for one, verified against the stored text; nil otherwise.
	Span *Span
	// Conflict is set when the best sources disagree on what was asked:
	// each value is shown with its source.
	Conflict bool
	Took     time.Duration
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
// answerer: the answer itself first where the question asks for a name, a
// figure or a date (each value with its source when the sources disagree),
// then the sentences that support it, quoted in source order, each followed
// by its citation. Questions about who wrote, published or linked a
// document are answered from its metadata; broad questions get an overview
// across the documents. When nothing is relevant enough the answer says that
// the documents do not cover the question and names the nearest documents.
func (l *Library) Ask(ctx context.Context, q Question, opt AnswerOptions) (Answer, error) {
	start := time.Now()
	r, err := l.readQuestion(ctx, q, opt)
	if err != nil {
		return Answer{}, err
	}
	pool, err := l.Search(ctx, r.query, r.filter, max(poolFactor*opt.Passages, 20))
	if err != nil {
		return Answer{}, fmt.Errorf("ask: %w", err)
	}
	ans, err := l.answer(ctx, r, pool, opt)
	if err != nil {
		return Answer{}, err
	}
	ans.Took = time.Since(start)
	return ans, nil
}

// asked is a question as the answerer reads it: its text, the text it is
// searched with, what it asks and its terms.
type asked struct {
	text   string
	query  string
	in     intent
	qt     queryTerms
	filter Filter
	dated  bool // a question about time, or one limited to dates
}

// readQuestion reads a question before the search: a follow-up's pronoun
// stands for the name the question before it was answered with.
func (l *Library) readQuestion(ctx context.Context, q Question, opt AnswerOptions) (asked, error) {
	if err := opt.validate(); err != nil {
		return asked{}, err
	}
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return asked{}, fmt.Errorf("ask: the question is empty")
	}
	query := q.searchText()
	if who, pronoun := l.referent(ctx, q, opt); who != "" {
		// "How old is he?" is "How old is Tarlan Mammadli?": the name
		// stands in for the question before.
		query = pronoun.ReplaceAllLiteralString(text, who)
	}
	qt := l.queryTerms(query)
	in := qt.mend(intentOf(q, query))
	return asked{
		text:   text,
		query:  query,
		in:     in,
		qt:     qt,
		filter: Filter{Scope: q.Scope, Since: q.Since, Until: q.Until},
		dated:  in.kind == dateAnswer || !q.Since.IsZero() || !q.Until.IsZero(),
	}, nil
}

// answer answers a question read by readQuestion from the hybrid search's
// pool of passages for it.
func (l *Library) answer(ctx context.Context, r asked, pool []Passage, opt AnswerOptions) (Answer, error) {
	if acr := askedAcronym(r.text); acr != "" {
		// "What does ASIC stand for?": the name the documents spell it
		// with, wherever in the pool it is.
		if ans, ok := acronymAnswer(r.text, acr, pool); ok {
			return ans, nil
		}
	}
	memo := newSentenceMemo()
	passages := l.rerank(r.query, pool, &r.qt, r.in, opt.Passages, memo)
	var ans Answer
	decided := false
	switch {
	case r.in.meta != noMeta:
		ans, decided = l.metadataAnswer(r.text, r.in, r.qt, passages)
	case r.in.broad:
		var err error
		ans, err = l.overview(ctx, r.text, r.filter)
		if err != nil {
			return Answer{}, fmt.Errorf("ask: %w", err)
		}
	}
	if !ans.Grounded && !decided {
		scored := l.scoreSentences(r.qt, r.in, passages, memo)
		if r.in.kind == numberAnswer || r.in.kind == dateAnswer {
			// Another source's figure or date for the same question may be
			// in a passage beyond those read: it is offered as a rival.
			var rest []Passage
			for _, p := range pool {
				if !slices.ContainsFunc(passages, func(q Passage) bool { return q.Chunk.ID == p.Chunk.ID }) {
					rest = append(rest, p)
				}
			}
			for _, c := range l.scoreSentences(r.qt, r.in, rest, memo) {
				c.spare = true
				scored = append(scored, c)
			}
		}
		ans = compose(r.text, r.in, r.qt, scored, passages, opt, r.dated)
	}
	return ans, nil
}

// intentOf reads what a question asks. A follow-up searched with the
// question before it (searchText) asks what its own words ask ("… how many
// people were in the second brigade?" "and who was in charge of it?" asks
// who), and takes from the question before what it leaves unsaid ("and in
// 2021?" asks how many again, "and who led it?" keeps the year).
func intentOf(q Question, query string) intent {
	text := strings.TrimSpace(q.Text)
	if len(q.History) == 0 || query == text || !strings.HasPrefix(query, q.History[len(q.History)-1]) {
		return readIntent(query)
	}
	own, prev := readIntent(text), readIntent(q.History[len(q.History)-1])
	if own.kind == anyAnswer && own.meta == noMeta && !own.broad && !own.list {
		own.kind, own.unit, own.value, own.amount, own.day = prev.kind, prev.unit, prev.value, prev.amount, prev.day
	}
	if len(own.years) == 0 {
		own.years = prev.years
	}
	return own
}

// personalRe finds a pronoun that stands for a person.
var personalRe = regexp.MustCompile(`(?i)\b(he|she|him|her|his|hers|él|ella|ele|dela|dele)\b`)

// referent returns the person or thing a follow-up's pronoun stands for
// when the question before it asked who or which firm ("Who won the
// memorial?" … "How old is he?"): the name that question is answered
// with, and the pattern of the pronouns it replaces; "" when none.
func (l *Library) referent(ctx context.Context, q Question, opt AnswerOptions) (string, *regexp.Regexp) {
	if len(q.History) == 0 {
		return "", nil
	}
	prev := Question{Text: q.History[len(q.History)-1], Scope: q.Scope, Since: q.Since, Until: q.Until, History: q.History[:len(q.History)-1]}
	var pronoun *regexp.Regexp
	switch readIntent(prev.searchText()).kind {
	case nameAnswer:
		pronoun = personalRe
	case thingAnswer:
		pronoun = thingRe // "Which company distributes it?" … "Who runs it?"
	default:
		return "", nil
	}
	if !pronoun.MatchString(q.Text) {
		return "", nil
	}
	ans, err := l.Ask(ctx, prev, opt)
	if err != nil || !ans.Grounded || ans.Span == nil {
		return "", nil
	}
	return ans.Span.Text, pronoun
}

// thingRe finds a pronoun that stands for a thing.
var thingRe = regexp.MustCompile(`(?i)\b(it|its)\b`)

// rerank returns the k passages of the hybrid search's pool that best
// answer the question, ranked again by their best sentence's score, the
// search's own order keeping a say. memo keeps what was read of the
// sentences (see scoreSentences). The question's acronyms are read in the
// pool's words (expandAcronyms).
func (l *Library) rerank(query string, pool []Passage, qt *queryTerms, in intent, k int, memo *sentenceMemo) []Passage {
	qt.expandAcronyms(query, pool, l.lexical)
	if len(pool) <= k {
		return pool
	}
	best := make(map[string]float64, len(pool))
	for _, c := range l.scoreSentences(*qt, in, pool, memo) {
		for _, p := range pool {
			if p.Doc.ID == c.doc.ID && c.quote.Start >= p.Chunk.Start && c.quote.End <= p.Chunk.End && c.score > best[p.Chunk.ID] {
				best[p.Chunk.ID] = c.score
			}
		}
	}
	// The hybrid search's own order keeps a say: a reworded question's
	// best passage may hold few of its words.
	for i, p := range pool {
		best[p.Chunk.ID] += rankShare / float64(i+1)
	}
	sort.SliceStable(pool, func(i, j int) bool { return best[pool[i].Chunk.ID] > best[pool[j].Chunk.ID] })
	return pool[:k]
}

// Retrieve returns the k passages the extractive answerer reads for a
// question, best first.
func (l *Library) Retrieve(ctx context.Context, q Question, k int) ([]Passage, error) {
	query := q.searchText()
	qt := l.queryTerms(query)
	pool, err := l.Search(ctx, query, Filter{Scope: q.Scope, Since: q.Since, Until: q.Until}, max(poolFactor*k, 20))
	if err != nil {
		return nil, err
	}
	return l.rerank(query, pool, &qt, qt.mend(readIntent(query)), k, nil), nil
}

// compose picks the sentences that answer the question and writes the answer.
// With attribute set (a question about time), each document's first quote
// is introduced with "According to <outlet>, <date>:" when the date is known.
func compose(question string, in intent, qt queryTerms, cands []*candidate, passages []Passage, opt AnswerOptions, attribute bool) Answer {
	ans := Answer{Question: question, Mode: ModeExtractive}
	ph := lang.Phrases(lang.Detect(question))
	byScore := func(cands []*candidate) {
		sort.SliceStable(cands, func(i, j int) bool {
			a, b := cands[i], cands[j]
			if a.score == b.score && a.doc.ID == b.doc.ID {
				return a.quote.Start < b.quote.Start // news tells the main fact first
			}
			return a.score > b.score
		})
	}
	var read, spares []*candidate
	for _, c := range cands {
		if c.spare {
			spares = append(spares, c)
		} else {
			read = append(read, c)
		}
	}
	cands = read
	byScore(cands)
	// A "how many X" or "what was X worth" question needs a figure of X or
	// a sum of money, not any figure.
	strict := in.unit != "" || in.value
	holds := func(c *candidate) bool { return strict && c.typed || !strict && c.valued && c.focus }
	if in.kind != anyAnswer && len(cands) > 1 && !holds(cands[0]) {
		// The best sentence has no figure (date, name) of what is asked;
		// one nearly as good that has it leads ("USD 36.2 million in 2023"
		// for the worth of trade in 2023, not "USD 31 million in 2022").
		for i, c := range cands[1:] {
			if c.score < leadSameDoc*cands[0].score {
				break
			}
			if holds(c) && (c.score >= leadNear*cands[0].score || strict && c.doc.ID == cands[0].doc.ID) {
				copy(cands[1:i+2], cands[:i+1])
				cands[0] = c
				break
			}
		}
	}
	if len(cands) > 0 {
		ans.Relevance = round3(cands[0].score)
	}
	if len(cands) == 0 || cands[0].score < opt.MinRelevance || (in.kind != anyAnswer && !cands[0].valued || strict && !cands[0].typed) && !brokenOff(cands[0]) {
		return decline(ans, ph, cands, passages)
	}
	best := cands[0].score
	var picked []*candidate
	has := map[string]bool{}
	texts := map[string]bool{}
	add := func(c *candidate) {
		key := fmt.Sprintf("%s@%d", c.doc.ID, c.quote.Start)
		if has[key] || texts[fold(c.quote.Text)] {
			return
		}
		has[key], texts[fold(c.quote.Text)] = true, true
		picked = append(picked, c)
	}
	limit, near := opt.MaxSentences, 0.8
	if in.list {
		// A list is often spread over sentences that each hold part of it.
		limit, near = limit+1, listNear
	}
	for _, c := range cands {
		if len(picked) >= limit || c.score < max(opt.MinRelevance, near*best) {
			break
		}
		add(c)
		// A sentence that names the subject but not the answer is often
		// completed by the next one, or was broken off from the one before
		// by the source ("... the Minister of Health. Teymur Musayev, ...").
		if !c.typed && c.next != nil && c.next.typed && len(picked) < limit+1 {
			add(c.next)
		}
		if c.prev != nil && fragment(c.quote.Text) && len(picked) < limit+1 {
			add(c.prev)
		}
		if c.next != nil && fragment(c.next.quote.Text) && len(picked) < limit+1 {
			add(c.next)
		}
	}
	ans.Grounded = true

	// The answer itself, and the values of other sources that disagree.
	var lead string
	if in.kind != anyAnswer && !in.list {
		var extra []*candidate
		rivals := append(slices.Clone(cands), spares...)
		byScore(rivals)
		lead, extra = answerLead(&ans, ph, in, qt, rivals, picked, best)
		for _, c := range extra {
			add(c)
		}
	}
	if in.list {
		lead = listLead(&ans, in, qt, picked)
	}

	// Number the documents by their best sentence; keep each document's
	// sentences in source order.
	order, byDoc := groupByDoc(picked, func(c *candidate) string { return c.doc.ID })
	num := map[string]int{}
	var parts []string
	for n, id := range order {
		cs := byDoc[id]
		num[id] = n + 1
		bestQuote := cs[0]
		sort.Slice(cs, func(i, j int) bool { return cs[i].quote.Start < cs[j].quote.Start })
		src := Source{N: n + 1, Doc: cs[0].doc, Quote: bestQuote.quote.Text, Score: round3(bestQuote.score)}
		for k, c := range cs {
			src.Quotes = append(src.Quotes, c.quote)
			part := fmt.Sprintf("%s [%d]", EscapeCitations(c.quote.Text), n+1)
			if k == 0 && attribute && !c.doc.Published.IsZero() {
				part = ph.According(sourceName(c.doc), c.doc.Published) + " " + part
			}
			parts = append(parts, part)
		}
		ans.Sources = append(ans.Sources, src)
	}
	ans.Text = strings.Join(parts, " ")
	if lead != "" {
		for id, n := range num {
			lead = strings.ReplaceAll(lead, "{n:"+id+"}", fmt.Sprintf("[%d]", n))
		}
		lead = unnumberedRe.ReplaceAllString(lead, "") // a source left unquoted gets no number
		ans.Text = lead + "\n\n" + ans.Text
	}
	return ans
}

// listLead returns the items a list question is answered with, from the
// best quoted sentence that lists some ("Kazakhstan, Uzbekistan and
// Georgia"; names for a list of places; of several lists, the one nearest
// the question's words), and sets the answer's span; "" when none lists
// any.
func listLead(ans *Answer, in intent, qt queryTerms, picked []*candidate) string {
	for _, c := range picked {
		var m []int
		bestD := 1 << 40
		anchors := anchorsOf(c.quote.Text, qt)
		for _, l := range in.listSpans(c.quote.Text) {
			text := c.quote.Text[l[0]:l[1]]
			if slices.ContainsFunc(strings.Fields(text), func(w string) bool { return !startsUpper(w) && strings.HasSuffix(strings.Trim(w, ",;"), "ed") }) {
				m = nil // what was done ("attended to …, carried out …"): the quote says it better
				break
			}
			if d := distance(l, anchors); d < bestD {
				m, bestD = l, d // the list nearest the question's words
			}
		}
		if m == nil {
			continue
		}
		text := c.quote.Text[m[0]:m[1]]
		ans.Span = &Span{Text: text, DocID: c.doc.ID, Start: c.quote.Start + m[0], End: c.quote.Start + m[1]}
		return capitalise(text) + ". {n:" + c.doc.ID + "}"
	}
	return ""
}

// unnumberedRe finds a lead's citation of a document no quote stands for.
var unnumberedRe = regexp.MustCompile(` ?\{n:[^}]*\}`)

// unitOf returns the stem of a figure's last word when it is not a number
// ("115 health workers" -> "worker"), "" for a bare number. A people's name
// is no unit ("117 colaboradores cubanos" -> "colabor").
func unitOf(span string) string {
	tks := tokenize(span)
	for i := len(tks) - 1; i >= 0; i-- {
		if tks[i].Stop || peoples[tks[i].Lower] {
			continue
		}
		switch tks[i].Stem {
		case "million", "billion", "thousand", "mil", "millon", "usd", "percent":
			return tks[i].Stem
		}
		if isNumber(tks[i].Stem) {
			return ""
		}
		return tks[i].Stem
	}
	return ""
}

// sameUnit reports whether two figures count the same thing: the same unit
// word, in any of the languages, or a close one; a bare number fits any.
func sameUnit(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	forms := func(u string) map[string]bool {
		m := map[string]bool{u: true}
		for _, l := range []string{"es", "pt"} {
			for _, en := range lang.ToEnglish(l, wordOf(u)) {
				m[en] = true
			}
		}
		return m
	}
	fa, fb := forms(a), forms(b)
	for f := range fa {
		if fb[f] || prefixMatch(f, fb) {
			return true
		}
	}
	return wordvec.Similarity(wordOf(a), wordOf(b)) >= 0.5
}

// brokenOff reports whether a sentence without the answer asked for has it
// in its other half, the one the source broke off after it ("... the
// Minister of Health of Azerbaijan. Teymur Musayev, to his ...").
func brokenOff(c *candidate) bool {
	return c.next != nil && c.next.valued && fragment(c.next.quote.Text)
}

// fragment reports whether a sentence looks like the tail of one the
// source broke in two: it starts with a name followed by a comma, or in
// lower case.
func fragment(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[0])
	if unicode.IsLower(r) {
		return true
	}
	for i := 0; i < len(f) && i < 4; i++ {
		if strings.HasSuffix(f[i], ",") {
			return startsUpper(f[i])
		}
		if !startsUpper(f[i]) {
			return false
		}
	}
	return false
}

// sourceName is how an answer names a document's publisher.
func sourceName(d DocInfo) string {
	if d.Outlet != "" {
		return d.Outlet
	}
	return d.Title
}

// answerLead writes the answer itself. When the best sources give
// different values for what was asked, each value is listed with its
// source and the answer says that they differ; the sentences holding them
// are quoted. Citation numbers are written as {n:DOCID} and filled in by
// numberLead once the sources are numbered.
func answerLead(ans *Answer, ph lang.Messages, in intent, qt queryTerms, cands, picked []*candidate, best float64) (string, []*candidate) {
	var spans []*Span
	var from []*candidate
	// The first quoted sentence with an answer gives it; for a question
	// that names what it counts, the first whose figure counts that.
	// A sentence scoring less than the quoted ones may give it then, and is
	// quoted with them.
	var quoted []*candidate
	counted := false
	for i, c := range append(picked[:len(picked):len(picked)], cands...) {
		if i >= len(picked) && (c.spare || counted || in.unit == "" || !c.typed || c.score < conflictFloor*best ||
			slices.ContainsFunc(picked, func(p *candidate) bool { return p == c || fold(p.quote.Text) == fold(c.quote.Text) })) {
			continue // a sentence quoted already, or the same words in a republished copy
		}
		sp := spanOf(in, c, qt)
		if sp == nil {
			continue
		}
		if len(spans) == 0 {
			spans, from = []*Span{sp}, []*candidate{c}
		}
		if in.unit == "" || spanCounts(sp, c, in.units()) {
			spans, from = []*Span{sp}, []*candidate{c}
			counted = true
			if i >= len(picked) {
				quoted = append(quoted, c)
			}
			break
		}
	}
	if len(spans) == 0 {
		return "", nil
	}
	ans.Span = spans[0]
	if in.kind != numberAnswer && in.kind != dateAnswer {
		return spans[0].Text + ".", quoted
	}
	// Other documents' values for the same question.
	seenDoc := map[string]bool{from[0].doc.ID: true}
	var leadHolds []float64 // how well the lead's sentence holds each concept, for the event and worth checks
	for _, c := range cands {
		if c.typed && !seenDoc[c.doc.ID] && leadHolds == nil {
			leadHolds = qt.matches(termsIn(from[0].quote.Text, from[0].doc.Language))
		}
		if !c.typed || seenDoc[c.doc.ID] || c.spare && !c.focus || !rivalFits(in, qt, leadHolds, c, best) {
			continue
		}
		sp := spanOf(in, c, qt)
		if sp == nil {
			continue
		}
		sums := moneyRe.MatchString(sp.Text) && moneyRe.MatchString(spans[0].Text) // "USD 41.9 million", "44,7 milhões de dólares"
		if !sums && !sameUnit(unitOf(sp.Text), unitOf(spans[0].Text)) || isYearOnly(sp.Text) ||
			counted && in.unit != "" && !spanCounts(sp, c, in.units()) {
			continue // a figure of something else
		}
		seenDoc[c.doc.ID] = true
		differs := true
		for _, s := range spans {
			if sameValue(s.Text, sp.Text) {
				differs = false
			}
		}
		if differs {
			spans, from = append(spans, sp), append(from, c)
		}
		if len(spans) == 3 {
			break
		}
	}
	if len(spans) == 1 {
		if d, ok := weekdayDate(spans[0].Text, from[0].doc.Published); ok && in.kind == dateAnswer {
			return fmt.Sprintf("%s (%s).", capitalise(spans[0].Text), ph.Date(d)), quoted // "Thursday (11 March 2021)"
		}
		return spans[0].Text + ".", quoted
	}
	ans.Conflict = true
	var vals []string
	for i, sp := range spans {
		c := from[i]
		date := ""
		if !c.doc.Published.IsZero() {
			date = ", " + ph.Date(c.doc.Published)
		}
		vals = append(vals, fmt.Sprintf("%s (%s%s) {n:%s}", sp.Text, sourceName(c.doc), date, c.doc.ID))
	}
	return ph.SourcesDiffer + " " + strings.Join(vals, "; ") + ".", append(quoted, from...)
}

// rivalFits reports whether another document's sentence is close enough to
// the best one to offer a rival value: it speaks of the year the question
// names, if any, and it holds the question's focus and
// scores near the best, or, when the question names what it counts, it
// counts that (in any language) and scores at least conflictFloor of the
// best: a translated or reworded report of the same figure loses words.
func rivalFits(in intent, qt queryTerms, lead []float64, c *candidate, best float64) bool {
	if len(in.years) > 0 && yearFit(in.years, c) < 1 {
		return false // "in 2024" is not answered by a report on 2022
	}
	stems := termsIn(c.quote.Text, c.doc.Language)
	if otherOrdinalIn(qt.askedOrdinals(), stems, nil) {
		return false // "the first brigade" is not counted by "a second brigade of 120"
	}
	if in.kind == dateAnswer && !tellsLeadEvent(qt, lead, qt.matches(stems)) {
		return false // "construction started on October 9" is no rival date of the opening
	}
	if in.value {
		// What X cost or was worth: a sentence that says what something
		// cost ("The investment is put at USD 24 million"), or gives a sum
		// of the thing the lead gives one of ("Trade … reaching USD 28.4
		// million"), not any sum ("sugar, at USD 6.1 million", for a plant).
		if c.score < conflictFloor*best {
			return false
		}
		return slices.ContainsFunc(stems, func(s string) bool { return worthWords[s] }) || holdsLeadSubject(qt, lead, qt.matches(stems))
	}
	if in.unit == percentUnit {
		// A share is told of many things: only one of the lead's event
		// rivals it ("100% of the shares" is no rival of a share of exports).
		return c.focus && c.score >= 0.75*best && tellsLeadEvent(qt, lead, qt.matches(stems))
	}
	if c.focus && c.score >= 0.75*best {
		return true
	}
	// A duration ("for four months") is told of so many things that only a
	// sentence as close as the first branch asks gives a rival.
	// A figure of the same unit must count it for the same event: "trained
	// 840 nurses" has no rival in "a brigade of 52 nurses".
	return in.kind == numberAnswer && in.unit != "" && in.unit != durationUnit && c.score >= conflictFloor*best &&
		tellsLeadEvent(qt, lead, qt.matches(stems))
}

// tellsLeadEvent reports whether a sentence holds itself (theirs: how well
// it holds each of the question's concepts) each concept of at least
// rivalEventShare of the question's weight that the lead's sentence holds
// (own; a synonym counting): a rival date must be the date of the same
// event. An ordinal is no event: otherOrdinalIn checks it ("117
// colaboradores" count the first brigade without saying "first").
func tellsLeadEvent(qt queryTerms, own, theirs []float64) bool {
	for i, k := range qt.keys {
		if !ordinals[k] && qt.weight[k] >= rivalEventShare*qt.total && own[i] >= synonymScale && theirs[i] < synonymScale {
			return false
		}
	}
	return true
}

const rivalEventShare = 0.3

// holdsLeadSubject reports whether a sentence holds (theirs) at least half,
// by weight, of the question's concepts that the lead's sentence holds
// itself (own).
func holdsLeadSubject(qt queryTerms, own, theirs []float64) bool {
	var held, also float64
	for i, m := range own {
		if m >= 0.8 {
			held += qt.weight[qt.keys[i]]
			if theirs[i] >= 0.8 {
				also += qt.weight[qt.keys[i]]
			}
		}
	}
	return held > 0 && also >= 0.5*held
}

// ordinals are the English stems of the ordinal words (Spanish and
// Portuguese ones are read by their English stems).
var ordinals = englishStems(`first second third fourth fifth sixth seventh eighth ninth tenth`)

// worthWords are the English stems of the words that say what something
// cost or was worth (Spanish and Portuguese words are read by their English
// stems).
var worthWords = englishStems(`cost costs worth value valued invest investment investments price priced budget paid
	spent spend funding financing`)

// decline says that the documents do not cover the question and lists the
// nearest documents, each with its closest sentence.
func decline(ans Answer, ph lang.Messages, cands []*candidate, passages []Passage) Answer {
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
		if ph.Lang != "en" {
			ans.Text = ph.NotCovered
		}
		return ans
	}
	if ph.Lang != "en" {
		ans.Text = ph.NotCovered + " " + ph.Nearest + " " + strings.Join(names, ", ") + "."
		return ans
	}
	ans.Text = "The documents I have do not cover this. The nearest I found: " + strings.Join(names, ", ") + "."
	return ans
}

func round3(f float64) float64 {
	return float64(int(f*1000+0.5)) / 1000
}
