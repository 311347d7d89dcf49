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
	var asJSON bool
	var dates dateFlags
	return &command{
		name: "ask", args: "QUESTION...",
		summary: "Answer one question, citing the sources.",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print the answer as one JSON object")
			dates.register(fs)
		},
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			q := strings.TrimSpace(strings.Join(fs.Args(), " "))
			if q == "" {
				return usagef("no question given")
			}
			since, until, err := dates.parse()
			if err != nil {
				return err
			}
			a, err := openApp(ctx, e)
			if err != nil {
				return err
			}
			defer a.Close()
			ans, err := a.svc.Ask(ctx, rag.Question{Text: q, Since: since, Until: until}, nil)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, toJSONAnswer(ans))
			}
			writeText(e.stdout, ans)
			return nil
		},
	}
}

func chatCommand() *command {
	return &command{
		name: "chat", args: "",
		summary: "Answer questions typed at a prompt, one a line, until end of input or /quit.",
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			if fs.NArg() > 0 {
				return usagef("chat takes no arguments; type the questions at the prompt")
			}
			a, err := openApp(ctx, e)
			if err != nil {
				return err
			}
			defer a.Close()
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
