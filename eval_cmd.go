package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"cabot/corpus"
	"cabot/corpus/sqlite"
	"cabot/rag"
)

// goldenDir is where a checkout keeps the golden set: questions.jsonl and
// the articles they are asked about, in corpus/.
const goldenDir = "testdata/golden"

func evalCommand() *command {
	var set, docs, split, mode string
	var asJSON bool
	var minAcc, minRef, minR1, minR5, minMRR, minCit float64
	return &command{
		name: "eval", args: "",
		summary: "Run a golden set (JSON Lines: question, facts, sources, answerable, category, split) over\n" +
			"its own articles in a temporary store, and print recall@1, recall@5, MRR, answer accuracy,\n" +
			"citation precision and refusal accuracy, overall, per split and per category; exits 1 when a\n" +
			"--min-* threshold is not met. Your own library is neither read nor changed.",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&set, "set", "", "golden set `FILE` (default: "+goldenDir+"/questions.jsonl in a checkout, else the bundled article's set)")
			fs.StringVar(&docs, "corpus", "", "`DIR` of the articles the set asks about, added beside the bundled article (default: corpus/ next to the set)")
			fs.StringVar(&split, "split", "", "only the questions of this split (dev or test)")
			fs.StringVar(&mode, "mode", "extractive", "`MODE` of answers: extractive, or llm for the configured language model")
			fs.BoolVar(&asJSON, "json", false, "print one JSON object with the metrics and every question's result")
			fs.Float64Var(&minAcc, "min-accuracy", 0, "fail below this answer accuracy (0 to 1)")
			fs.Float64Var(&minRef, "min-refusal", 0, "fail below this refusal accuracy (0 to 1)")
			fs.Float64Var(&minR1, "min-recall1", 0, "fail below this recall@1")
			fs.Float64Var(&minR5, "min-recall5", 0, "fail below this recall@5")
			fs.Float64Var(&minMRR, "min-mrr", 0, "fail below this MRR")
			fs.Float64Var(&minCit, "min-citation", 0, "fail below this citation precision")
		},
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			if fs.NArg() > 0 {
				return usagef("eval takes no arguments; name a set with --set FILE")
			}
			if mode != "extractive" && mode != "llm" {
				return usagef("--mode %q: use extractive or llm", mode)
			}
			cases, articles, err := goldenSet(set, docs)
			if err != nil {
				return err
			}
			cases = rag.Only(cases, split)
			if len(cases) == 0 {
				return usagef("the golden set has no questions%s", map[bool]string{true: " in split " + split}[split != ""])
			}
			cfg, err := loadConfig(e)
			if err != nil {
				return err
			}
			if mode == "llm" && cfg.LLM.Provider == "none" {
				return usagef("--mode llm needs a language model: set llm.provider (see the README)")
			}
			dir, err := os.MkdirTemp("", "cabot-eval-*")
			if err != nil {
				return fmt.Errorf("make a temporary store: %w", err)
			}
			defer os.RemoveAll(dir)
			store, err := sqlite.Open(ctx, filepath.Join(dir, "eval.db"))
			if err != nil {
				return err
			}
			defer store.Close()
			bundled, err := corpus.Bundled()
			if err != nil {
				return err
			}
			log := newLogger(e.stderr, cfg.LogLevel, "warn")
			svc, err := newService(ctx, cfg, store, log, mode == "llm", bundled)
			if err != nil {
				return err
			}
			for _, path := range articles {
				data, err := os.ReadFile(path)
				if err != nil {
					return fmt.Errorf("read golden article: %w", err)
				}
				if _, err := svc.Ingest(ctx, rag.Input{Data: data, Name: filepath.Base(path), TitleFromName: true, Origin: "eval", Actor: "eval"}); err != nil {
					return fmt.Errorf("golden article %s: %w", path, err)
				}
			}
			rep, err := svc.Evaluate(ctx, cases)
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(e.stdout, evalJSON(rep)); err != nil {
					return err
				}
			} else {
				writeEval(e.stdout, rep)
			}
			var below []string
			for _, m := range []struct {
				name     string
				got, min float64
			}{
				{"recall@1", rep.RecallAt1, minR1}, {"recall@5", rep.RecallAt5, minR5}, {"MRR", rep.MRR, minMRR},
				{"answer accuracy", rep.Accuracy, minAcc}, {"citation precision", rep.CitationPrecision, minCit},
				{"refusal accuracy", rep.RefusalAccuracy, minRef},
			} {
				if m.got < m.min {
					below = append(below, fmt.Sprintf("%s %.3f < %.3f", m.name, m.got, m.min))
				}
			}
			if len(below) > 0 {
				return fmt.Errorf("below the minimum: %s", strings.Join(below, ", "))
			}
			return nil
		},
	}
}

