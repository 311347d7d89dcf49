package lang

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// StemEnglish is the English stem of a lower-cased, folded word: the
// snowball (Porter2) stem of the word, or of its base form when it is the
// past tense or past participle of an irregular verb, so that a question's
// "did they buy" meets the article's "bought" ("buy"), "lead" meets "led".
func StemEnglish(word string) string {
	if base, ok := irregular[word]; ok {
		word = base
	}
	return english.Stem(word, false)
}

// irregular maps the past forms of English irregular verbs to their base
// form. Forms that are more often another word in news writing ("found",
// "ground", "saw", "lay", "rose", "wound", "bound", "born", "bore", "felt",
// "thought") are left out.
var irregular = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(irregularForms), "\n") {
		f := strings.Fields(line)
		for _, past := range f[1:] {
			m[past] = f[0]
		}
	}
	return m
}()

// irregularForms: a base form, then its past forms, a verb a line.
const irregularForms = `
arise arose arisen
awake awoke awoken
beat beaten
become became
begin began begun
bend bent
bite bit bitten
blow blew blown
break broke broken
breed bred
bring brought
build built
burn burnt
buy bought
catch caught
choose chose chosen
come came
creep crept
deal dealt
dig dug
draw drew drawn
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
feed fed
fight fought
flee fled
fly flew flown
forbid forbade forbidden
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
give gave given
go went gone
grow grew grown
hang hung
hear heard
hide hid hidden
hold held
keep kept
kneel knelt
know knew known
lay laid
lead led
leap leapt
learn learnt
leave left
lend lent
light lit
lose lost
make made
mean meant
meet met
mistake mistook mistaken
overcome overcame
oversee oversaw overseen
overtake overtook overtaken
pay paid
ride rode ridden
ring rang rung
run ran
say said
see seen
seek sought
sell sold
send sent
shake shook shaken
shine shone
shoot shot
show shown
sing sang sung
sink sank sunk
sit sat
sleep slept
speak spoke spoken
speed sped
spend spent
spin spun
spring sprang sprung
stand stood
steal stole stolen
stick stuck
sting stung
strike struck stricken
strive strove striven
swear swore sworn
sweep swept
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
tell told
throw threw thrown
undergo underwent undergone
understand understood
undertake undertook undertaken
uphold upheld
wake woke woken
wear wore worn
weep wept
win won
withdraw withdrew withdrawn
withhold withheld
write wrote written
`
