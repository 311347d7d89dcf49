package main

import (
	"context"
	"flag"
	"fmt"
)

func configCommand() *command {
	return &command{
		name: "config", args: "",
		summary: "Print the effective configuration (secrets redacted) after the file,\nthe environment and the flags.",
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			if fs.NArg() > 0 {
				return usagef("config takes no arguments")
			}
			cfg, err := loadConfig(e)
			if err != nil {
				return err
			}
			fmt.Fprint(e.stdout, cfg.String())
			return nil
		},
	}
}
