package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// echo is a gateway event caused by a REST call, for the sessions whose
// intents include need.
type echo struct {
	event   string
	data    []byte
	blanked []byte // for sessions without the MESSAGE_CONTENT intent; nil: same as data
	need    int64
	guild   string // the guild it concerns, "" for DMs: routes it to a shard
}

// send broadcasts an echo (nil: nothing). It returns ErrNoGateway when no
// client has identified.
func (s *Server) send(e *echo) error {
	if e == nil {
		return nil
	}
	return s.broadcast(e.event, s.shardRoute(e.guild), func(intents int64) ([]byte, bool) {
		if e.need != 0 && intents&e.need == 0 {
			return nil, false
		}
		if e.blanked != nil && intents&int64(discordgo.IntentsMessageContent) == 0 {
			return e.blanked, true
		}
		return e.data, true
	})
}

func (s *Server) messageIntentLocked(m *storedMsg) int64 {
	if s.guildOfLocked(m.channelID) != "" || !isNull(m.fields["guild_id"]) {
		return int64(discordgo.IntentsGuildMessages)
	}
	return int64(discordgo.IntentsDirectMessages)
}

// messageEchoLocked is the MESSAGE_CREATE or MESSAGE_UPDATE Discord sends
// for m; nil for ephemeral messages.
func (s *Server) messageEchoLocked(event string, m *storedMsg) *echo {
	if m.ephemeral {
		return nil
	}
	e := &echo{event: event, data: m.encode(), need: s.messageIntentLocked(m), guild: s.guildOfLocked(m.channelID)}
	if e.need == int64(discordgo.IntentsGuildMessages) && m.authorID() != s.opts.BotID && !s.mentionsBot(m) {
		b := m.clone()
		b.fields["content"] = mustJSON("")
		b.fields["embeds"] = json.RawMessage("[]")
		b.fields["attachments"] = json.RawMessage("[]")
		b.fields["components"] = json.RawMessage("[]")
		delete(b.fields, "poll")
		e.blanked = b.encode()
	}
	return e
}

func (s *Server) mentionsBot(m *storedMsg) bool {
	var users []struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(m.fields["mentions"], &users)
	for _, u := range users {
		if u.ID == s.opts.BotID {
			return true
		}
	}
	return false
}

func (s *Server) deleteEchoLocked(m *storedMsg) *echo {
	if m.ephemeral {
		return nil
	}
	d := map[string]string{"id": m.id, "channel_id": m.channelID}
	if g := s.guildOfLocked(m.channelID); g != "" {
		d["guild_id"] = g
	}
	return &echo{event: "MESSAGE_DELETE", data: mustJSON(d), need: s.messageIntentLocked(m), guild: d["guild_id"]}
}

func threadEcho(th *discordgo.Channel) *echo {
	return &echo{
		event: "THREAD_CREATE",
		data:  mustJSON(discordgo.ThreadCreate{Channel: th, NewlyCreated: true}),
		need:  int64(discordgo.IntentsGuilds),
		guild: th.GuildID,
	}
}

// marshalMessage encodes m as Discord JSON. discordgo's Message does not
// marshal its components (the field is tagged "-"), so they are added here.
func marshalMessage(m *discordgo.Message) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	f := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	comps := m.Components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	if f["components"], err = json.Marshal(comps); err != nil {
		return nil, err
	}
	return f, nil
}

// marshalInteraction encodes i as Discord JSON, with the parts discordgo
// does not marshal (components of the message and of modal data).
func marshalInteraction(i *discordgo.Interaction) ([]byte, error) {
	b, err := json.Marshal(i)
	if err != nil {
		return nil, err
	}
	f := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	if i.Message != nil {
		m, err := marshalMessage(i.Message)
		if err != nil {
			return nil, err
		}
		f["message"] = mustJSON(m)
	}
	if d, ok := i.Data.(discordgo.ModalSubmitInteractionData); ok {
		comps := d.Components
		if comps == nil {
			comps = []discordgo.MessageComponent{}
		}
		f["data"] = mustJSON(map[string]any{"custom_id": d.CustomID, "components": comps})
	}
	return json.Marshal(f)
}

