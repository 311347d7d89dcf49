package bot

import "github.com/bwmarrin/discordgo"

// The languages of the bot's own words besides English: those of the
// Cuba–Azerbaijan community it serves.
var (
	spanish      = discordgo.SpanishES
	spanishLATAM = discordgo.SpanishLATAM // what Cuban members' clients use
	portuguese   = discordgo.PortugueseBR
)

// descriptionTranslations holds the Spanish and Portuguese of the command
// and option descriptions members see (by their English text).
var descriptionTranslations = map[string][2]string{
	"Ask about Cuba–Azerbaijan cooperation; the answer cites its sources": {
		"Pregunta sobre la cooperación Cuba–Azerbaiyán; la respuesta cita sus fuentes",
		"Pergunte sobre a cooperação Cuba–Azerbaijão; a resposta cita as fontes"},
	"Your question":               {"Tu pregunta", "Sua pergunta"},
	"Show the answer to you only": {"Mostrar la respuesta solo a ti", "Mostrar a resposta só para você"},
	"Only articles published on or after this date (YYYY-MM-DD)": {
		"Solo artículos publicados en esta fecha o después (AAAA-MM-DD)", "Só artigos publicados nesta data ou depois (AAAA-MM-DD)"},
	"Only articles published on or before this date (YYYY-MM-DD)": {
		"Solo artículos publicados en esta fecha o antes (AAAA-MM-DD)", "Só artigos publicados nesta data ou antes (AAAA-MM-DD)"},
	"Summarise a document, a topic, or what is new; every point is cited": {
		"Resume un documento, un tema o las novedades; cada punto cita su fuente",
		"Resume um documento, um tema ou as novidades; cada ponto cita a fonte"},
	"The dated events of the cooperation, in order, with their sources": {
		"Los hechos fechados de la cooperación, en orden, con sus fuentes",
		"Os fatos datados da cooperação, em ordem, com as fontes"},
	"List the documents the bot answers from": {
		"Lista los documentos de los que responde el bot", "Lista os documentos dos quais o bot responde"},
	"Page number": {"Número de página", "Número da página"},
	"What this bot covers, how it answers, and what it stores": {
		"Qué cubre este bot, cómo responde y qué guarda", "O que este bot cobre, como responde e o que guarda"},
	"Add and remove the documents the bot answers from (moderators)": {
		"Añade y quita los documentos de los que responde el bot (moderadores)",
		"Adiciona e remove os documentos dos quais o bot responde (moderadores)"},
}

// localize adds the Spanish and Portuguese descriptions (and, for message
// commands, names) to command definitions.
func localize(cmds []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
	for _, c := range cmds {
		if c.Type == discordgo.MessageApplicationCommand && c.Name == addMessageCommandName {
			c.NameLocalizations = &map[discordgo.Locale]string{spanish: "Añadir a documentos", spanishLATAM: "Añadir a documentos", portuguese: "Adicionar aos documentos"}
		}
		if tr, ok := descriptionTranslations[c.Description]; ok {
			c.DescriptionLocalizations = &map[discordgo.Locale]string{spanish: tr[0], spanishLATAM: tr[0], portuguese: tr[1]}
		}
		localizeOptions(c.Options)
	}
	return cmds
}

func localizeOptions(opts []*discordgo.ApplicationCommandOption) {
	for _, o := range opts {
		if tr, ok := descriptionTranslations[o.Description]; ok {
			o.DescriptionLocalizations = map[discordgo.Locale]string{spanish: tr[0], spanishLATAM: tr[0], portuguese: tr[1]}
		}
		localizeOptions(o.Options)
	}
}

// langOf is the language of the bot's fixed replies for a Discord locale:
// "es", "pt", or "en" for every other.
func langOf(locale discordgo.Locale) string {
	switch l := string(locale); {
	case len(l) >= 2 && l[:2] == "es":
		return "es"
	case len(l) >= 2 && l[:2] == "pt":
		return "pt"
	}
	return "en"
}

