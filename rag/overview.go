package rag

import (
	"cabot/rag/lang"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// area is a field of cooperation, with the words that find it; key names it
// in rag/lang's phrases (Messages.Area).
type area struct {
	key   string
	cue   []string // stems of question words that point at it
	query string
}

var areas = []area{
	{"health", []string{"health", "medic", "doctor", "brigad", "covid", "hospit"}, "Cuban doctors medical brigade health patients hospitals"},
	{"biotech", []string{"biotech", "biotechnolog", "vaccin", "pharmaceut", "interferon", "medicin"}, "biotechnology vaccine interferon pharmaceutical plant Sumgait"},
	{"trade", []string{"trade", "econom", "commerc", "export", "import", "busi"}, "trade exports imports sugar rum oil products million"},
	{"education", []string{"educ", "student", "univers", "scholarship", "academ"}, "students university scholarships medical studies"},
	{"diplomacy", []string{"diplomat", "polit", "nam", "align", "consult"}, "diplomatic political consultations Non-Aligned Movement visit"},
	{"culture", []string{"cultur", "sport", "chess", "music", "art"}, "culture chess music film sport"},
}

// generic are stems of broad questions that name no subject.
var generic = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`cooper cooperation relat relationship tie link two countri cuba cuban azerbaijan azerbaijani
		overview summar summari summaris tell work togeth develop year side last recent general gener give
		peopl exchang happen go`) {
		generic[w] = true
	}
}

// overview answers a broad question across the documents: for a question
// that names no field, the best sentence of each field of cooperation the
// documents cover; otherwise a summary of what they say on the subject,
// each sentence cited.
func (l *Library) overview(ctx context.Context, question string, f Filter) (Answer, error) {
	ans := Answer{Question: question, Mode: ModeExtractive}
	var subject []string
	var subjectConcepts [][]string // the subject's concepts, every stem of each
	var named []area
	// A Spanish or Portuguese word counts by the English it may mean too
	// ("cooperan": cooperate).
	for _, c := range concepts(question, lang.Detect(question)) {
		if slices.ContainsFunc(c, func(t string) bool { return generic[t] }) {
			continue
		}
		subject = append(subject, c[0])
		subjectConcepts = append(subjectConcepts, c)
		for _, t := range c {
			for _, a := range areas {
				for _, cue := range a.cue {
					if strings.HasPrefix(t, cue) || strings.HasPrefix(cue, t) && len(t) >= 4 {
						named = appendArea(named, a)
					}
				}
			}
		}
	}
	if len(subject) > 0 {
		topic := question
		for _, a := range named {
			topic += " " + a.query
			// A sentence on the field's words is on the subject too
			// ("diplomatically": consultations, the Non-Aligned Movement).
			for _, t := range terms(a.query) {
				subjectConcepts = append(subjectConcepts, []string{t})
			}
		}
		s, err := l.topicSummary(ctx, SummaryRequest{Topic: topic, Scope: f.Scope, Since: f.Since, Until: f.Until}, subjectConcepts)
		if errors.Is(err, ErrNothingToSummarise) {
			return ans, nil
		}
		if err != nil {
			return Answer{}, err
		}
		ans.Text, ans.Sources, ans.Grounded, ans.Relevance = s.Text, s.Sources, true, 1
		return ans, nil
	}
	var lines, names []string
	num := map[string]int{}
	ph := lang.Phrases(lang.Detect(question))
	for _, a := range areas {
		qt := l.queryTerms(a.query)
		passages, err := l.Search(ctx, a.query, f, 3)
		if err != nil {
			return Answer{}, fmt.Errorf("overview: %w", err)
		}
		cands := l.scoreSentences(qt, intent{}, passages, nil)
		var best *candidate
		for _, c := range cands {
			if best == nil || c.score > best.score {
				best = c
			}
		}
		if best == nil || best.score < 0.25 {
			continue
		}
		n, ok := num[best.doc.ID]
		if !ok {
			n = len(ans.Sources) + 1
			num[best.doc.ID] = n
			ans.Sources = append(ans.Sources, Source{N: n, Doc: best.doc, Quote: best.quote.Text, Score: round3(best.score)})
		}
		src := &ans.Sources[n-1]
		src.Quotes = append(src.Quotes, best.quote)
		names = append(names, a.key)
		lines = append(lines, fmt.Sprintf("**%s**: %s [%d]", capitalise(ph.Area(a.key)), EscapeCitations(best.quote.Text), n))
	}
	if len(lines) == 0 {
		return ans, nil
	}
	ans.Text = ph.Overview(names) + "\n\n" + strings.Join(lines, "\n")
	ans.Grounded, ans.Relevance = true, 1
	return ans, nil
}

func appendArea(as []area, a area) []area {
	for _, x := range as {
		if x.key == a.key {
			return as
		}
	}
	return append(as, a)
}

func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
