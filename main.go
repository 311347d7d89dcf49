// Command cabot answers questions about the cooperation between Cuba and
// Azerbaijan from a collection of source articles, citing the articles each
// answer comes from. It works offline by default: the source articles ship
// inside the binary, with a built-in embedder and an extractive answerer.
//
// Usage:
//
//	cabot [global flags] COMMAND [flags] [arguments]
//
// Run "cabot help" for the commands and "cabot COMMAND -h" for their flags.
package main

import (
	"cabot/corpus"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	// When cabot starts itself to read an untrusted document, that is all
	// it does.
	corpus.RunChildIfRequested()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runEnviron(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.LookupEnv, os.Environ)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is a mistake in how cabot was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// configError is an unusable configuration (file, environment or global
// flags): a usage error too, but one that "-h" does not help with.
type configError struct{ err error }

func (e configError) Error() string { return e.err.Error() }
func (e configError) Unwrap() error { return e.err }

// env is what a command runs with.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) (string, bool)
	// environ lists the variables as os.Environ does, for the warnings
	// about unknown CABOT_* ones; nil: no warnings.
	environ func() []string
	globals *globals
}

// command is one of cabot's commands. Its prelude (see start) refuses
// arguments when args is "", runs check, loads the configuration and opens
// what opens names; then run does the work.
type command struct {
	name, args, summary string
	flags               func(fs *flag.FlagSet) // the command's own flags
	// hint ends the usage error of a command that takes no arguments
	// ("; type the questions at the prompt").
	hint string
	// check, if set, checks the arguments and flags before anything is
	// loaded or opened.
	check func(args []string) error
	// opens is how much of the app the prelude opens before run.
	opens need
	// logLevel is the level of logs when none is configured (default warn).
	logLevel string
	// run does the work, with what the prelude opened.
	run func(ctx context.Context, e env, a *app, args []string) error
}

func commands() []*command {
	return []*command{askCommand(), chatCommand(), summaryCommand(), timelineCommand(), ingestCommand(), docsCommand(), feedbackCommand(),
		reindexCommand(), evalCommand(), doctorCommand(), backupCommand(), serveCommand(), configCommand()}
}

// globals are the flags every command takes, before or after its name.
type globals struct {
	dataDir, configFile, logLevel string
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.dataDir, "data-dir", g.dataDir, "`DIR` for the store (default $CABOT_DATA_DIR, else the user's data directory + /cabot)")
	fs.StringVar(&g.configFile, "config", g.configFile, "configuration `FILE` (default $CABOT_CONFIG, else ./cabot.toml if present)")
	fs.StringVar(&g.logLevel, "log-level", g.logLevel, "`LEVEL` of logs on stderr: debug, info, warn or error (default info for serve, warn otherwise)")
}

// run is runEnviron without the list of variables: no warnings about
// unknown CABOT_* ones.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) (string, bool)) int {
	return runEnviron(ctx, args, stdin, stdout, stderr, getenv, nil)
}

// runEnviron runs cabot with args and the environment that getenv looks up
// and environ lists, and returns the exit status.
func runEnviron(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) (string, bool), environ func() []string) int {
	g := &globals{}
	top := flag.NewFlagSet("cabot", flag.ContinueOnError)
	top.SetOutput(io.Discard)
	g.register(top)
	if err := top.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printHelp(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "cabot: %v (run \"cabot help\")\n", err)
		return exitUsage
	}
	rest := top.Args()
	if len(rest) == 0 {
		printHelp(stderr)
		return exitUsage
	}
	name, rest := rest[0], rest[1:]
	if name == "help" {
		if len(rest) > 0 {
			if c := findCommand(rest[0]); c != nil {
				fs := newFlagSet(c, g)
				fs.SetOutput(stdout)
				fs.Usage()
				return exitOK
			}
		}
		printHelp(stdout)
		return exitOK
	}
	c := findCommand(name)
	if c == nil {
		fmt.Fprintf(stderr, "cabot: unknown command %q (run \"cabot help\")\n", name)
		return exitUsage
	}
	fs := newFlagSet(c, g)
	fs.SetOutput(stderr)
	if err := parseInterspersed(fs, rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	err := c.start(ctx, env{stdin: stdin, stdout: textWriter{w: stdout}, stderr: stderr, getenv: getenv, environ: environ, globals: g}, fs.Args())
	var (
		ue usageError
		ce configError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ce):
		fmt.Fprintf(stderr, "cabot %s: %s\n", c.name, stripControls(oneLine(err.Error())))
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "cabot %s: %s (run \"cabot %s -h\")\n", c.name, stripControls(err.Error()), c.name)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "cabot %s: %s\n", c.name, stripControls(oneLine(err.Error())))
		return exitFailure
	}
}

// parseInterspersed parses flags wherever they stand among the arguments
// ("cabot docs list --json"); after "--" everything is an argument.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var positional []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func newFlagSet(c *command, g *globals) *flag.FlagSet {
	fs := flag.NewFlagSet("cabot "+c.name, flag.ContinueOnError)
	if c.flags != nil {
		c.flags(fs)
	}
	g.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: cabot %s [flags] %s\n\n%s\n\nFlags:\n", c.name, c.args, c.summary)
		fs.PrintDefaults()
	}
	return fs
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, `cabot answers questions about Cuba–Azerbaijan cooperation from its source
articles, and cites them.

Usage: cabot [global flags] COMMAND [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, strings.SplitN(c.summary, "\n", 2)[0])
	}
	fmt.Fprintf(w, `  help     Show this help, or "cabot help COMMAND" for a command's flags.

Global flags (before or after the command):
  --data-dir DIR     where the store lives (default $CABOT_DATA_DIR, else the
                     user's data directory + /cabot)
  --config FILE      configuration file (default $CABOT_CONFIG, else ./cabot.toml)
  --log-level LEVEL  debug, info, warn or error (default info for serve,
                     warn otherwise)

Exit status: 0 on success, 2 for a usage error, 1 for any other failure.
`)
}
