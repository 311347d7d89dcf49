package rag

// A deterministic synthetic corpus for the benchmarks (bench_test.go).
//
// Articles look like the news articles cabot holds: sentences of 12 to 35
// words with commas and some numbers and years, paragraphs of 2 to 5
// sentences, articles of 6 to 20 paragraphs (about 7 KB, 10 to 11 chunks of
// the default 900 bytes). Content words are drawn from a vocabulary of about
// 3,000 words with a Zipf distribution: cooperation-domain words (Cuba,
// Azerbaijan, health, brigade, biotechnology, trade, education, ...) and
// common English words take the frequent ranks, pronounceable made-up words
// the long tail; function words are mixed in as in real text.
//
// Article i is generated from its own PCG stream (synthSeed, i), so every
// corpus is a prefix of the larger ones and the same on every machine and run.

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"cabot/corpus"
)

const synthSeed = 0x5eed_cab07

// synthDomain are the cooperation-domain words, capitalised where they are
// proper nouns.
var synthDomain = strings.Fields(`Cuba Cuban Cubans Azerbaijan Azerbaijani Baku Havana Caribbean Caucasus
	health brigade brigades doctors physicians nurses patients hospital hospitals clinic clinics
	biotechnology vaccine vaccines Abdala Soberana medicine medicines pharmaceutical laboratory
	trade exports imports investment agreement agreements memorandum commission intergovernmental
	education scholarships students university universities teachers training literacy
	cooperation bilateral relations embassy ambassador minister ministry delegation vice president
	government parliament diplomatic visit talks forum summit Non-Aligned Movement solidarity
	Henry Reeve contingent epidemic pandemic COVID sugar tobacco rum nickel oil gas energy
	tourism culture sport baseball chess music festival heritage agriculture water irrigation
	construction infrastructure transport port airline credit bank finance blockade sanctions
	United Nations resolution vote Soviet Union independence anniversary decree protocol
	specialists engineers researchers scientists Heberprot interferon diabetes cancer surgery
	ophthalmology Operation Miracle vision dentistry pediatric maternal primary care polyclinic`)

// synthGeneric are common English content words.
var synthGeneric = strings.Fields(`year years time people country countries nation nations world region
	area areas part parts day days week weeks month months group groups work works program programs
	project projects plan plans development system systems service services support process level
	levels result results example number numbers order report reports information data field fields
	experience activity activities member members meeting meetings question questions issue issues
	change changes community communities family families history law policy policies power
	economy economic social political public national international local regional global
	important major new main several various different first second third last next recent current
	strong large small high low long short early late future past present common special specific
	increase increased strengthen strengthened develop developed expand expanded improve improved
	sign signed hold held meet met visit visited attend attended receive received provide provided
	offer offered share shared continue continued promote promoted discuss discussed agree agreed
	express expressed highlight highlighted recall recalled thank thanked welcome welcomed
	stress stressed note noted announce announced confirm confirmed describe described
	official officials leader leaders representative representatives authority authorities
	institution institutions organization organizations company companies center centers
	school schools city cities capital province provinces village villages population citizens
	workers professionals experts partner partners partnership partnerships ties links bonds
	framework mechanism mechanisms initiative initiatives efforts progress success achievement
	achievements opportunity opportunities potential interest interests priority priorities
	sector sectors industry industries market markets product products production resources
	technology technologies science research innovation knowledge skills capacity capacities
	emergency disaster disasters earthquake hurricane flood response relief aid assistance
	treatment treatments procedures diagnosis prevention programme campaign campaigns mission
	missions exchange exchanges friendship brotherhood respect dialogue consultation consultations
	statement declaration speech interview press conference ceremony event events occasion
	growth volume figure figures percent million thousand dozen hundreds record records`)

// synthFunction are function words, mixed into sentences as in real text.
var synthFunction = strings.Fields(`the the the the of of of and and and in in to to a a for on with
	by as at from that which this its their was were is are has have had been will would also
	between both during after since within among more than over about into`)

var synthMonths = strings.Fields(`January February March April May June July August September October November December`)

var synthOutlets = []string{"Radio Habana Cuba", "Prensa Latina", "Granma", "AZERTAC", "Trend News Agency",
	"Cubadebate", "Report.az", "Juventud Rebelde", "Azernews", "Cuban News Agency"}

