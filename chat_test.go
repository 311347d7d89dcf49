package main

import (
	"strings"
	"testing"
)

// A line over 1 MB is refused and the session goes on with the next one.
func TestChatRefusesAHugeLine(t *testing.T) {
	dir := t.TempDir()
	input := strings.Repeat("x", 2<<20) + "\nHow many patients did the Cuban health workers attend in Azerbaijan?\n"
	out, errs, code := cabot(t, nil, input, "--data-dir", dir, "chat")
	if code != 0 {
		t.Fatalf("chat exited %d: %s", code, errs)
	}
	if !strings.Contains(out, "longer than 1 MB") || !strings.Contains(out, "77,000") {
		t.Errorf("chat printed %q; want the long line refused, then the answer", cut(out, 400))
	}
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
