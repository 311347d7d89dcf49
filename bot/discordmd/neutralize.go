package discordmd

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const zwsp = "\u200b"

// Neutralize makes text that came from documents, users or a model safe to
// show in Discord:
//   - it removes invisible and bidirectional control characters (U+200B to
//     U+200F, U+202A to U+202E, U+2060, U+2066 to U+2069, U+061C, U+FEFF),
//     except a zero-width joiner or non-joiner between two non-ASCII letters or
//     symbols, where it holds emoji sequences and scripts such as Persian
//     together;
//   - it rewrites a Markdown link whose text contains a dot or "://", or is
//     blank, as "text (<target>)" so that the real target shows, and reduces a
//     link to a javascript:, vbscript:, data: or file: target to its text;
//   - it puts a zero-width space after the @ of @everyone and @here (in any
//     case) and after the < of user, role and channel mentions ("<@123>",
//     "<@!123>", "<@&123>", "<#123>"), so that they neither ping nor resolve.
//
// Neutralize is idempotent. It does not escape other Markdown; replies should
// still carry NoMentions.
func Neutralize(s string) string {
	return defangMentions(rewriteLinks(stripInvisible(s)))
}

// isInvisible reports whether Neutralize removes r.
func isInvisible(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E ||
		r >= 0x2066 && r <= 0x2069 || r == 0x2060 || r == 0x061C || r == 0xFEFF
}

func isJoiner(r rune) bool { return r == 0x200C || r == 0x200D }

// joinable reports whether a joiner next to r may stay: it cannot hide
// anything in ASCII text (mentions, URLs) there.
func joinable(r rune) bool {
	return r >= utf8.RuneSelf && !unicode.IsSpace(r) && !isInvisible(r)
}

func stripInvisible(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return isInvisible(r) || r == utf8.RuneError }) {
		return s
	}
	rs := make([]rune, 0, len(s))
	for _, r := range s { // invalid bytes become U+FFFD
		if isInvisible(r) && !isJoiner(r) {
			continue
		}
		rs = append(rs, r)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		if isJoiner(r) && !(i > 0 && joinable(rs[i-1]) && i+1 < len(rs) && joinable(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func rewriteLinks(s string) string {
	// Each pass that changes s removes at least one '[', so this ends.
	// Repeating until nothing changes makes links that a rewrite exposes
	// ("[[a.b](c)](d)") safe too, and Neutralize idempotent.
	for {
		out := mdLinkRe.ReplaceAllStringFunc(s, rewriteLink)
		if out == s {
			return s
		}
		s = out
	}
}

func rewriteLink(link string) string {
	m := mdLinkRe.FindStringSubmatch(link)
	text, target := m[1], m[2]
	if len(target) >= 2 && target[0] == '<' && target[len(target)-1] == '>' {
		target = target[1 : len(target)-1]
	}
	switch {
	case strings.TrimSpace(target) == "" || dangerousTarget(target):
		return text
	case strings.TrimSpace(text) == "":
		return "<" + target + ">"
	case strings.Contains(text, ".") || strings.Contains(text, "://"):
		return text + " (<" + target + ">)"
	}
	return link
}

// dangerousTarget reports whether a link target runs code or embeds data.
// Browsers ignore ASCII whitespace and control characters in the scheme.
func dangerousTarget(target string) bool {
	t := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, target))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(t, scheme) {
			return true
		}
	}
	return false
}

func defangMentions(s string) string {
	if !strings.ContainsAny(s, "@#") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte(c)
		switch c {
		case '<':
			if i+2 < len(s) && (s[i+1] == '@' && strings.IndexByte("0123456789!&", s[i+2]) >= 0 ||
				s[i+1] == '#' && '0' <= s[i+2] && s[i+2] <= '9') {
				b.WriteString(zwsp)
			}
		case '@':
			if hasFoldPrefix(s[i+1:], "everyone") || hasFoldPrefix(s[i+1:], "here") {
				b.WriteString(zwsp)
			}
		}
	}
	return b.String()
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
