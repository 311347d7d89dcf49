package lang

import _ "embed"

// en_synonyms.txt holds groups of English words that news reports use for
// one another; see the file's head for its format.
//
//go:embed en_synonyms.txt
var synonymsText string

// synonyms maps the English stem of each word of a group to the stems of
// the group's other words.
var synonyms = must(parseGroups(synonymsText))

// Synonyms returns the English stems (Stem("en", …)) of the words that may
// stand for the word whose English stem is s ("taught": "train", "instruct",
// "cours"…), from the groups of en_synonyms.txt; nil for a word in no
// group. The result must not be changed.
func Synonyms(s string) []string { return synonyms[s] }