// fixedReplies holds the Spanish and Portuguese of the bot's fixed words
// (by their English text).
var fixedReplies = map[string][2]string{
	"Helpful":         {"Útil", "Útil"},
	"Not helpful":     {"No útil", "Não útil"},
	"Quotes":          {"Citas", "Citações"},
	"Ask a moderator": {"Preguntar a un moderador", "Perguntar a um moderador"},
	TitleGrounded:     {"Respuesta", "Resposta"},
	TitleNotGrounded:  {"No está en los documentos", "Não está nos documentos"},
	"Thanks! Recorded as **helpful**. You can change it below.": {
		"¡Gracias! Quedó registrada como **útil**. Puedes cambiarlo abajo.",
		"Obrigado! Ficou registrada como **útil**. Você pode mudar abaixo."},
	"Thanks! Recorded as **not helpful**. What was wrong with it? Moderators read the reasons to add missing documents.": {
		"¡Gracias! Quedó registrada como **no útil**. ¿Qué le faltó? Los moderadores leen los motivos para añadir los documentos que faltan.",
		"Obrigado! Ficou registrada como **não útil**. O que havia de errado? Os moderadores leem os motivos para adicionar os documentos que faltam."},
	"Thanks! Recorded as **not helpful**: %s. Moderators read the reasons to add missing documents.": {
		"¡Gracias! Quedó registrada como **no útil**: %s. Los moderadores leen los motivos para añadir los documentos que faltan.",
		"Obrigado! Ficou registrada como **não útil**: %s. Os moderadores leem os motivos para adicionar os documentos que faltam."},
	"A moderator can look at your question too.": {"Un moderador también puede ver tu pregunta.", "Um moderador também pode ver sua pergunta."},
	"Press **Not helpful** first, then say why.": {"Pulsa primero **No útil** y luego di por qué.", "Toque primeiro em **Não útil** e depois diga por quê."},
	"Why was it not helpful?":                    {"¿Por qué no fue útil?", "Por que não foi útil?"},
	"The answer is wrong":                        {"La respuesta es incorrecta", "A resposta está errada"},
	"It is out of date":                          {"Está desactualizada", "Está desatualizada"},
	"The documents do not cover it":              {"Los documentos no lo tratan", "Os documentos não tratam disso"},
	"It did not answer my question":              {"No respondió a mi pregunta", "Não respondeu à minha pergunta"},
	answerNotAvailable: {"Esa respuesta ya no está disponible, así que este botón ya no hace nada. Pregunta de nuevo con `/ask`.",
		"Essa resposta não está mais disponível, então este botão não faz mais nada. Pergunte de novo com `/ask`."},
	"Only the person who asked can stop this answer.": {"Solo quien preguntó puede detener esta respuesta.",
		"Só quem perguntou pode parar esta resposta."},
	"I don't know that command. Try /ask, /sources or /about.": {"No conozco ese comando. Prueba /ask, /sources o /about.",
		"Não conheço esse comando. Tente /ask, /sources ou /about."},
	"I don't know that document. Pick one from the list that appears as you type.": {
		"No conozco ese documento. Elige uno de la lista que aparece mientras escribes.",
		"Não conheço esse documento. Escolha um da lista que aparece enquanto você digita."},
	"This server has no moderator channel set up for questions, sorry.": {
		"Este servidor no tiene un canal de moderadores para preguntas, lo siento.",
		"Este servidor não tem um canal de moderadores para perguntas, desculpe."},
	errBusy.msg: {"Estoy respondiendo muchas preguntas ahora mismo. Vuelve a intentarlo en unos segundos.",
		"Estou respondendo muitas perguntas agora. Tente de novo em alguns segundos."},
	somethingWrong: {"Lo siento, algo falló de mi lado. Quedó registrado (ref %s).",
		"Desculpe, algo deu errado do meu lado. Ficou registrado (ref %s)."},
}

// tr returns english in lang, when it has a translation.
func tr(lang, english string) string {
	t, ok := fixedReplies[english]
	switch {
	case !ok || lang == "en" || lang == "":
		return english
	case lang == "es":
		return t[0]
	}
	return t[1]
}
