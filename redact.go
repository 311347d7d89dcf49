package main

import (
	"context"
	"encoding"
	"fmt"
	"log/slog"
	"sort"
	"strings"
)

// Secrets echoed back by a provider or by Discord (an error body that
// quotes the key it was sent) must not reach the logs or the terminal: every
// slog line and every error cabot prints go through a secretScrubber.

// minSecret is the shortest value scrubbed: a shorter one would mangle
// ordinary words, and no real token or key is that short.
const minSecret = 6

// secretScrubber replaces the configured secrets with "[redacted]". The
// zero value and nil replace nothing.
type secretScrubber struct{ r *strings.Replacer }

func newSecretScrubber(secrets []string) *secretScrubber {
	var long []string
	for _, s := range secrets {
		if len(s) >= minSecret {
			long = append(long, s)
		}
	}
	if len(long) == 0 {
		return &secretScrubber{}
	}
	// Longest first, so that a secret containing another goes whole.
	sort.Slice(long, func(i, j int) bool { return len(long[i]) > len(long[j]) })
	var pairs []string
	for _, s := range long {
		pairs = append(pairs, s, "[redacted]")
	}
	return &secretScrubber{strings.NewReplacer(pairs...)}
}

func (s *secretScrubber) scrub(v string) string {
	if s == nil || s.r == nil {
		return v
	}
	return s.r.Replace(v)
}

// scrubError returns err with its message scrubbed, still matching what
// err matches (errors.As finds a usageError through it).
func (s *secretScrubber) scrubError(err error) error {
	if err == nil {
		return nil
	}
	if msg := s.scrub(err.Error()); msg != err.Error() {
		return scrubbedError{msg: msg, err: err}
	}
	return err
}

type scrubbedError struct {
	msg string
	err error
}

func (e scrubbedError) Error() string { return e.msg }
func (e scrubbedError) Unwrap() error { return e.err }

// scrubHandler is a slog.Handler that scrubs secrets from the message and
// from every attribute before h sees them.
type scrubHandler struct {
	h slog.Handler
	s *secretScrubber
}

var _ slog.Handler = scrubHandler{}

func (h scrubHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.h.Enabled(ctx, l) }

func (h scrubHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.s.scrub(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.h.Handle(ctx, out)
}

func (h scrubHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return scrubHandler{h.h.WithAttrs(clean), h.s}
}

func (h scrubHandler) WithGroup(name string) slog.Handler {
	return scrubHandler{h.h.WithGroup(name), h.s}
}

// attr scrubs one attribute: strings, groups, and any other value (an
// error, a Stringer, a struct) whose printed form holds a secret, which is
// then logged as that printed form scrubbed.
func (h scrubHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.s.scrub(v.String()))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]any, len(g))
		for i, ga := range g {
			clean[i] = h.attr(ga)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		var s string
		switch x := v.Any().(type) {
		case []byte: // printed as text by slog's handlers
			s = string(x)
		case encoding.TextMarshaler:
			t, err := x.MarshalText()
			if err != nil {
				return a
			}
			s = string(t)
		default:
			s = fmt.Sprint(x)
		}
		if c := h.s.scrub(s); c != s {
			return slog.String(a.Key, c)
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
