package main

import (
	"bufio"
	"cabot/rag"
	"context"
	"flag"
	"fmt"
	"strings"
)

func askCommand() *command {
	var q string
	var f answerFlags
	return &command{
		name: "ask", args: "QUESTION...", opens: needService,
		summary: "Answer one question, citing the sources.",
		flags:   func(fs *flag.FlagSet) { f.register(fs, "print the answer as one JSON object") },
		check: func(args []string) error {
			if q = strings.TrimSpace(strings.Join(args, " ")); q == "" {
				return usagef("no question given")
			}
			return f.check()
		},
		run: func(ctx context.Context, e env, a *app, _ []string) error {
			ans, err := a.svc.Ask(ctx, rag.Question{Text: q, Since: f.since, Until: f.until}, nil)
			if err != nil {
				return err
			}
			if f.asJSON {
				return writeJSON(e.stdout, toJSONAnswer(ans))
			}
			writeText(e.stdout, ans)
			return nil
		},
	}
}

func chatCommand() *command {
	return &command{
		name: "chat", args: "", hint: "; type the questions at the prompt", opens: needService,
		summary: "Answer questions typed at a prompt, one a line, until end of input or /quit.",
		run: func(ctx context.Context, e env, a *app, _ []string) error {
			defer a.follow(ctx)()
			interactive := isTerminal(e.stdin)
			if interactive {
				fmt.Fprintln(e.stdout, "Ask about Cuba–Azerbaijan cooperation. Type /quit or press Ctrl-D to leave.")
			}
			sc := bufio.NewScanner(e.stdin)
			sc.Buffer(make([]byte, 0, 4096), 1<<20)
			for {
				if interactive {
					fmt.Fprint(e.stdout, "> ")
				}
				if !sc.Scan() {
					break
				}
				line := strings.TrimSpace(sc.Text())
				switch line {
				case "":
					continue
				case "/quit", "/exit":
					return nil
				}
				ans, err := a.svc.Ask(ctx, rag.Question{Text: line}, nil)
				if err != nil {
					if ctx.Err() != nil {
						return nil
					}
					return err
				}
				writeText(e.stdout, ans)
				fmt.Fprintln(e.stdout)
			}
			if err := sc.Err(); err != nil {
				return fmt.Errorf("read questions: %w", err)
			}
			return nil
		},
	}
}