// goldenSet reads the questions and lists the articles they are asked
// about (besides the bundled one).
func goldenSet(set, docs string) ([]rag.GoldenCase, []string, error) {
	if set == "" {
		if _, err := os.Stat(filepath.Join(goldenDir, "questions.jsonl")); err == nil {
			set = filepath.Join(goldenDir, "questions.jsonl")
		}
	}
	var cases []rag.GoldenCase
	if set == "" {
		c, err := rag.BundledGolden()
		return c, nil, err
	}
	f, err := os.Open(set)
	if err != nil {
		return nil, nil, usagef("--set: %v", err)
	}
	cases, err = rag.LoadGolden(f)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	if docs == "" {
		docs = filepath.Join(filepath.Dir(set), "corpus")
		if _, err := os.Stat(docs); errors.Is(err, fs.ErrNotExist) {
			return cases, nil, nil
		}
	}
	var articles []string
	err = filepath.WalkDir(docs, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") && !strings.EqualFold(d.Name(), "README.md") {
			articles = append(articles, path)
		}
		return nil
	})
	if err != nil {
		return nil, nil, usagef("--corpus: %v", err)
	}
	sort.Strings(articles)
	return cases, articles, nil
}

type evalMetrics struct {
	Questions         int     `json:"questions"`
	Answerable        int     `json:"answerable"`
	Unanswerable      int     `json:"unanswerable"`
	RecallAt1         float64 `json:"recall_at_1"`
	RecallAt5         float64 `json:"recall_at_5"`
	MRR               float64 `json:"mrr"`
	Accuracy          float64 `json:"answer_accuracy"`
	CitationPrecision float64 `json:"citation_precision"`
	RefusalAccuracy   float64 `json:"refusal_accuracy"`
}

func toEvalMetrics(m rag.Metrics) evalMetrics { return evalMetrics(m) }

type evalResult struct {
	ID         string  `json:"id,omitempty"`
	Question   string  `json:"question"`
	Category   string  `json:"category,omitempty"`
	Split      string  `json:"split,omitempty"`
	Answerable bool    `json:"answerable"`
	Correct    bool    `json:"correct"`
	CitedRight bool    `json:"cited_right"`
	Rank       int     `json:"rank"`
	Grounded   bool    `json:"grounded"`
	Relevance  float64 `json:"relevance"`
	Answer     string  `json:"answer"`
}

type evalOutput struct {
	evalMetrics
	Splits     map[string]evalMetrics            `json:"splits"`
	Categories map[string]evalMetrics            `json:"categories"`
	PerSplit   map[string]map[string]evalMetrics `json:"split_categories"`
	Results    []evalResult                      `json:"results"`
}

func evalJSON(rep rag.Report) evalOutput {
	out := evalOutput{evalMetrics: toEvalMetrics(rep.Metrics), Splits: map[string]evalMetrics{}, Categories: map[string]evalMetrics{},
		PerSplit: map[string]map[string]evalMetrics{}, Results: []evalResult{}}
	for k, m := range rep.Splits {
		out.Splits[k] = toEvalMetrics(m)
	}
	for k, m := range rep.Categories {
		out.Categories[k] = toEvalMetrics(m)
	}
	for split, cats := range rep.SplitCategories {
		out.PerSplit[split] = map[string]evalMetrics{}
		for k, m := range cats {
			out.PerSplit[split][k] = toEvalMetrics(m)
		}
	}
	for _, r := range rep.Results {
		out.Results = append(out.Results, evalResult{ID: r.Case.ID, Question: r.Case.Question, Category: r.Case.Category, Split: r.Case.Split,
			Answerable: r.Case.Answerable, Correct: r.Correct, CitedRight: r.CitedRight, Rank: r.Rank, Grounded: r.Answer.Grounded,
			Relevance: r.Answer.Relevance, Answer: r.Answer.Text})
	}
	return out
}

// writeEval prints the metrics as a table: all, each split, each category
// (of each split), then the questions missed.
func writeEval(w io.Writer, rep rag.Report) {
	fmt.Fprintf(w, "%-24s %5s %8s %8s %6s %8s %8s %8s\n", "", "n", "recall@1", "recall@5", "MRR", "accuracy", "citation", "refusal")
	row := func(name string, m rag.Metrics) {
		fmt.Fprintf(w, "%-24s %5d %8.3f %8.3f %6.3f %8.3f %8.3f %8.3f\n", name, m.Questions, m.RecallAt1, m.RecallAt5, m.MRR, m.Accuracy, m.CitationPrecision, m.RefusalAccuracy)
	}
	row("all", rep.Metrics)
	for _, split := range sortedKeys(rep.Splits) {
		row("split "+split, rep.Splits[split])
		for _, cat := range sortedKeys(rep.SplitCategories[split]) {
			row("  "+cat, rep.SplitCategories[split][cat])
		}
	}
	if len(rep.Splits) == 0 {
		for _, cat := range sortedKeys(rep.Categories) {
			row("  "+cat, rep.Categories[cat])
		}
	}
	for _, r := range rep.Results {
		if !r.Correct {
			tag := strings.TrimSpace(r.Case.Split + " " + r.Case.Category)
			if tag != "" {
				tag = "[" + tag + "] "
			}
			fmt.Fprintf(w, "missed: %s%s\n", tag, r.Case.Question)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