// SendInteraction dispatches INTERACTION_CREATE for i, as a user invoking a
// command, clicking a button or typing an autocompleted option would. It
// fills in place, if empty: ID, Token (fresh for each interaction), AppID,
// Version (1), Locale ("en-US"), AppPermissions (what a bot usually has in
// a text channel), the command ID (from the registered commands when the
// name matches), and for components the channel and guild of the message.
// i must have a Member (see InGuild) or a User (see InDM) and a channel.
// Unknown channels, and a component's message, are registered. It returns
// the filled interaction, and ErrNoGateway when no client has identified.
func (s *Server) SendInteraction(i *discordgo.Interaction) (*discordgo.Interaction, error) {
	if i == nil {
		return nil, errors.New("send interaction: nil interaction")
	}
	if i.Message != nil {
		if i.ChannelID == "" {
			i.ChannelID = i.Message.ChannelID
		}
		if i.GuildID == "" {
			i.GuildID = i.Message.GuildID
		}
	}
	var user *discordgo.User
	switch {
	case i.Member != nil && i.Member.User == nil:
		return nil, errors.New("send interaction: Member has no User")
	case i.Member != nil && i.GuildID == "":
		return nil, errors.New("send interaction: Member set without GuildID")
	case i.Member != nil:
		user = i.Member.User
	case i.User != nil:
		user = i.User
	default:
		return nil, errors.New("send interaction: neither Member nor User is set (use InGuild or InDM)")
	}
	if i.ChannelID == "" {
		return nil, errors.New("send interaction: no ChannelID")
	}
	if i.ID == "" {
		i.ID = s.newID()
	}
	if i.Token == "" {
		i.Token = randomToken()
	}
	if i.AppID == "" {
		i.AppID = s.opts.AppID
	}
	if i.Version == 0 {
		i.Version = 1
	}
	if i.Locale == "" {
		i.Locale = discordgo.EnglishUS
	}
	if i.AppPermissions == 0 {
		i.AppPermissions = defaultEveryonePermissions
	}
	if i.Entitlements == nil {
		i.Entitlements = []*discordgo.Entitlement{}
	}

	s.mu.Lock()
	raw, err := s.registerInteractionLocked(i, user)
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("send interaction: %w", err)
	}
	if err := s.broadcast("INTERACTION_CREATE", s.shardRoute(i.GuildID), func(int64) ([]byte, bool) { return raw, true }); err != nil {
		return i, fmt.Errorf("send interaction: %w", err)
	}
	return i, nil
}

// registerInteractionLocked completes i, remembers it for the callback and
// webhook routes, and returns its JSON.
func (s *Server) registerInteractionLocked(i *discordgo.Interaction, user *discordgo.User) ([]byte, error) {
	if _, dup := s.interactions[i.Token]; dup {
		return nil, fmt.Errorf("token %q already used", i.Token)
	}
	st := &interState{
		id: i.ID, token: i.Token, typ: i.Type, user: user,
		guildID: i.GuildID, channelID: i.ChannelID, msgs: map[string]bool{},
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		var d discordgo.ApplicationCommandInteractionData
		switch v := i.Data.(type) {
		case discordgo.ApplicationCommandInteractionData:
			d = v
		case *discordgo.ApplicationCommandInteractionData:
			d = *v
		default:
			return nil, fmt.Errorf("type %v needs ApplicationCommandInteractionData, have %T", i.Type, i.Data)
		}
		if d.CommandType == 0 {
			d.CommandType = discordgo.ChatApplicationCommand
		}
		if d.ID == "" {
			d.ID = s.commandIDLocked(i.GuildID, d.Name, d.CommandType)
		}
		i.Data = d
		st.name, st.cmdType = d.Name, d.CommandType
	case discordgo.InteractionMessageComponent:
		if i.Message == nil {
			return nil, errors.New("a message component interaction needs Message")
		}
	case discordgo.InteractionModalSubmit:
	default:
		return nil, fmt.Errorf("unsupported type %v", i.Type)
	}

	s.rememberUserLocked(user)
	s.ensureChannelLocked(i.ChannelID, i.GuildID, user)
	if i.Message != nil {
		if err := s.adoptMessageLocked(i.Message, i.ChannelID, i.GuildID); err != nil {
			return nil, err
		}
		st.componentMsg = i.Message.ID
	}
	raw, err := marshalInteraction(i)
	if err != nil {
		return nil, err
	}
	s.interactions[i.Token] = st
	return raw, nil
}

