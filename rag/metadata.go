package rag

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// metadataAnswer answers who wrote a document, which outlet published it,
// when, or where it can be read, from the document's metadata. The document
// is the one the question names best: by its title, its outlet, its author
// or its subject. When that document lacks the field asked for, the answer
// says so and is not grounded. named is false when no document is named
// clearly enough (the caller then answers from the text).
func (l *Library) metadataAnswer(question string, in intent, qt queryTerms, passages []Passage) (ans Answer, named bool) {
	ans = Answer{Question: question, Mode: ModeExtractive}
	scope := ""
	if len(passages) > 0 {
		scope = passages[0].Doc.Scope
	}
	docs := l.Documents(scope, false)
	lq := lowerWords(foldAccents(question))
	// A question that names an author asks about that author's documents.
	var byAuthor []DocInfo
	for _, d := range docs {
		if d.Author != "" && (strings.Contains(lq, " "+fold(d.Author)+" ") || strings.Contains(lq, " "+fold(d.Author)+"'") || strings.Contains(lq, " "+fold(d.Author)+"’")) {
			byAuthor = append(byAuthor, d)
		}
	}
	if in.meta == metaOutlet && len(byAuthor) > 0 {
		ans = l.outletsOf(ans, byAuthor, qt)
		return ans, ans.Grounded
	}
	type scored struct {
		d     DocInfo
		score float64
	}
	rankOf := map[string]int{}
	bodyOf := map[string]string{} // each document's best passage
	for i, p := range passages {
		if _, ok := rankOf[p.Doc.ID]; !ok {
			rankOf[p.Doc.ID] = i + 1
			bodyOf[p.Doc.ID] = p.Chunk.Text
		}
	}
	// The words that ask for the field ("who wrote the article") name no
	// document; the language the question names ("the Portuguese
	// article") leaves only the documents in it, if there are any.
	qt = qt.without(metaWords)
	byLanguage := 0.0
	if inLang := languageNamed(question); inLang != "" {
		var in []DocInfo
		for _, d := range docs {
			if d.Language == inLang {
				in = append(in, d)
			}
		}
		if len(in) > 0 {
			docs, byLanguage = in, 0.3 // named as by its outlet
		}
	}
	var all []scored
	for _, d := range docs {
		s := titleFit(d.Title, d.Language, qt) + byLanguage
		if d.Outlet != "" && (strings.Contains(lq, " "+fold(d.Outlet)+" ") || strings.Contains(lq, " "+strings.ToLower(initials(d.Outlet))+" ")) {
			s += 0.3
		}
		if r := rankOf[d.ID]; r > 0 {
			s += 0.3 / float64(r)
			// "the article about the chess tournament": a title may not
			// say what its text does.
			if fit := bodyFit(bodyOf[d.ID], d.Language, qt); fit >= bodyFitFloor {
				s += 0.3 * fit
			}
		}
		all = append(all, scored{d, s})
	}
	if len(all) == 0 {
		return ans, false
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	if all[0].score < 0.45 {
		return ans, false
	}
	d := all[0].d
	ans.Relevance = round3(min(all[0].score, 1))
	ans.Sources = []Source{{N: 1, Doc: d, Score: ans.Relevance}}
	title := "“" + EscapeCitations(d.Title) + "”"
	var value string
	if f, ok := metaFacts[in.meta]; ok {
		if !f.has(d) {
			ans.Text = title + f.missing + " [1]"
			return ans, true
		}
		value = f.fact(title, d)
	}
	if in.meta != metaPublished && in.meta != metaLink && !d.Published.IsZero() {
		value += fmt.Sprintf(" (%s)", d.Published.Format("2 January 2006"))
	}
	ans.Text = value + ". [1]"
	ans.Span = &Span{Text: metaValue(in.meta, d), DocID: d.ID}
	ans.Grounded = true
	return ans, true
}

// metaWords are the stems of the words that ask for a document's
// metadata, in the three languages.
var metaWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`wrote write written author articl piec report stori publish post outlet link url date
		bylin ran carri agenc paper newspap site medium media escribio escribi autor articulo public
		escreveu artigo reportagem`) {
		metaWords[w] = true
	}
}

// languageRe finds the language a question says a document is in.
var languageRe = regexp.MustCompile(`(?i)\b(english|inglés|ingles|inglês|spanish|español|espanol|espanhol|castellano|portuguese|portugués|portugues|português)\b`)

