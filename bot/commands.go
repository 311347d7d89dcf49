package bot

import "github.com/bwmarrin/discordgo"

func commandDefinitions(maxQuestion int) []*discordgo.ApplicationCommand {
	dm := true
	minLen, minPage := 1, 1.0
	return []*discordgo.ApplicationCommand{
		{
			Name:         "ask",
			Description:  "Ask about Cuba–Azerbaijan cooperation; the answer cites its sources",
			DMPermission: &dm,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question",
					Required: true, MinLength: &minLen, MaxLength: maxQuestion},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the answer to you only"},
			},
		},
		{
			Name:         "sources",
			Description:  "List the documents the bot answers from",
			DMPermission: &dm,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "page", Description: "Page number", MinValue: &minPage},
			},
		},
		{
			Name:         "about",
			Description:  "What this bot covers, how it answers, and what it stores",
			DMPermission: &dm,
		},
	}
}
