package lang

import (
	"strings"
	"unicode"
)

// Fold lower-cases s and takes the diacritics off Latin letters (á→a,
// ñ→n, ç→c, ü→u, ã→a, ê→e), so "Bakú" and "baku", "Azerbaijão" and
// "azerbaijao" compare equal. Other letters are only lower-cased.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent (text in NFD)
		}
		r = unicode.ToLower(r)
		if f, ok := foldMap[r]; ok {
			r = f
		}
		b.WriteRune(r)
	}
	return b.String()
}

// IsASCII reports whether s holds only ASCII bytes.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldMap takes the diacritics off the lower-case Latin letters that
// Spanish, Portuguese and the names in the news use.
var foldMap = func() map[rune]rune {
	m := map[rune]rune{}
	for base, marked := range map[rune]string{
		'a': "áàâãäåāă",
		'c': "çćč",
		'e': "éèêëēė",
		'i': "íìîïī",
		'n': "ñń",
		'o': "óòôõöøō",
		'u': "úùûüū",
		'y': "ýÿ",
		's': "šś",
		'z': "žź",
		'g': "ğ",
		'l': "ł",
	} {
		for _, r := range marked {
			m[r] = base
		}
	}
	return m
}()

// words splits text into lower-case words: runs of letters and digits,
// with the apostrophe kept inside a word ("don't", "d'água").
func words(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if letter {
			if start < 0 {
				start = i
			}
			continue
		}
		if (r == '\'' || r == '’') && start >= 0 {
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(strings.TrimRight(text[start:i], "'’")))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(strings.TrimRight(text[start:], "'’")))
	}
	return out
}

// compose joins a letter and a combining accent that follows it (text in
// NFD, as some sources send it) into the one precomposed letter, for the
// letters that tell Spanish from Portuguese. Other pairs are left as they are.
func compose(s string) string {
	if !strings.ContainsAny(s, "\u0300\u0301\u0302\u0303\u0308\u0327") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if i+1 < len(rs) {
			if c, ok := composed[[2]rune{rs[i], rs[i+1]}]; ok {
				b.WriteRune(c)
				i++
				continue
			}
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

var composed = func() map[[2]rune]rune {
	m := map[[2]rune]rune{}
	for mark, pairs := range map[rune]string{
		0x301: "aáeéiíoóuúAÁEÉIÍOÓUÚ",
		0x300: "aàAÀ",
		0x302: "aâeêoôAÂEÊOÔ",
		0x303: "aãoõnñAÃOÕNÑ",
		0x308: "uüUÜ",
		0x327: "cçCÇ",
	} {
		rs := []rune(pairs)
		for i := 0; i+1 < len(rs); i += 2 {
			m[[2]rune{rs[i], mark}] = rs[i+1]
		}
	}
	return m
}()
