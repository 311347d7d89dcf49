package corpus

import (
	"encoding/binary"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"unicode"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "mc_cid": true, "mc_eid": true,
	"igshid": true, "yclid": true, "_ga": true, "_gl": true, "ref": true, "ref_src": true, "cmpid": true,
	"spm": true, "share": true, "si": true,
}

// CanonicalURL returns the form of a URL used to recognise the same page:
// lower-case scheme and host, no "www.", no default port, no fragment, no
// tracking parameters (utm_*, fbclid, ...), the other parameters sorted, and
// no trailing slash. It returns "" for anything that is not an http(s) URL.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	for k := range q {
		if trackingParams[strings.ToLower(k)] || strings.HasPrefix(strings.ToLower(k), "utm_") {
			q.Del(k)
		}
	}
	p := u.EscapedPath()
	if p != "" {
		p = path.Clean(p)
	}
	p = strings.TrimSuffix(p, "/")
	// http and https serve the same article: compare without the scheme.
	out := "//" + host + p
	if enc := q.Encode(); enc != "" { // Encode sorts by key
		out += "?" + enc
	}
	return out
}

// shingleSize is the number of words in a shingle.
const shingleSize = 5

// Shingles returns the hashes of the overlapping runs of shingleSize words
// of text (lower-cased letters and digits only), so that two texts that
// differ only in layout, case or punctuation have the same shingles.
func Shingles(text string) map[uint64]struct{} {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := make(map[uint64]struct{}, len(words))
	if len(words) == 0 {
		return out
	}
	n := shingleSize
	if len(words) < n {
		n = len(words)
	}
	// FNV-1a (64 bits) of each word followed by a zero byte, as hash/fnv
	// computes it, without a hasher per shingle.
	const offset, prime = 14695981039346656037, 1099511628211
	for i := 0; i+n <= len(words); i++ {
		h := uint64(offset)
		for _, w := range words[i : i+n] {
			for k := 0; k < len(w); k++ {
				h = (h ^ uint64(w[k])) * prime
			}
			h *= prime // ^ 0
		}
		out[h] = struct{}{}
	}
	return out
}

// Jaccard returns |a ∩ b| / |a ∪ b|, 0 for two empty sets.
func Jaccard(a, b map[uint64]struct{}) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for k := range a {
		if _, ok := b[k]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// signatureSize is the number of MinHash values in a Signature.
const signatureSize = 64

// Signature is a MinHash summary of a text's shingles: the share of equal
// positions of two signatures estimates the Jaccard similarity of the texts.
type Signature [signatureSize]uint64

// MinHash computes the signature of a set of shingles.
func MinHash(shingles map[uint64]struct{}) Signature {
	var s Signature
	for i := range s {
		s[i] = ^uint64(0)
	}
	for sh := range shingles {
		for i := range s {
			if v := mix(sh ^ seeds[i]); v < s[i] {
				s[i] = v
			}
		}
	}
	return s
}

// Similarity estimates the Jaccard similarity of the texts behind two
// signatures.
func (s Signature) Similarity(o Signature) float64 {
	eq := 0
	for i := range s {
		if s[i] == o[i] {
			eq++
		}
	}
	return float64(eq) / signatureSize
}

// Bytes encodes the signature for storage (SignatureFromBytes reads it).
func (s Signature) Bytes() []byte {
	b := make([]byte, 8*signatureSize)
	for i, v := range s {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b
}

// SignatureFromBytes decodes a signature written by Signature.Bytes.
func SignatureFromBytes(b []byte) (Signature, error) {
	var s Signature
	if len(b) != 8*signatureSize {
		return s, fmt.Errorf("signature of %d bytes; want %d", len(b), 8*signatureSize)
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return s, nil
}

// seeds are fixed, so that signatures stored in the database stay comparable.
var seeds = func() [signatureSize]uint64 {
	var out [signatureSize]uint64
	x := uint64(0x9E3779B97F4A7C15)
	for i := range out {
		x += 0x9E3779B97F4A7C15
		out[i] = mix(x)
	}
	return out
}()

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// NearDuplicateThreshold is the Jaccard similarity of shingles from which a
// text counts as a near-duplicate of another (the same wire story
// republished with small edits).
const NearDuplicateThreshold = 0.9

// Duplicate describes the document that a new one duplicates.
type Duplicate struct {
	Of         Document // its metadata (Text is empty)
	Reason     string   // "same URL", "same text", "near-duplicate"
	Similarity float64  // Jaccard similarity of the texts (1 for the same text)
}

// DuplicateError is returned when a document duplicates one already stored.
type DuplicateError struct{ Duplicate }

func (e *DuplicateError) Error() string {
	switch e.Reason {
	case "near-duplicate":
		return fmt.Sprintf("duplicate: %.0f%% the same text as %q (%s)", 100*e.Similarity, e.Of.Title, e.Of.ID)
	default:
		return fmt.Sprintf("duplicate: %s as %q (%s)", e.Reason, e.Of.Title, e.Of.ID)
	}
}

// VisibleScopes returns the scopes visible from scope, sorted: the global
// one ("") and scope's own.
func VisibleScopes(scope string) []string {
	s := []string{""}
	if scope != "" {
		s = append(s, scope)
	}
	sort.Strings(s)
	return s
}

// Bands is the number of bands of bandRows MinHash values that locality-
// sensitive hashing splits a signature into. Two signatures that agree in
// all the values of one band at least are candidates: with a share s of
// equal values, that is 1-(1-s⁴)¹⁶ of pairs, more than 0.99999996 at
// s = 0.9 (NearDuplicateThreshold) and 0.997 at s = 0.75 (where
// storage.NearDuplicateCandidates starts), against 0.64 at s = 0.5 and 0.0016 at
// s = 0.1.
const (
	Bands    = 16
	bandRows = 4
)

// BandKeys returns the key of each band of a signature: a hash of the
// band's number and its values, as a signed 64-bit integer (what both
// stores' integer columns hold).
func BandKeys(sig Signature) [Bands]int64 {
	var out [Bands]int64
	for b := range out {
		h := uint64(b+1) * 0x9E3779B97F4A7C15
		for _, v := range sig[b*bandRows : (b+1)*bandRows] {
			h = mix(h ^ v)
		}
		out[b] = int64(h)
	}
	return out
}
