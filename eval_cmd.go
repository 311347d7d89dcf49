package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"cabot/rag"
)

func evalCommand() *command {
	var set string
	var asJSON bool
	var minAcc, minRef, minR1, minR5, minMRR, minCit float64
	return &command{
		name: "eval", args: "",
		summary: "Run a golden set (JSON Lines: question, facts, sources, answerable) against the store and\n" +
			"print recall@1, recall@5, MRR, answer accuracy, citation precision and refusal accuracy;\n" +
			"exits 1 when a --min-* threshold is not met.",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&set, "set", "", "golden set `FILE` (default: the bundled set of the source article)")
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
			var cases []rag.GoldenCase
			var err error
			if set == "" {
				cases, err = rag.BundledGolden()
			} else {
				f, oerr := os.Open(set)
				if oerr != nil {
					return usagef("--set: %v", oerr)
				}
				cases, err = rag.LoadGolden(f)
				f.Close()
			}
			if err != nil {
				return err
			}
			if len(cases) == 0 {
				return usagef("the golden set is empty")
			}
			a, err := openApp(ctx, e)
			if err != nil {
				return err
			}
			defer a.Close()
			rep, err := a.svc.Evaluate(ctx, cases)
			if err != nil {
				return err
			}
			metrics := []struct {
				name     string
				got, min float64
			}{
				{"recall@1", rep.RecallAt1, minR1}, {"recall@5", rep.RecallAt5, minR5}, {"MRR", rep.MRR, minMRR},
				{"answer accuracy", rep.Accuracy, minAcc}, {"citation precision", rep.CitationPrecision, minCit},
				{"refusal accuracy", rep.RefusalAccuracy, minRef},
			}
			if asJSON {
				type result struct {
					Question   string  `json:"question"`
					Answerable bool    `json:"answerable"`
					Correct    bool    `json:"correct"`
					CitedRight bool    `json:"cited_right"`
					Rank       int     `json:"rank"`
					Grounded   bool    `json:"grounded"`
					Relevance  float64 `json:"relevance"`
					Answer     string  `json:"answer"`
				}
				out := struct {
					Questions         int      `json:"questions"`
					RecallAt1         float64  `json:"recall_at_1"`
					RecallAt5         float64  `json:"recall_at_5"`
					MRR               float64  `json:"mrr"`
					Accuracy          float64  `json:"answer_accuracy"`
					CitationPrecision float64  `json:"citation_precision"`
					RefusalAccuracy   float64  `json:"refusal_accuracy"`
					Results           []result `json:"results"`
				}{Questions: len(cases), RecallAt1: rep.RecallAt1, RecallAt5: rep.RecallAt5, MRR: rep.MRR, Accuracy: rep.Accuracy,
					CitationPrecision: rep.CitationPrecision, RefusalAccuracy: rep.RefusalAccuracy}
				for _, r := range rep.Results {
					out.Results = append(out.Results, result{Question: r.Case.Question, Answerable: r.Case.Answerable, Correct: r.Correct,
						CitedRight: r.CitedRight, Rank: r.Rank, Grounded: r.Answer.Grounded, Relevance: r.Answer.Relevance, Answer: r.Answer.Text})
				}
				if err := writeJSON(e.stdout, out); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(e.stdout, "%d questions\n", len(cases))
				for _, m := range metrics {
					fmt.Fprintf(e.stdout, "%-20s %.3f\n", m.name, m.got)
				}
				for _, r := range rep.Results {
					if !r.Correct {
						fmt.Fprintf(e.stdout, "missed: %s\n", r.Case.Question)
					}
				}
			}
			var below []string
			for _, m := range metrics {
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
