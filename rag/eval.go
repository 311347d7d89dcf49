package rag

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// GoldenCase is one question of a golden set (JSON Lines, one object a line):
// the facts a correct answer contains, the documents (titles, URLs or IDs)
// that hold them, and whether the documents answer it at all. A fact may
// list spellings that are equally right, separated by " | ".
type GoldenCase struct {
	ID         string   `json:"id,omitempty"`
	Question   string   `json:"question"`
	Category   string   `json:"category,omitempty"`
	Split      string   `json:"split,omitempty"` // "dev" (tuning) or "test" (held out)
	Answerable bool     `json:"answerable"`
	Facts      []string `json:"facts"`
	Sources    []string `json:"sources"`
	// Follows is the ID of the question this one follows up on, asked
	// before it in the same conversation.
	Follows string `json:"follows,omitempty"`
	// Evidence is the source's sentence that holds the facts, for the
	// people who check the set; evaluation does not read it.
	Evidence string `json:"evidence,omitempty"`
}

// LoadGolden reads a golden set in JSON Lines; blank lines are skipped.
func LoadGolden(r io.Reader) ([]GoldenCase, error) {
	var out []GoldenCase
	ids := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c GoldenCase
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("golden set line %d: %w", n, err)
		}
		if strings.TrimSpace(c.Question) == "" {
			return nil, fmt.Errorf("golden set line %d: no question", n)
		}
		if c.Answerable && len(c.Facts) == 0 {
			return nil, fmt.Errorf("golden set line %d: an answerable question needs at least one fact", n)
		}
		if c.Follows != "" && !ids[c.Follows] {
			return nil, fmt.Errorf("golden set line %d: follows %q, which is not an earlier question's id", n, c.Follows)
		}
		if c.ID != "" {
			ids[c.ID] = true
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read golden set: %w", err)
	}
	return out, nil
}

// CaseResult is how one golden question fared.
type CaseResult struct {
	Case GoldenCase
	// Rank is the position (1-based) of the first retrieved passage from an
	// expected source that holds a fact; 0 when none of the top 10 does.
	Rank int
	// Correct: an answerable question got a grounded answer with every fact
	// that cites an expected source; an unanswerable one was declined.
	Correct bool
	// CitedRight: every fact stands in a quote of a cited source that is
	// one of the expected sources (answerable questions only).
	CitedRight bool
	Answer     Answer
}

// Metrics sum up the results of some questions.
type Metrics struct {
	Questions, Answerable, Unanswerable int
	// Over the answerable questions:
	RecallAt1, RecallAt5, MRR, Accuracy, CitationPrecision float64
	// Over the unanswerable questions: the share declined.
	RefusalAccuracy float64
}

// Report is a golden-set run: every result, and the metrics over all the
// questions, per split and per category (within each split too).
type Report struct {
	Results []CaseResult
	Metrics
	Splits     map[string]Metrics
	Categories map[string]Metrics
	// SplitCategories holds, per split, the metrics of each category.
	SplitCategories map[string]map[string]Metrics
}

// Evaluate runs every case through Ask, with follow-ups asked after the
// question they follow.
func (s *Service) Evaluate(ctx context.Context, cases []GoldenCase) (Report, error) {
	byID := map[string]GoldenCase{}
	for _, c := range cases {
		if c.ID != "" {
			byID[c.ID] = c
		}
	}
	var rep Report
	for _, c := range cases {
		res := CaseResult{Case: c}
		q := Question{Text: c.Question}
		if prev, ok := byID[c.Follows]; ok && c.Follows != "" {
			q.History = []string{prev.Question}
		}
		ans, err := s.Ask(ctx, q, nil)
		if err != nil {
			return Report{}, fmt.Errorf("evaluate %q: %w", c.Question, err)
		}
		res.Answer = ans
		if !c.Answerable {
			res.Correct = !ans.Grounded
			rep.Results = append(rep.Results, res)
			continue
		}
		passages, err := s.lib.Retrieve(ctx, q, 10)
		if err != nil {
			return Report{}, fmt.Errorf("evaluate %q: %w", c.Question, err)
		}
		// A question about a document's metadata (who wrote it, when, the
		// link) is answered from the document, not from a passage's text.
		meta := readIntent(c.Question).meta != noMeta
		for i, p := range passages {
			text := p.Chunk.Text
			if meta {
				text += "\n" + metadataText(p.Doc)
			}
			if matchesSource(p.Doc, c.Sources) && containsAny(text, c.Facts) {
				res.Rank = i + 1
				break
			}
		}
		res.Correct = ans.Grounded && containsAll(ans.Text, c.Facts) && citesExpected(ans, c)
		res.CitedRight = ans.Grounded && citedRight(ans, c, meta)
		rep.Results = append(rep.Results, res)
	}
	rep.Metrics = metricsOf(rep.Results, func(CaseResult) bool { return true })
	rep.Splits, rep.Categories, rep.SplitCategories = map[string]Metrics{}, map[string]Metrics{}, map[string]map[string]Metrics{}
	for _, split := range distinct(rep.Results, func(c GoldenCase) string { return c.Split }) {
		rep.Splits[split] = metricsOf(rep.Results, func(r CaseResult) bool { return r.Case.Split == split })
		rep.SplitCategories[split] = map[string]Metrics{}
		for _, cat := range distinct(rep.Results, func(c GoldenCase) string { return c.Category }) {
			m := metricsOf(rep.Results, func(r CaseResult) bool { return r.Case.Split == split && r.Case.Category == cat })
			if m.Questions > 0 {
				rep.SplitCategories[split][cat] = m
			}
		}
	}
	for _, cat := range distinct(rep.Results, func(c GoldenCase) string { return c.Category }) {
		rep.Categories[cat] = metricsOf(rep.Results, func(r CaseResult) bool { return r.Case.Category == cat })
	}
	return rep, nil
}