// adoptMessageLocked stores a message the test made up (the message of a
// button) unless the fake knows it already.
func (s *Server) adoptMessageLocked(m *discordgo.Message, channelID, guildID string) error {
	if m.ID == "" {
		m.ID = s.newID()
	}
	if m.ChannelID == "" {
		m.ChannelID = channelID
	}
	if m.GuildID == "" {
		m.GuildID = guildID
	}
	if m.Timestamp.IsZero() {
		m.Timestamp = time.Now().UTC()
	}
	if m.Author == nil {
		m.Author = s.botUser()
	}
	if _, ok := s.messages[m.ID]; ok {
		return nil
	}
	f, err := marshalMessage(m)
	if err != nil {
		return err
	}
	s.storeMessageLocked(&storedMsg{id: m.ID, channelID: m.ChannelID, fields: f,
		ephemeral: m.Flags&discordgo.MessageFlagsEphemeral != 0})
	return nil
}

func (s *Server) commandIDLocked(guildID, name string, typ discordgo.ApplicationCommandType) string {
	for _, scope := range []string{guildID, ""} {
		for _, raw := range s.commands[scope] {
			var c discordgo.ApplicationCommand
			if json.Unmarshal(raw, &c) == nil && c.Name == name && c.Type == typ {
				return c.ID
			}
		}
		if guildID == "" {
			break
		}
	}
	return s.newID()
}

// SendMessage dispatches MESSAGE_CREATE for a message a user posts, and
// stores it so that the bot can GET it, reply to it or start a thread from
// it. m needs ChannelID and Author. It fills in place, if empty: ID,
// Timestamp, GuildID (from the channel), Type (reply when MessageReference
// is set), Member (guild messages) and Mentions, MentionRoles and
// MentionEveryone (parsed from the content, as Discord does). An unknown
// channel is registered. Sessions without the intent for the channel get
// nothing, and guild messages reach sessions without the MessageContent
// intent blanked unless they mention the bot (see the package doc). It
// returns ErrNoGateway when no client has identified.
func (s *Server) SendMessage(m *discordgo.Message) (*discordgo.Message, error) {
	if m == nil || m.ChannelID == "" || m.Author == nil {
		return nil, errors.New("send message: ChannelID and Author are required")
	}
	if m.ID == "" {
		m.ID = s.newID()
	}
	if m.Timestamp.IsZero() {
		m.Timestamp = time.Now().UTC()
	}
	s.mu.Lock()
	if _, dup := s.messages[m.ID]; dup {
		s.mu.Unlock()
		return nil, fmt.Errorf("send message: ID %s already used", m.ID)
	}
	s.rememberUserLocked(m.Author)
	s.ensureChannelLocked(m.ChannelID, m.GuildID, m.Author)
	if m.GuildID == "" {
		m.GuildID = s.guildOfLocked(m.ChannelID)
	}
	if m.GuildID != "" && m.Member == nil {
		m.Member = &discordgo.Member{Roles: []string{}, JoinedAt: m.Timestamp.Add(-24 * time.Hour)}
	}
	var replyTo *storedMsg
	if m.MessageReference != nil {
		if m.Type == discordgo.MessageTypeDefault {
			m.Type = discordgo.MessageTypeReply
		}
		replyTo = s.messages[m.MessageReference.MessageID]
		if replyTo != nil && m.ReferencedMessage == nil {
			m.ReferencedMessage = replyTo.message()
		}
	}
	if m.Mentions == nil {
		users, roles, everyone := s.mentionsLocked(m.Content, nil, replyTo)
		m.Mentions = users
		if m.MentionRoles == nil {
			m.MentionRoles = roles
		}
		m.MentionEveryone = m.MentionEveryone || everyone
	}
	f, err := marshalMessage(m)
	if err != nil {
		s.mu.Unlock()
		return nil, fmt.Errorf("send message: %w", err)
	}
	sm := &storedMsg{id: m.ID, channelID: m.ChannelID, fields: f}
	s.storeMessageLocked(sm)
	ev := s.messageEchoLocked("MESSAGE_CREATE", sm)
	s.mu.Unlock()
	if err := s.send(ev); err != nil {
		return m, fmt.Errorf("send message: %w", err)
	}
	return m, nil
}

