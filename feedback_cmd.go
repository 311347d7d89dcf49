package main

import (
	"cabot/bot"
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

func feedbackCommand() *command {
	var asJSON bool
	var guild string
	var limit int
	return &command{
		name: "feedback", args: "", opens: needStore,
		summary: "List the answers members marked not helpful, newest first: the question, the answer,\nwhy (wrong, outdated, not in the sources, did not answer) and the sources it cited,\nso that moderators can add the missing documents.",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print JSON")
			fs.StringVar(&guild, "guild", "", "only the answers given in this server `ID`")
			fs.IntVar(&limit, "limit", 50, "at most `N` answers")
		},
		check: func([]string) error {
			if limit < 1 || limit > 1000 {
				return usagef("--limit must be between 1 and 1000, not %d", limit)
			}
			return checkGuild(guild)
		},
		run: func(ctx context.Context, e env, a *app, _ []string) error {
			list, err := a.store.Unhelpful(ctx, guild, guild == "", limit)
			if err != nil {
				return err
			}
			out := make([]jsonUnhelpful, 0, len(list))
			for _, u := range list {
				j, err := toJSONUnhelpful(u)
				if err != nil {
					return err
				}
				out = append(out, j)
			}
			if asJSON {
				return writeJSON(e.stdout, out)
			}
			writeUnhelpful(e.stdout, out)
			return nil
		},
	}
}

// jsonUnhelpful is an answer found not helpful, as cabot feedback prints it.
type jsonUnhelpful struct {
	AnswerID  string         `json:"answer_id"`
	Question  string         `json:"question"`
	Answer    string         `json:"answer"`
	Grounded  bool           `json:"grounded"`
	Mode      string         `json:"mode"`
	Scope     string         `json:"scope"`
	AskedAt   string         `json:"asked_at"`
	LastVote  string         `json:"last_vote"`
	Helpful   int            `json:"helpful"`
	Unhelpful int            `json:"not_helpful"`
	Reasons   map[string]int `json:"reasons"`
	Sources   []jsonCited    `json:"sources"`
}

// jsonCited is a source an answer cited, as kept with the answer.
type jsonCited struct {
	N         int    `json:"n"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

func toJSONUnhelpful(u storage.UnhelpfulAnswer) (jsonUnhelpful, error) {
	srcs, err := bot.RecordSources(u.AnswerRecord)
	if err != nil {
		return jsonUnhelpful{}, err
	}
	cited := make([]jsonCited, 0, len(srcs))
	for _, s := range srcs {
		cited = append(cited, jsonCited{N: s.N, Title: s.Title, Outlet: s.Outlet, URL: s.URL, Published: s.Published})
	}
	return jsonUnhelpful{AnswerID: u.ID, Question: u.Question, Answer: u.Answer, Grounded: u.Grounded, Mode: u.Mode, Scope: u.Scope,
		AskedAt: u.CreatedAt.UTC().Format(time.RFC3339), LastVote: u.LastVote.UTC().Format(time.RFC3339),
		Helpful: u.Helpful, Unhelpful: u.Unhelpful, Reasons: u.Reasons, Sources: cited}, nil
}

// reasonWords are the reasons as cabot feedback prints them.
var reasonWords = map[string]string{
	storage.ReasonWrong:        "wrong",
	storage.ReasonOutdated:     "outdated",
	storage.ReasonNotInSources: "not in the sources",
	storage.ReasonDidNotAnswer: "did not answer",
}

func writeUnhelpful(w io.Writer, list []jsonUnhelpful) {
	if len(list) == 0 {
		fmt.Fprintln(w, "No answer has been marked not helpful.")
		return
	}
	for _, u := range list {
		asked, _ := time.Parse(time.RFC3339, u.AskedAt)
		fmt.Fprintf(w, "%s  %d not helpful, %d helpful  (answer %s%s)\n", asked.Format("2006-01-02 15:04"), u.Unhelpful, u.Helpful, u.AnswerID, scopeNote(u.Scope))
		fmt.Fprintf(w, "  question: %s\n", corpus.CutWords(oneLine(u.Question), 300, 200))
		fmt.Fprintf(w, "  answer:   %s\n", corpus.CutWords(oneLine(u.Answer), 300, 200))
		var why []string
		for _, r := range storage.FeedbackReasons {
			if n := u.Reasons[r]; n > 0 {
				why = append(why, fmt.Sprintf("%s ×%d", reasonWords[r], n))
			}
		}
		if unexplained := u.Unhelpful - sum(u.Reasons); unexplained > 0 {
			why = append(why, fmt.Sprintf("no reason given ×%d", unexplained))
		}
		fmt.Fprintf(w, "  why:      %s\n", strings.Join(why, ", "))
		if len(u.Sources) == 0 {
			fmt.Fprintln(w, "  sources:  none (the documents did not cover it)")
		}
		for k, s := range u.Sources {
			label := "  sources: "
			if k > 0 {
				label = "           "
			}
			fmt.Fprintf(w, "%s [%d] %s — %s%s\n", label, s.N, shortTitle(s.Title), orDash(s.Outlet), urlNote(s.URL))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d answers\n", len(list))
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func urlNote(u string) string {
	if u == "" {
		return ""
	}
	return ", " + u
}