// synthVocabulary returns the content vocabulary, most frequent first:
// domain and common words shuffled together, then made-up words up to
// about 3,000 in all.
var synthVocabulary = sync.OnceValue(func() []string {
	r := rand.New(rand.NewPCG(synthSeed, 0xffff_ffff))
	head := append(append([]string{}, synthDomain...), synthGeneric...)
	r.Shuffle(len(head), func(i, j int) { head[i], head[j] = head[j], head[i] })
	seen := map[string]bool{}
	for _, w := range head {
		seen[strings.ToLower(w)] = true
	}
	onsets := strings.Fields("b c d f g h j k l m n p r s t v z br cr dr gr pr tr st sh ch")
	vowels := strings.Fields("a e i o u a e i o ia io")
	codas := []string{"", "", "", "n", "r", "s", "l", "m", "t"}
	vocab := head
	for len(vocab) < 3000 {
		var b strings.Builder
		for s := 2 + r.IntN(2); s > 0; s-- {
			b.WriteString(onsets[r.IntN(len(onsets))])
			b.WriteString(vowels[r.IntN(len(vowels))])
			b.WriteString(codas[r.IntN(len(codas))])
		}
		w := b.String()
		if len(w) < 4 || seen[w] || stopwords[w] {
			continue
		}
		seen[w] = true
		vocab = append(vocab, w)
	}
	return vocab
})

// synthGen writes the text of one article.
type synthGen struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func newSynthGen(stream uint64) *synthGen {
	r := rand.New(rand.NewPCG(synthSeed, stream))
	v := synthVocabulary()
	return &synthGen{r: r, vocab: v, zipf: rand.NewZipf(r, 1.07, 2, uint64(len(v)-1))}
}

func (g *synthGen) content() string { return g.vocab[g.zipf.Uint64()] }

func (g *synthGen) number() string {
	switch g.r.IntN(6) {
	case 0, 1:
		return strconv.Itoa(1959 + g.r.IntN(67)) // a year
	case 2:
		return synthMonths[g.r.IntN(12)] + " " + strconv.Itoa(2000+g.r.IntN(26))
	case 3:
		n := 1000 + g.r.IntN(199000)
		return strconv.Itoa(n/1000) + "," + fmt.Sprintf("%03d", n%1000)
	case 4:
		return strconv.Itoa(2+g.r.IntN(300)) + " " + g.content()
	default:
		return strconv.Itoa(1+g.r.IntN(99)) + " percent"
	}
}

// sentence returns a sentence of 12 to 35 words.
func (g *synthGen) sentence() string {
	n := 12 + g.r.IntN(24)
	words := make([]string, 0, n+4)
	nextComma := 5 + g.r.IntN(8)
	for i := 0; i < n; i++ {
		var w string
		switch x := g.r.Float64(); {
		case x < 0.40:
			w = synthFunction[g.r.IntN(len(synthFunction))]
		case x < 0.96:
			w = g.content()
		default:
			w = g.number()
		}
		if i == nextComma && i < n-3 {
			words[len(words)-1] += ","
			nextComma += 5 + g.r.IntN(8)
		}
		words = append(words, w)
	}
	first := []rune(words[0])
	words[0] = strings.ToUpper(string(first[0])) + string(first[1:])
	return strings.Join(words, " ") + "."
}

func (g *synthGen) paragraph() string {
	n := 2 + g.r.IntN(4)
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence()
	}
	return strings.Join(s, " ")
}

// synthArticle returns article i with its metadata.
func synthArticle(i int) corpus.Document {
	g := newSynthGen(uint64(i))
	title := make([]string, 4+g.r.IntN(6))
	for k := range title {
		w := g.content()
		title[k] = strings.ToUpper(w[:1]) + w[1:]
	}
	paras := make([]string, 6+g.r.IntN(15))
	for k := range paras {
		paras[k] = g.paragraph()
	}
	published := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(11*365))
	return corpus.Document{
		ID:        fmt.Sprintf("synth-%06d", i),
		Title:     strings.Join(title, " "),
		Author:    "Bench Writer " + strconv.Itoa(g.r.IntN(40)),
		Outlet:    synthOutlets[g.r.IntN(len(synthOutlets))],
		URL:       fmt.Sprintf("https://news.example.org/%d/%06d-%s", published.Year(), i, strings.ToLower(strings.ReplaceAll(title[0], " ", "-"))),
		Language:  "en",
		Published: published,
		Text:      strings.Join(paras, "\n\n"),
		Source:    "bench",
		AddedBy:   "bench",
		AddedAt:   time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second),
	}
}

