package main

import (
	"bufio"
	"cabot/corpus"
	"cabot/rag"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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
			in := bufio.NewReader(e.stdin)
			for {
				if interactive {
					fmt.Fprint(e.stdout, "> ")
				}
				raw, tooLong, err := readLine(in, maxChatLine)
				if err != nil && raw == "" && !tooLong {
					if errors.Is(err, io.EOF) {
						break
					}
					return fmt.Errorf("read questions: %w", err)
				}
				if tooLong {
					fmt.Fprintf(e.stdout, "That question is longer than %s; ask it in fewer words.\n\n", corpus.HumanBytes(maxChatLine))
					continue
				}
				line := strings.TrimSpace(raw)
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
			return nil
		},
	}
}

// maxChatLine is the longest question chat reads.
const maxChatLine = 1 << 20

// readLine reads one line (without its end) of at most max bytes; a longer
// line is read to its end and dropped, with tooLong set. At the end of
// input it returns the last line, if any, with io.EOF.
func readLine(r *bufio.Reader, max int) (line string, tooLong bool, err error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(b)+len(chunk) > max+1 {
				tooLong, b = true, nil
			} else {
				b = append(b, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			return "", true, err
		}
		return strings.TrimRight(string(b), "\r\n"), false, err
	}
}
