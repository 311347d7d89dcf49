package rag

import (
	"cabot/config"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

func loadGoldenFile(t *testing.T) []GoldenCase {
	t.Helper()
	f, err := os.Open("golden/source-article.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := LoadGolden(f)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestGoldenSet checks answer quality on the bundled article: at least 90%
// of the answerable questions get an answer with every expected fact, at
// least 90% of the others are declined, and every quote is verbatim.
func TestGoldenSet(t *testing.T) {
	ctx := context.Background()
	cases := loadGoldenFile(t)
	var nA, nU int
	for _, c := range cases {
		if c.Answerable {
			nA++
		} else {
			nU++
		}
	}
	if nA < 25 || nU < 10 {
		t.Fatalf("golden set has %d answerable and %d unanswerable questions; want at least 25 and 10", nA, nU)
	}
	svc, store := newTestService(t, bundled(t)...)
	rep, err := svc.Evaluate(ctx, cases)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if !r.Correct {
			t.Logf("MISS (answerable=%v, relevance %.3f) %q\n  -> %s", r.Case.Answerable, r.Answer.Relevance, r.Case.Question, r.Answer.Text)
		}
		for _, s := range r.Answer.Sources {
			doc, err := store.Document(ctx, s.Doc.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range s.Quotes {
				if doc.Text[q.Start:q.End] != q.Text {
					t.Errorf("%q: quote %q is not the document's text at %d:%d", r.Case.Question, q.Text, q.Start, q.End)
				}
			}
		}
	}
	t.Logf("recall@1 %.3f  recall@5 %.3f  MRR %.3f  accuracy %.3f  citation precision %.3f  refusal accuracy %.3f",
		rep.RecallAt1, rep.RecallAt5, rep.MRR, rep.Accuracy, rep.CitationPrecision, rep.RefusalAccuracy)
	// Retrieval itself must rank the passage with the fact first or near it:
	// with one short article the answerer reads every chunk, so a broken
	// ranking would otherwise go unnoticed.
	if rep.MRR < 0.8 || rep.RecallAt5 < 0.9 {
		t.Errorf("MRR = %.3f, recall@5 = %.3f; want at least 0.8 and 0.9", rep.MRR, rep.RecallAt5)
	}
	if rep.Accuracy < 0.95 {
		t.Errorf("answer accuracy = %.3f; want >= 0.95", rep.Accuracy)
	}
	if rep.RefusalAccuracy < 0.9 {
		t.Errorf("refusal accuracy = %.3f; want >= 0.9", rep.RefusalAccuracy)
	}
	if rep.CitationPrecision < 0.95 {
		t.Errorf("citation precision = %.3f; want >= 0.95", rep.CitationPrecision)
	}
}

// goldenService opens a service over the bundled article and the articles
// of the checkout's golden set (testdata/golden/corpus), and returns it with
// the set's questions.
func goldenService(t *testing.T) (*Service, []GoldenCase) {
	t.Helper()
	return goldenServiceWith(t, defaultAnswerOptions())
}

// goldenServiceWith is goldenService with other answer options.
func goldenServiceWith(t *testing.T, opt AnswerOptions) (*Service, []GoldenCase) {
	t.Helper()
	svc, _ := newTestServiceWith(t, opt, bundled(t)...)
	ingestGolden(t, svc)
	f, err := os.Open(filepath.Join("..", "testdata", "golden", "questions.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := LoadGolden(f)
	if err != nil {
		t.Fatal(err)
	}
	return svc, cases
}

// TestRelevanceThresholdCalibrated sweeps the relevance threshold over the
// tuning questions (the bundled article's set over the bundled article,
// and the dev split of the golden set over its articles; never the test
// split) and checks that config.Default().Answer.MinRelevance is among the
// thresholds that answer the most of them right: an answerable question
// answered (relevance at the threshold or above) with its facts and an
// expected source cited, an unanswerable one declined.
func TestRelevanceThresholdCalibrated(t *testing.T) {
	ctx := context.Background()
	type point struct {
		rel      float64
		grounded bool // with every threshold below rel
		right    bool // the answer is right when it is given
		answer   bool // the question is answerable
	}
	var pts []point
	// Answers computed with a threshold below every relevance: each
	// threshold's verdict is then read from the relevance.
	low := defaultAnswerOptions()
	low.MinRelevance = 1e-9
	bsvc, _ := newTestServiceWith(t, low, bundled(t)...)
	gsvc, golden := goldenServiceWith(t, low)
	for _, run := range []struct {
		svc   *Service
		cases []GoldenCase
	}{{bsvc, loadGoldenFile(t)}, {gsvc, Only(golden, "dev")}} {
		rep, err := run.svc.Evaluate(ctx, run.cases)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rep.Results {
			pts = append(pts, point{r.Answer.Relevance, r.Answer.Grounded, r.Correct, r.Case.Answerable})
		}
	}
	accuracy := func(th float64) int {
		n := 0
		for _, p := range pts {
			given := p.grounded && p.rel >= th
			if p.answer && given && p.right || !p.answer && !given {
				n++
			}
		}
		return n
	}
	// Candidate thresholds: every observed value and a little above it.
	var ths []float64
	for _, p := range pts {
		ths = append(ths, p.rel, p.rel+0.0005)
	}
	sort.Float64s(ths)
	best := 0
	for _, th := range ths {
		best = max(best, accuracy(th))
	}
	lo, hi := -1.0, -1.0
	for _, th := range ths {
		if accuracy(th) == best {
			if lo < 0 {
				lo = th
			}
			hi = th
		}
	}
	t.Logf("best: %d/%d correct for thresholds in [%.3f, %.3f] (midpoint %.3f); config.Default().Answer.MinRelevance %.3f gets %d",
		best, len(pts), lo, hi, (lo+hi)/2, config.Default().Answer.MinRelevance, accuracy(config.Default().Answer.MinRelevance))
	if accuracy(config.Default().Answer.MinRelevance) < best {
		t.Errorf("config.Default().Answer.MinRelevance = %.3f classifies %d/%d questions; thresholds in [%.3f, %.3f] classify %d: recalibrate",
			config.Default().Answer.MinRelevance, accuracy(config.Default().Answer.MinRelevance), len(pts), lo, hi, best)
	}
}

// TestGoldenTestSplit measures answers on the held-out test split of the
// golden set, per category, and fails below what the answerer reached when
// it was tuned on the dev split (see BENCHMARKS.md): a change that makes
// answers worse on questions nobody tuned for fails here.
func TestGoldenTestSplit(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates the whole test split")
	}
	ctx := context.Background()
	svc, golden := goldenService(t)
	rep, err := svc.Evaluate(ctx, Only(golden, "test"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test split: %d questions, accuracy %.3f, refusal %.3f, recall@5 %.3f, MRR %.3f",
		rep.Questions, rep.Accuracy, rep.RefusalAccuracy, rep.RecallAt5, rep.MRR)
	for _, cat := range slices.Sorted(maps.Keys(rep.Categories)) {
		m := rep.Categories[cat]
		t.Logf("  %-11s n=%3d accuracy %.3f refusal %.3f recall@5 %.3f", cat, m.Questions, m.Accuracy, m.RefusalAccuracy, m.RecallAt5)
	}
	// The floors are the figures reached, less a margin for answers that
	// vary between runs: the targets (0.95) are not met yet.
	const minAccuracy, minRefusal, minRecall5 = goldenFloorAccuracy, goldenFloorRefusal, goldenFloorRecall5
	if rep.Accuracy < minAccuracy || rep.RefusalAccuracy < minRefusal || rep.RecallAt5 < minRecall5 {
		t.Errorf("test split: accuracy %.3f, refusal %.3f, recall@5 %.3f; want at least %.2f, %.2f, %.2f",
			rep.Accuracy, rep.RefusalAccuracy, rep.RecallAt5, minAccuracy, minRefusal, minRecall5)
	}
	for _, r := range rep.Results {
		for _, s := range r.Answer.Sources {
			for _, q := range s.Quotes {
				d, err := svc.store.Document(ctx, s.Doc.ID)
				if err != nil || d.Text[q.Start:q.End] != q.Text {
					t.Errorf("%q: quote %q is not the stored text at %d:%d", r.Case.Question, q.Text, q.Start, q.End)
				}
			}
		}
		if sp := r.Answer.Span; sp != nil && sp.End > sp.Start {
			d, err := svc.store.Document(ctx, sp.DocID)
			if err != nil || d.Text[sp.Start:sp.End] != sp.Text {
				t.Errorf("%q: answer span %q is not the stored text at %d:%d", r.Case.Question, sp.Text, sp.Start, sp.End)
			}
		}
	}
}

// The floors of TestGoldenTestSplit: what the test split reached (0.766,
// 0.704, 0.910, here as by cabot eval), less a margin; see BENCHMARKS.md.
const goldenFloorAccuracy, goldenFloorRefusal, goldenFloorRecall5 = 0.74, 0.68, 0.89

// ingestGolden adds the articles of the checkout's golden set
// (testdata/golden/corpus) to svc.
func ingestGolden(t *testing.T, svc *Service) {
	t.Helper()
	ctx := context.Background()
	names, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "corpus", "*.md"))
	if err != nil || len(names) < 15 {
		t.Fatalf("golden corpus: %d articles, %v; want at least 15", len(names), err)
	}
	for _, name := range names {
		if filepath.Base(name) == "README.md" {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Ingest(ctx, Input{Data: data, Name: filepath.Base(name), TitleFromName: true}); err != nil {
			t.Fatalf("ingest %s: %v", name, err)
		}
	}
}