// synthCorpus is the first articles of the synthetic stream.
type synthCorpus struct {
	Docs   []corpus.Document
	Chunks [][]corpus.Chunk // per document, with the default chunking
	Total  int              // chunks in all
	Bytes  int              // text bytes in all
}

var synthAll struct {
	mu sync.Mutex
	c  synthCorpus
}

// synthCorpusOf returns the shortest prefix of the article stream with at
// least n chunks (default chunking). Articles are generated once per process
// and shared by every size.
func synthCorpusOf(n int) synthCorpus {
	synthAll.mu.Lock()
	defer synthAll.mu.Unlock()
	c := &synthAll.c
	for c.Total < n {
		d := synthArticle(len(c.Docs))
		ch := corpus.Split(d.ID, d.Text, corpus.DefaultChunkOptions())
		c.Docs = append(c.Docs, d)
		c.Chunks = append(c.Chunks, ch)
		c.Total += len(ch)
		c.Bytes += len(d.Text)
	}
	// The shortest prefix with at least n chunks.
	k, total, bytes := 0, 0, 0
	for total < n {
		total += len(c.Chunks[k])
		bytes += len(c.Docs[k].Text)
		k++
	}
	return synthCorpus{Docs: c.Docs[:k:k], Chunks: c.Chunks[:k:k], Total: total, Bytes: bytes}
}

// synthQuestions returns n fixed questions in the style people ask cabot.
// Even ones are built from templates and vocabulary words (most share some
// words with the articles, few are answered by them); odd ones ask about a
// sentence of one of the first 80 articles (in every corpus size), with some
// of its content words, so that the answerer also quotes and cites.
func synthQuestions(n int) []string {
	g := newSynthGen(1 << 40)
	pick := func() string { return g.content() }
	dom := func() string { return synthDomain[g.r.IntN(len(synthDomain))] }
	templates := []func() string{
		func() string {
			return fmt.Sprintf("How many %s did %s send to %s in %d?", dom(), dom(), dom(), 2000+g.r.IntN(26))
		},
		func() string {
			return fmt.Sprintf("What did the %s of %s say about %s %s?", dom(), dom(), pick(), dom())
		},
		func() string {
			return fmt.Sprintf("When did %s and %s sign the %s %s agreement?", dom(), dom(), pick(), dom())
		},
		func() string { return fmt.Sprintf("Who led the %s %s delegation to %s?", dom(), pick(), dom()) },
		func() string { return fmt.Sprintf("%s %s cooperation %s", dom(), pick(), dom()) },
		func() string {
			return fmt.Sprintf("What is the %s of the %s %s between %s and %s?", pick(), dom(), pick(), dom(), dom())
		},
		func() string { return fmt.Sprintf("Why is %s important for %s %s?", dom(), pick(), pick()) },
	}
	grounded := []string{"What about %s?", "What do the articles say about %s?", "Tell me about %s.", "Why %s?"}
	out := make([]string, n)
	for i := range out {
		if i%2 == 0 {
			out[i] = templates[(i/2)%len(templates)]()
			continue
		}
		doc := synthArticle(g.r.IntN(80))
		spans := corpus.Sentences(doc.Text)
		sp := spans[g.r.IntN(len(spans))]
		var words []string
		for _, w := range strings.Fields(doc.Text[sp.Start:sp.End]) {
			w = strings.Trim(w, ".,")
			if !stopwords[strings.ToLower(w)] && g.r.IntN(3) > 0 {
				words = append(words, w)
			}
		}
		words = words[:min(len(words), 3+g.r.IntN(4))]
		out[i] = fmt.Sprintf(grounded[g.r.IntN(len(grounded))], strings.Join(words, " "))
	}
	return out
}
