package rag

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// GoldenCase is one question of a golden set (JSON Lines, one object a line):
// the facts a correct answer contains, the documents (titles or URLs) that
// hold them, and whether the documents answer it at all.
type GoldenCase struct {
	Question   string   `json:"question"`
	Facts      []string `json:"facts"`
	Sources    []string `json:"sources"`
	Answerable bool     `json:"answerable"`
}

// LoadGolden reads a golden set in JSON Lines; blank lines are skipped.
func LoadGolden(r io.Reader) ([]GoldenCase, error) {
	var out []GoldenCase
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
	// Correct: an answerable question got a grounded answer with every fact;
	// an unanswerable one was declined.
	Correct bool
	// CitedRight: every fact stands in a quote of a cited source that is
	// one of the expected sources (answerable questions only).
	CitedRight bool
	Answer     Answer
}

// Report sums up a golden-set run.
type Report struct {
	Results []CaseResult
	// Over the answerable questions:
	RecallAt1, RecallAt5, MRR, Accuracy, CitationPrecision float64
	// Over the unanswerable questions: the share declined.
	RefusalAccuracy float64
}

// Evaluate runs every case against the library.
func (l *Library) Evaluate(ctx context.Context, cases []GoldenCase, opt AnswerOptions) (Report, error) {
	var rep Report
	var answerable, unanswerable, r1, r5, correct, cited, refused int
	var rr float64
	for _, c := range cases {
		res := CaseResult{Case: c}
		ans, err := l.Ask(ctx, Question{Text: c.Question}, opt)
		if err != nil {
			return Report{}, fmt.Errorf("evaluate %q: %w", c.Question, err)
		}
		res.Answer = ans
		if !c.Answerable {
			unanswerable++
			res.Correct = !ans.Grounded
			if res.Correct {
				refused++
			}
			rep.Results = append(rep.Results, res)
			continue
		}
		answerable++
		passages, err := l.Search(ctx, c.Question, Filter{}, 10)
		if err != nil {
			return Report{}, fmt.Errorf("evaluate %q: %w", c.Question, err)
		}
		for i, p := range passages {
			if matchesSource(p.Doc, c.Sources) && containsAny(p.Chunk.Text, c.Facts) {
				res.Rank = i + 1
				break
			}
		}
		if res.Rank == 1 {
			r1++
		}
		if res.Rank >= 1 && res.Rank <= 5 {
			r5++
		}
		if res.Rank > 0 {
			rr += 1 / float64(res.Rank)
		}
		res.Correct = ans.Grounded && containsAll(ans.Text, c.Facts)
		if res.Correct {
			correct++
		}
		res.CitedRight = ans.Grounded && citedRight(ans, c)
		if res.CitedRight {
			cited++
		}
		rep.Results = append(rep.Results, res)
	}
	if answerable > 0 {
		n := float64(answerable)
		rep.RecallAt1, rep.RecallAt5, rep.MRR = float64(r1)/n, float64(r5)/n, rr/n
		rep.Accuracy, rep.CitationPrecision = float64(correct)/n, float64(cited)/n
	}
	if unanswerable > 0 {
		rep.RefusalAccuracy = float64(refused) / float64(unanswerable)
	}
	return rep, nil
}

// citedRight reports whether each fact appears in a quote of a cited source
// that is one of the expected sources.
func citedRight(ans Answer, c GoldenCase) bool {
	for _, f := range c.Facts {
		found := false
		for _, s := range ans.Sources {
			if !matchesSource(s.Doc, c.Sources) {
				continue
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

func containsAll(text string, facts []string) bool {
	t := fold(text)
	for _, f := range facts {
		if !strings.Contains(t, fold(f)) {
			return false
		}
	}
	return true
}

func containsAny(text string, facts []string) bool {
	t := fold(text)
	for _, f := range facts {
		if strings.Contains(t, fold(f)) {
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