// Only keeps the cases of one split ("" keeps them all).
func Only(cases []GoldenCase, split string) []GoldenCase {
	if split == "" {
		return cases
	}
	var out []GoldenCase
	for _, c := range cases {
		if c.Split == split {
			out = append(out, c)
		}
	}
	return out
}

// distinct returns the non-empty values of a field of the cases, sorted.
func distinct(results []CaseResult, field func(GoldenCase) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range results {
		if v := field(r.Case); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

func metricsOf(results []CaseResult, keep func(CaseResult) bool) Metrics {
	var m Metrics
	var r1, r5, correct, cited, refused int
	var rr float64
	for _, r := range results {
		if !keep(r) {
			continue
		}
		m.Questions++
		if !r.Case.Answerable {
			m.Unanswerable++
			if r.Correct {
				refused++
			}
			continue
		}
		m.Answerable++
		if r.Rank == 1 {
			r1++
		}
		if r.Rank >= 1 && r.Rank <= 5 {
			r5++
		}
		if r.Rank > 0 {
			rr += 1 / float64(r.Rank)
		}
		if r.Correct {
			correct++
		}
		if r.CitedRight {
			cited++
		}
	}
	if m.Answerable > 0 {
		n := float64(m.Answerable)
		m.RecallAt1, m.RecallAt5, m.MRR = float64(r1)/n, float64(r5)/n, rr/n
		m.Accuracy, m.CitationPrecision = float64(correct)/n, float64(cited)/n
	}
	if m.Unanswerable > 0 {
		m.RefusalAccuracy = float64(refused) / float64(m.Unanswerable)
	}
	return m
}

// citesExpected reports whether the answer cites one of the expected
// sources.
func citesExpected(ans Answer, c GoldenCase) bool {
	for _, s := range ans.Sources {
		if matchesSource(s.Doc, c.Sources) {
			return true
		}
	}
	return false
}

// citedRight reports whether each fact appears in a quote of a cited source
// that is one of the expected sources, or for a metadata question (meta) in
// that source's metadata.
func citedRight(ans Answer, c GoldenCase, meta bool) bool {
	for _, f := range c.Facts {
		found := false
		for _, s := range ans.Sources {
			if !matchesSource(s.Doc, c.Sources) {
				continue
			}
			if meta && containsAll(metadataText(s.Doc), []string{f}) {
				found = true
			}
			for _, q := range s.Quotes {
				if containsAll(q.Text, []string{f}) {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// metadataText is a document's metadata as text: its title, author, outlet,
// link and publication date (as ISO, "2 January 2006" and "January 2,
// 2006").
func metadataText(d DocInfo) string {
	parts := []string{d.Title, d.Author, d.Outlet, d.URL}
	if !d.Published.IsZero() {
		parts = append(parts, d.Published.Format("2006-01-02"), d.Published.Format("2 January 2006"), d.Published.Format("January 2, 2006"))
	}
	return strings.Join(parts, "\n")
}

func matchesSource(d DocInfo, sources []string) bool {
	if len(sources) == 0 {
		return true
	}
	for _, s := range sources {
		if strings.EqualFold(s, d.Title) || (d.URL != "" && s == d.URL) || s == d.ID {
			return true
		}
	}
	return false
}

func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(foldAccents(s))), " ")
}

// hasFact reports whether text holds one of a fact's spellings.
func hasFact(t, fact string) bool {
	for _, alt := range strings.Split(fact, "|") {
		if a := fold(alt); a != "" && strings.Contains(t, a) {
			return true
		}
	}
	return false
}

func containsAll(text string, facts []string) bool {
	t := fold(text)
	for _, f := range facts {
		if !hasFact(t, f) {
			return false
		}
	}
	return true
}

func containsAny(text string, facts []string) bool {
	t := fold(text)
	for _, f := range facts {
		if hasFact(t, f) {
			return true
		}
	}
	return false
}

//go:embed golden/source-article.jsonl
var bundledGolden []byte

// BundledGolden returns the golden set of the bundled source article.
func BundledGolden() ([]GoldenCase, error) {
	return LoadGolden(bytes.NewReader(bundledGolden))
}