// SlashCommand builds a chat input command interaction (type 2, data type
// 1) with these options. Set where it comes from with InGuild or InDM.
func SlashCommand(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		Type: discordgo.InteractionApplicationCommand,
		Data: discordgo.ApplicationCommandInteractionData{
			Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts,
		},
	}
}

// Autocomplete builds an autocomplete interaction (type 4) for a command.
// The option with Focused set is the one being typed; if none is, the last
// option (inside subcommands, the last leaf) is marked focused.
func Autocomplete(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	if !anyFocused(opts) {
		last := opts
		for len(last) > 0 {
			o := last[len(last)-1]
			if len(o.Options) == 0 {
				o.Focused = true
				break
			}
			last = o.Options
		}
	}
	i := SlashCommand(name, opts...)
	i.Type = discordgo.InteractionApplicationCommandAutocomplete
	return i
}

func anyFocused(opts []*discordgo.ApplicationCommandInteractionDataOption) bool {
	for _, o := range opts {
		if o.Focused || anyFocused(o.Options) {
			return true
		}
	}
	return false
}

// Button builds a button click (type 3, component type 2) on message.
// Set who clicks with InGuild or InDM; the channel defaults to the
// message's.
func Button(customID string, message *discordgo.Message) *discordgo.Interaction {
	return &discordgo.Interaction{
		Type: discordgo.InteractionMessageComponent,
		Data: discordgo.MessageComponentInteractionData{
			CustomID: customID, ComponentType: discordgo.ButtonComponent,
		},
		Message: message,
	}
}

// Select is the interaction of a choice in a string select menu of
// message.
func Select(customID string, values []string, message *discordgo.Message) *discordgo.Interaction {
	return &discordgo.Interaction{
		Type: discordgo.InteractionMessageComponent,
		Data: discordgo.MessageComponentInteractionData{
			CustomID: customID, ComponentType: discordgo.SelectMenuComponent, Values: values,
		},
		Message: message,
	}
}

// InGuild makes i come from a member of a guild, in a channel, with these
// permissions (i.Member.Permissions; the bot's are in i.AppPermissions).
// An unknown channel is registered as a guild text channel.
func (s *Server) InGuild(i *discordgo.Interaction, guildID, channelID, userID string, permissions int64) *discordgo.Interaction {
	s.mu.Lock()
	u := s.userLocked(userID)
	s.rememberUserLocked(u)
	s.ensureChannelLocked(channelID, guildID, nil)
	s.mu.Unlock()
	loc := discordgo.EnglishUS
	i.GuildID, i.ChannelID = guildID, channelID
	i.Member = &discordgo.Member{
		User: u, Roles: []string{}, Permissions: permissions,
		JoinedAt: time.Now().UTC().Add(-24 * time.Hour).Truncate(time.Second),
	}
	i.User = nil
	i.Context = discordgo.InteractionContextGuild
	i.GuildLocale = &loc
	return i
}

// InDM makes i come from a user in a DM with the bot. An unknown channel
// is registered as a DM with that user.
func (s *Server) InDM(i *discordgo.Interaction, channelID, userID string) *discordgo.Interaction {
	s.mu.Lock()
	u := s.userLocked(userID)
	s.rememberUserLocked(u)
	s.ensureChannelLocked(channelID, "", u)
	s.mu.Unlock()
	i.GuildID, i.ChannelID = "", channelID
	i.User = u
	i.Member = nil
	i.Context = discordgo.InteractionContextBotDM
	i.GuildLocale = nil
	return i
}

// StringOption is a string option (type 3) as a user filled it in.
func StringOption(name, value string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{
		Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value,
	}
}

// BoolOption is a boolean option (type 5).
func BoolOption(name string, value bool) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{
		Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: value,
	}
}

// SubCommand is a subcommand option (type 1) holding its own options.
func SubCommand(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{
		Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts,
	}
}
