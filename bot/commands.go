package bot

import "github.com/bwmarrin/discordgo"

func commandDefinitions(maxQuestion int) []*discordgo.ApplicationCommand {
	everywhere := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	minLen, minPage := 1, 1.0
	return []*discordgo.ApplicationCommand{
		{
			Name:        "ask",
			Description: "Ask about Cuba–Azerbaijan cooperation; the answer cites its sources",
			Contexts:    everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question",
					Required: true, MinLength: &minLen, MaxLength: maxQuestion},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Show the answer to you only"},
				{Type: discordgo.ApplicationCommandOptionString, Name: "since", Description: "Only articles published on or after this date (YYYY-MM-DD)", MaxLength: 10},
				{Type: discordgo.ApplicationCommandOptionString, Name: "until", Description: "Only articles published on or before this date (YYYY-MM-DD)", MaxLength: 10},
			},
		},
		{
			Name:        "summary",
			Description: "Summarise a document, a topic, or what is new; every point is cited",
			Contexts:    everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "document", Description: "Summarise one whole document",
					Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: "document",
						Description: "The document (type to search titles)", Required: true, Autocomplete: true}}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "topic", Description: "Summarise what the documents say about a topic",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "The topic", Required: true, MaxLength: maxQuestion},
						{Type: discordgo.ApplicationCommandOptionString, Name: "since", Description: "Published on or after (YYYY-MM-DD)", MaxLength: 10},
						{Type: discordgo.ApplicationCommandOptionString, Name: "until", Description: "Published on or before (YYYY-MM-DD)", MaxLength: 10},
					}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "recent", Description: "What was published or added lately",
					Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionInteger, Name: "days",
						Description: "How many days back (default 30)", MinValue: &minPage, MaxValue: 3650}}},
			},
		},
		{
			Name:        "timeline",
			Description: "The dated events of the cooperation, in order, with their sources",
			Contexts:    everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "Only events about this topic", MaxLength: maxQuestion},
			},
		},
		{
			Name:        "sources",
			Description: "List the documents the bot answers from",
			Contexts:    everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "page", Description: "Page number", MinValue: &minPage},
			},
		},
		{
			Name:        "about",
			Description: "What this bot covers, how it answers, and what it stores",
			Contexts:    everywhere,
		},
		docCommand(),
		addMessageCommand(),
	}
}

// addMessageCommand is the moderators' message command that adds a
// message (its text, or its attachment) to the documents.
func addMessageCommand() *discordgo.ApplicationCommand {
	perm := int64(discordgo.PermissionManageGuild)
	return &discordgo.ApplicationCommand{
		Name: addMessageCommandName, Type: discordgo.MessageApplicationCommand,
		Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		DefaultMemberPermissions: &perm,
	}
}

const addMessageCommandName = "Add to documents"

// docCommand is the moderators' command. Discord hides it from members
// without Manage Server; the bot checks permissions on every call anyway.
func docCommand() *discordgo.ApplicationCommand {
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	perm := int64(discordgo.PermissionManageGuild)
	minPage := 1.0
	docOpt := func(desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "document",
			Description: desc, Required: true, Autocomplete: true}
	}
	str := func(name, desc string, max int) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, MaxLength: max}
	}
	return &discordgo.ApplicationCommand{
		Name:                     "doc",
		Description:              "Add and remove the documents the bot answers from (moderators)",
		Contexts:                 guildOnly,
		DefaultMemberPermissions: &perm,
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Description: "Add a document from a link, a file or pasted text (shows a preview first)",
				Options: []*discordgo.ApplicationCommandOption{
					str("url", "Link to the article (http or https)", 2048),
					{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "A text, Markdown, HTML or PDF file"},
					str("text", "The article text, pasted", 6000),
					str("title", "Title (when the document has none, or to replace it)", 256),
					str("outlet", "Outlet, e.g. Radio Habana Cuba", 100),
					str("published", "Publication date, YYYY-MM-DD", 10),
					str("language", "Language code, e.g. en or es", 8),
				}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "Remove a document",
				Options: []*discordgo.ApplicationCommandOption{docOpt("The document to remove")}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "List this server's documents",
				Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionInteger, Name: "page", Description: "Page number", MinValue: &minPage}}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "show", Description: "Show a document's details",
				Options: []*discordgo.ApplicationCommandOption{docOpt("The document to show")}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "history", Description: "Who added or removed what, and when"},
		},
	}
}