// languageNamed returns the code of the language a question names ("the
// Spanish article": "es"), or "".
func languageNamed(question string) string {
	m := languageRe.FindStringSubmatch(question)
	if m == nil {
		return ""
	}
	switch w := strings.ToLower(foldAccents(m[1])); {
	case strings.HasPrefix(w, "ingl"), w == "english":
		return "en"
	case strings.HasPrefix(w, "esp"), w == "spanish", w == "castellano":
		return "es"
	}
	return "pt"
}

// outletsOf names the outlets that published an author's documents on the
// question's subject.
func (l *Library) outletsOf(ans Answer, docs []DocInfo, qt queryTerms) Answer {
	sort.SliceStable(docs, func(i, j int) bool {
		return titleFit(docs[i].Title, docs[i].Language, qt) > titleFit(docs[j].Title, docs[j].Language, qt)
	})
	var parts []string
	seen := map[string]bool{}
	for _, d := range docs {
		if d.Outlet == "" || seen[d.Outlet] {
			continue
		}
		seen[d.Outlet] = true
		n := len(ans.Sources) + 1
		ans.Sources = append(ans.Sources, Source{N: n, Doc: d, Score: 1})
		parts = append(parts, fmt.Sprintf("%s (“%s”) [%d]", d.Outlet, EscapeCitations(d.Title), n))
	}
	if len(parts) == 0 {
		return ans
	}
	ans.Text = fmt.Sprintf("%s's articles were published by %s.", docs[0].Author, strings.Join(parts, " and "))
	ans.Grounded, ans.Relevance = true, 1
	return ans
}

// bodyFit is the weighted share of the question's concepts a passage of a
// document holds, and bodyFitFloor the share from which it names the
// document as its title would.
func bodyFit(text, language string, qt queryTerms) float64 {
	if qt.total == 0 || text == "" {
		return 0
	}
	return qt.share(qt.matches(termsIn(text, language)))
}

const bodyFitFloor = 0.75

// titleFit is the weighted share of a title's words that the question has,
// blended with the share of the question's words the title has. A title in
// Spanish or Portuguese holds the English words its words may mean; each of
// its words counts once, in whichever language the question has it.
func titleFit(title, language string, qt queryTerms) float64 {
	cs := concepts(title, language)
	if len(cs) == 0 || qt.total == 0 {
		return 0
	}
	ts := map[string]bool{}
	var inTitle, covered float64
	for _, c := range cs {
		w, found := 1.0, false
		for _, t := range c {
			ts[t] = true
			if qw, ok := qt.weight[t]; ok && (!found || qw > w) {
				w, found = qw, true
			}
		}
		inTitle += w
		if found {
			covered += w
		}
	}
	var qHas float64
	for _, t := range qt.keys {
		w := qt.weight[t]
		qHas += qt.match(t, ts) * w
	}
	return 0.5*covered/inTitle + 0.5*qHas/qt.total
}

// metaFacts says, for each field a question may ask for, whether a
// document has it, what is said after the title when it has not, and the
// fact when it has.
var metaFacts = map[metaField]struct {
	has     func(DocInfo) bool
	missing string
	fact    func(title string, d DocInfo) string
}{
	metaAuthor: {func(d DocInfo) bool { return d.Author != "" }, " does not name its author.",
		func(title string, d DocInfo) string {
			return fmt.Sprintf("%s was written by %s", title, d.Author) + ifSet(" for ", d.Outlet)
		}},
	metaOutlet: {func(d DocInfo) bool { return d.Outlet != "" }, " does not say which outlet published it.",
		func(title string, d DocInfo) string { return fmt.Sprintf("%s was published by %s", title, d.Outlet) }},
	metaPublished: {func(d DocInfo) bool { return !d.Published.IsZero() }, " does not give its publication date.",
		func(title string, d DocInfo) string {
			return fmt.Sprintf("%s was published on %s", title, d.Published.Format("2 January 2006")) + ifSet(" by ", d.Outlet)
		}},
	metaLink: {func(d DocInfo) bool { return d.URL != "" }, " has no link.",
		func(title string, d DocInfo) string { return fmt.Sprintf("%s: %s", title, d.URL) }},
}

// ifSet returns prefix+s, or "" when s is empty.
func ifSet(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func metaValue(m metaField, d DocInfo) string {
	switch m {
	case metaAuthor:
		return d.Author
	case metaOutlet:
		return d.Outlet
	case metaPublished:
		return d.Published.Format("2006-01-02")
	}
	return d.URL
}

// initials returns the capitals of a name: "Caspian News Agency" -> "CNA".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if startsUpper(w) {
			b.WriteString(w[:1])
		}
	}
	return b.String()
}
