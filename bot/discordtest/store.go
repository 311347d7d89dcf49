package discordtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Permissions the fake grants: @everyone in GUILD_CREATE, and
// app_permissions of interactions that do not set them.
const defaultEveryonePermissions = discordgo.PermissionViewChannel |
	discordgo.PermissionSendMessages |
	discordgo.PermissionSendMessagesInThreads |
	discordgo.PermissionCreatePublicThreads |
	discordgo.PermissionEmbedLinks |
	discordgo.PermissionAttachFiles |
	discordgo.PermissionReadMessageHistory |
	discordgo.PermissionAddReactions |
	discordgo.PermissionUseExternalEmojis |
	discordgo.PermissionUseApplicationCommands

// Discord's message limits.
const (
	maxContent          = 2000
	maxEmbeds           = 10
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxEmbedFieldName   = 256
	maxEmbedFieldValue  = 1024
	maxEmbedFooter      = 2048
	maxEmbedAuthor      = 256
	maxEmbedTotal       = 6000
	maxActionRows       = 5
)

// storedMsg is a message as Discord JSON, so that nothing discordgo does
// not model (components) is lost.
type storedMsg struct {
	id, channelID string
	fields        map[string]json.RawMessage
	ephemeral     bool
	deleted       bool
	reactions     []*reaction
}

type reaction struct {
	key   string // as in the URL: "👍" or "name:id"
	emoji map[string]any
	users []string
}

func (m *storedMsg) encode() []byte {
	if len(m.reactions) > 0 {
		var rs []map[string]any
		for _, r := range m.reactions {
			me := false
			for _, u := range r.users {
				me = me || u == "@me"
			}
			rs = append(rs, map[string]any{
				"emoji": r.emoji, "count": len(r.users), "me": me,
				"count_details": map[string]int{"burst": 0, "normal": len(r.users)},
				"burst_colors":  []string{}, "me_burst": false, "burst_count": 0,
			})
		}
		m.fields["reactions"] = mustJSON(rs)
	} else {
		delete(m.fields, "reactions")
	}
	return mustJSON(m.fields)
}

func (m *storedMsg) message() *discordgo.Message {
	out, err := m.decode()
	if err != nil {
		panic("discordtest: stored message does not decode: " + err.Error())
	}
	return out
}

func (m *storedMsg) decode() (*discordgo.Message, error) {
	var out discordgo.Message
	if err := json.Unmarshal(m.encode(), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (m *storedMsg) clone() *storedMsg {
	c := *m
	c.fields = make(map[string]json.RawMessage, len(m.fields))
	for k, v := range m.fields {
		c.fields[k] = v
	}
	return &c
}

func (m *storedMsg) flags() int {
	var f int
	_ = json.Unmarshal(m.fields["flags"], &f)
	return f
}

func (m *storedMsg) authorID() string {
	var a struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(m.fields["author"], &a)
	return a.ID
}

func isNull(v json.RawMessage) bool {
	return len(v) == 0 || bytes.Equal(bytes.TrimSpace(v), []byte("null"))
}

// Messages returns the messages in a channel, oldest first, without the
// deleted ones. Ephemeral interaction responses are included (their Flags
// have discordgo.MessageFlagsEphemeral) though Discord shows them to one
// user only.
func (s *Server) Messages(channelID string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.Message
	for _, m := range s.chanMsgs[channelID] {
		if !m.deleted {
			out = append(out, m.message())
		}
	}
	return out
}

// Message returns a message by ID, including deleted and ephemeral ones.
func (s *Server) Message(id string) (*discordgo.Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[id]
	if !ok {
		return nil, false
	}
	return m.message(), true
}

func (s *Server) storeMessageLocked(m *storedMsg) {
	s.messages[m.id] = m
	s.chanMsgs[m.channelID] = append(s.chanMsgs[m.channelID], m)
	if ch, ok := s.channels[m.channelID]; ok && !m.ephemeral {
		ch.LastMessageID = m.id
		if ch.IsThread() {
			ch.MessageCount++
		}
	}
}

// AddChannel registers a channel (guild text channel, DM, thread, ...) so
// that the bot can GET it and post to it. An empty ID is filled with a new
// snowflake. A channel in a guild that exists when the bot identifies is
// sent to it in GUILD_CREATE.
func (s *Server) AddChannel(c *discordgo.Channel) {
	if c.ID == "" {
		c.ID = s.newID()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addChannelLocked(copyChannel(c))
}

func (s *Server) addChannelLocked(c *discordgo.Channel) {
	if _, ok := s.channels[c.ID]; !ok {
		s.chanOrder = append(s.chanOrder, c.ID)
	}
	for _, u := range c.Recipients {
		s.rememberUserLocked(u)
	}
	s.channels[c.ID] = c
}

// Channel returns a registered channel.
func (s *Server) Channel(id string) (*discordgo.Channel, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.channels[id]
	if !ok {
		return nil, false
	}
	return copyChannel(c), true
}

func copyChannel(c *discordgo.Channel) *discordgo.Channel {
	var out discordgo.Channel
	if err := json.Unmarshal(mustJSON(c), &out); err != nil {
		panic("discordtest: copy channel: " + err.Error())
	}
	return &out
}

// ensureChannelLocked registers channelID if it is unknown: a guild text
// channel when guildID is set, else a DM with user.
func (s *Server) ensureChannelLocked(channelID, guildID string, user *discordgo.User) {
	if channelID == "" {
		return
	}
	if _, ok := s.channels[channelID]; ok {
		return
	}
	c := &discordgo.Channel{ID: channelID, GuildID: guildID}
	if guildID != "" {
		c.Type = discordgo.ChannelTypeGuildText
		c.Name = "channel" + suffix(channelID)
		c.PermissionOverwrites = []*discordgo.PermissionOverwrite{}
	} else {
		c.Type = discordgo.ChannelTypeDM
		if user != nil {
			u := *user
			c.Recipients = []*discordgo.User{&u}
		}
	}
	s.addChannelLocked(c)
}

func (s *Server) guildOfLocked(channelID string) string {
	if c, ok := s.channels[channelID]; ok {
		return c.GuildID
	}
	return ""
}

var (
	userMention = regexp.MustCompile(`<@!?(\d+)>`)
	roleMention = regexp.MustCompile(`<@&(\d+)>`)
)

// mentionsLocked works out whom content pings, given allowed_mentions as
// sent: absent, or "parse" absent or null, means everything may ping (what
// Discord does for {"parse":null}); "parse":[] pings only the listed users
// and roles.
func (s *Server) mentionsLocked(content string, allowed json.RawMessage, replyTo *storedMsg) (users []*discordgo.User, roles []string, everyone bool) {
	parseAll := true
	var am struct {
		Parse       *[]string `json:"parse"`
		Users       []string  `json:"users"`
		Roles       []string  `json:"roles"`
		RepliedUser bool      `json:"replied_user"`
	}
	if !isNull(allowed) {
		_ = json.Unmarshal(allowed, &am)
		parseAll = am.Parse == nil
	}
	parse := map[string]bool{}
	if am.Parse != nil {
		for _, p := range *am.Parse {
			parse[p] = true
		}
	}
	in := func(list []string, x string) bool {
		for _, y := range list {
			if y == x {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	for _, m := range userMention.FindAllStringSubmatch(content, -1) {
		id := m[1]
		if seen[id] || !(parseAll || parse["users"] || in(am.Users, id)) {
			continue
		}
		seen[id] = true
		users = append(users, s.userLocked(id))
	}
	if replyTo != nil && (isNull(allowed) || am.RepliedUser) {
		if id := replyTo.authorID(); id != "" && !seen[id] {
			users = append(users, s.userLocked(id))
		}
	}
	for _, m := range roleMention.FindAllStringSubmatch(content, -1) {
		if parseAll || parse["roles"] || in(am.Roles, m[1]) {
			roles = append(roles, m[1])
		}
	}
	everyone = (parseAll || parse["everyone"]) &&
		(strings.Contains(content, "@everyone") || strings.Contains(content, "@here"))
	return users, roles, everyone
}

// newMessageLocked builds a message the bot sends, from a request payload.
// inter is set for interaction responses and followups.
func (s *Server) newMessageLocked(id, channelID string, payload map[string]json.RawMessage, files []upload, inter *interState) *storedMsg {
	now := time.Now()
	f := map[string]json.RawMessage{
		"id":               mustJSON(id),
		"channel_id":       mustJSON(channelID),
		"author":           mustJSON(s.botUser()),
		"content":          mustJSON(""),
		"embeds":           json.RawMessage("[]"),
		"components":       json.RawMessage("[]"),
		"attachments":      json.RawMessage("[]"),
		"mentions":         json.RawMessage("[]"),
		"mention_roles":    json.RawMessage("[]"),
		"mention_everyone": mustJSON(false),
		"tts":              mustJSON(false),
		"pinned":           mustJSON(false),
		"type":             mustJSON(discordgo.MessageTypeDefault),
		"flags":            mustJSON(0),
		"timestamp":        mustJSON(timestamp(now)),
		"edited_timestamp": json.RawMessage("null"),
	}
	if g := s.guildOfLocked(channelID); g != "" {
		f["guild_id"] = mustJSON(g)
	}
	for _, k := range []string{"content", "embeds", "components", "tts", "flags", "poll"} {
		if v, ok := payload[k]; ok && !isNull(v) {
			f[k] = v
		}
	}
	m := &storedMsg{id: id, channelID: channelID, fields: f}
	m.ephemeral = m.flags()&int(discordgo.MessageFlagsEphemeral) != 0
	if len(files) > 0 {
		f["attachments"] = mustJSON(s.attachments(channelID, files))
	}

	var replyTo *storedMsg
	if ref := payload["message_reference"]; !isNull(ref) {
		var r struct {
			MessageID string `json:"message_id"`
			ChannelID string `json:"channel_id"`
			GuildID   string `json:"guild_id"`
		}
		_ = json.Unmarshal(ref, &r)
		if r.ChannelID == "" {
			r.ChannelID = channelID
		}
		if r.GuildID == "" {
			r.GuildID = s.guildOfLocked(channelID)
		}
		f["message_reference"] = mustJSON(map[string]any{
			"type": 0, "message_id": r.MessageID, "channel_id": r.ChannelID, "guild_id": r.GuildID,
		})
		f["type"] = mustJSON(discordgo.MessageTypeReply)
		if rm, ok := s.messages[r.MessageID]; ok && !rm.deleted {
			replyTo = rm
			f["referenced_message"] = rm.encode()
		} else {
			f["referenced_message"] = json.RawMessage("null")
		}
	}
	s.setMentionsLocked(m, payload["allowed_mentions"], replyTo)

	if inter != nil {
		f["webhook_id"] = mustJSON(s.opts.AppID)
		f["application_id"] = mustJSON(s.opts.AppID)
		f["type"] = mustJSON(inter.messageType())
		f["interaction"] = mustJSON(map[string]any{
			"id": inter.id, "type": inter.typ, "name": inter.name, "user": inter.user,
		})
		f["interaction_metadata"] = mustJSON(map[string]any{
			"id": inter.id, "type": inter.typ, "user": inter.user,
			"authorizing_integration_owners": map[string]string{"0": inter.guildID},
		})
	}
	return m
}

func (s *Server) setMentionsLocked(m *storedMsg, allowed json.RawMessage, replyTo *storedMsg) {
	var content string
	_ = json.Unmarshal(m.fields["content"], &content)
	users, roles, everyone := s.mentionsLocked(content, allowed, replyTo)
	if users == nil {
		users = []*discordgo.User{}
	}
	if roles == nil {
		roles = []string{}
	}
	m.fields["mentions"] = mustJSON(users)
	m.fields["mention_roles"] = mustJSON(roles)
	m.fields["mention_everyone"] = mustJSON(everyone)
}

func (s *Server) attachments(channelID string, files []upload) []map[string]any {
	var out []map[string]any
	for _, f := range files {
		id := s.newID()
		ct := f.contentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		u := "https://cdn.discordapp.com/attachments/" + channelID + "/" + id + "/" + f.filename
		out = append(out, map[string]any{
			"id": id, "filename": f.filename, "size": len(f.data), "url": u,
			"proxy_url":    strings.Replace(u, "cdn.discordapp.com", "media.discordapp.net", 1),
			"content_type": ct,
		})
	}
	return out
}

// editedLocked returns a copy of m with an edit payload applied, as for
// PATCH on a message: fields present replace the old ones (null clears).
func (s *Server) editedLocked(m *storedMsg, payload map[string]json.RawMessage, files []upload) *storedMsg {
	e := m.clone()
	defaults := map[string]string{"content": `""`, "embeds": "[]", "components": "[]"}
	for k, def := range defaults {
		if v, ok := payload[k]; ok {
			if isNull(v) {
				v = json.RawMessage(def)
			}
			e.fields[k] = v
		}
	}
	if v, ok := payload["attachments"]; ok || len(files) > 0 {
		var old, keep []map[string]any
		_ = json.Unmarshal(e.fields["attachments"], &old)
		keep = old
		if ok {
			var want []struct {
				ID json.RawMessage `json:"id"`
			}
			_ = json.Unmarshal(v, &want)
			keep = nil
			for _, a := range old {
				for _, w := range want {
					var id string
					_ = json.Unmarshal(w.ID, &id)
					if id != "" && a["id"] == id {
						keep = append(keep, a)
					}
				}
			}
		}
		keep = append(keep, s.attachments(m.channelID, files)...)
		if keep == nil {
			keep = []map[string]any{}
		}
		e.fields["attachments"] = mustJSON(keep)
	}
	flags := e.flags()
	if flags&int(discordgo.MessageFlagsLoading) != 0 {
		flags &^= int(discordgo.MessageFlagsLoading)
		e.fields["flags"] = mustJSON(flags)
	} else {
		e.fields["edited_timestamp"] = mustJSON(timestamp(time.Now()))
	}
	if _, ok := payload["content"]; ok {
		s.setMentionsLocked(e, payload["allowed_mentions"], nil)
	}
	return e
}

// validateMessage checks a message against Discord's limits, answering
// like Discord does when one is exceeded.
func validateMessage(m *storedMsg) *response {
	if r := validateComponents(m.fields["components"], m.flags()); r != nil {
		return r
	}
	msg, err := m.decode()
	if err != nil {
		return formError("", "MODEL_TYPE_CONVERT", "Invalid message: "+err.Error())
	}
	if n := utf8.RuneCountInString(msg.Content); n > maxContent {
		return formError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
	}
	if len(msg.Embeds) > maxEmbeds {
		return formError("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
	}
	total := 0
	count := func(s string) int { n := utf8.RuneCountInString(s); total += n; return n }
	for i, e := range msg.Embeds {
		p := "embeds." + strconv.Itoa(i) + "."
		if count(e.Title) > maxEmbedTitle {
			return formError(p+"title", "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length.")
		}
		if count(e.Description) > maxEmbedDescription {
			return formError(p+"description", "BASE_TYPE_MAX_LENGTH", "Must be 4096 or fewer in length.")
		}
		if len(e.Fields) > maxEmbedFields {
			return formError(p+"fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
		}
		for j, fl := range e.Fields {
			fp := p + "fields." + strconv.Itoa(j) + "."
			switch {
			case fl.Name == "":
				return formError(fp+"name", "BASE_TYPE_REQUIRED", "This field is required")
			case fl.Value == "":
				return formError(fp+"value", "BASE_TYPE_REQUIRED", "This field is required")
			case count(fl.Name) > maxEmbedFieldName:
				return formError(fp+"name", "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length.")
			case count(fl.Value) > maxEmbedFieldValue:
				return formError(fp+"value", "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length.")
			}
		}
		if e.Footer != nil && count(e.Footer.Text) > maxEmbedFooter {
			return formError(p+"footer.text", "BASE_TYPE_MAX_LENGTH", "Must be 2048 or fewer in length.")
		}
		if e.Author != nil && count(e.Author.Name) > maxEmbedAuthor {
			return formError(p+"author.name", "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length.")
		}
	}
	if total > maxEmbedTotal {
		return formError("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
	}
	if msg.Content == "" && len(msg.Embeds) == 0 && len(msg.Attachments) == 0 &&
		len(msg.Components) == 0 && msg.Poll == nil {
		r := apiError(http.StatusBadRequest, 50006, "Cannot send an empty message")
		return &r
	}
	return nil
}

func validateComponents(raw json.RawMessage, flags int) *response {
	if flags&int(discordgo.MessageFlagsIsComponentsV2) != 0 {
		return nil // layout components: not checked
	}
	var rows []struct {
		Type       int `json:"type"`
		Components []struct {
			Type     int    `json:"type"`
			Style    int    `json:"style"`
			CustomID string `json:"custom_id"`
			Label    string `json:"label"`
			URL      string `json:"url"`
			// A string select menu's.
			Placeholder string `json:"placeholder"`
			Options     []struct {
				Label string `json:"label"`
				Value string `json:"value"`
			} `json:"options"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &rows); err != nil {
		return formError("components", "MODEL_TYPE_CONVERT", "Only iterables may be used in a ListType")
	}
	if len(rows) > maxActionRows {
		return formError("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
	}
	ids := map[string]bool{}
	for i, row := range rows {
		p := "components." + strconv.Itoa(i) + "."
		if row.Type != int(discordgo.ActionsRowComponent) {
			return formError(p+"type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).")
		}
		if len(row.Components) < 1 || len(row.Components) > 5 {
			return formError(p+"components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
		}
		for j, c := range row.Components {
			cp := p + "components." + strconv.Itoa(j) + "."
			if c.Type == int(discordgo.ButtonComponent) && c.Style == int(discordgo.LinkButton) {
				if c.URL == "" {
					return formError(cp+"url", "BUTTON_COMPONENT_URL_REQUIRED", "A url is required")
				}
				continue
			}
			if c.CustomID == "" {
				return formError(cp+"custom_id", "BASE_TYPE_REQUIRED", "This field is required")
			}
			if utf8.RuneCountInString(c.CustomID) > 100 {
				return formError(cp+"custom_id", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
			}
			if ids[c.CustomID] {
				return formError(cp+"custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
			}
			ids[c.CustomID] = true
			if utf8.RuneCountInString(c.Label) > 80 {
				return formError(cp+"label", "BASE_TYPE_MAX_LENGTH", "Must be 80 or fewer in length.")
			}
			if c.Type == int(discordgo.SelectMenuComponent) {
				if r := validateSelect(p, cp, len(row.Components), c.Placeholder, len(c.Options), func(k int) (string, string) {
					return c.Options[k].Label, c.Options[k].Value
				}); r != nil {
					return r
				}
			}
		}
	}
	return nil
}

// validateSelect checks a string select menu as Discord does: alone in its
// row, a placeholder of at most 150 characters, 1 to 25 options of distinct
// values, each label and value at most 100 characters.
func validateSelect(rowPath, path string, inRow int, placeholder string, n int, option func(int) (label, value string)) *response {
	if inRow != 1 {
		return formError(rowPath+"components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width")
	}
	if utf8.RuneCountInString(placeholder) > 150 {
		return formError(path+"placeholder", "BASE_TYPE_MAX_LENGTH", "Must be 150 or fewer in length.")
	}
	if n < 1 || n > 25 {
		return formError(path+"options", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.")
	}
	values := map[string]bool{}
	for k := 0; k < n; k++ {
		label, value := option(k)
		op := path + "options." + strconv.Itoa(k) + "."
		if label == "" || utf8.RuneCountInString(label) > 100 {
			return formError(op+"label", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
		}
		if value == "" || utf8.RuneCountInString(value) > 100 {
			return formError(op+"value", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
		}
		if values[value] {
			return formError(op+"value", "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Select component option value cannot be duplicated")
		}
		values[value] = true
	}
	return nil
}

// Commands returns the application commands last registered by bulk
// overwrite, for a guild or, with guildID "", the global ones.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.ApplicationCommand
	for _, raw := range s.commands[guildID] {
		var c discordgo.ApplicationCommand
		if err := json.Unmarshal(raw, &c); err == nil {
			out = append(out, &c)
		}
	}
	return out
}

var (
	chatNameRE    = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)
	contextNameRE = regexp.MustCompile(`^[-_ \p{L}\p{N}]{1,32}$`)
)

// validateCommands checks a bulk overwrite as Discord does (the common
// rules, not every one).
func validateCommands(cmds []*discordgo.ApplicationCommand) *response {
	if len(cmds) > 100 {
		return formError("", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
	names := map[string]bool{}
	for i, c := range cmds {
		p := strconv.Itoa(i) + "."
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		key := strconv.Itoa(int(typ)) + "/" + c.Name
		if names[key] {
			return formError(p+"name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		names[key] = true
		if typ != discordgo.ChatApplicationCommand {
			if !contextNameRE.MatchString(c.Name) {
				return formError(p+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
			}
			if c.Description != "" {
				return formError(p+"description", "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", "Context menu commands cannot have description")
			}
			continue
		}
		if !chatNameRE.MatchString(c.Name) || strings.ToLower(c.Name) != c.Name {
			return formError(p+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 100 {
			return formError(p+"description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
		}
		if r := validateOptions(p+"options.", c.Options); r != nil {
			return r
		}
	}
	return nil
}

func validateOptions(p string, opts []*discordgo.ApplicationCommandOption) *response {
	if len(opts) > 25 {
		return formError(strings.TrimSuffix(p, "."), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
	}
	names := map[string]bool{}
	optional := false
	for i, o := range opts {
		op := p + strconv.Itoa(i) + "."
		if !chatNameRE.MatchString(o.Name) || strings.ToLower(o.Name) != o.Name {
			return formError(op+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
		}
		if names[o.Name] {
			return formError(op+"name", "APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME", "Command option names must be unique")
		}
		names[o.Name] = true
		if n := utf8.RuneCountInString(o.Description); n < 1 || n > 100 {
			return formError(op+"description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
		}
		if o.Required && optional {
			return formError(op+"required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options")
		}
		optional = optional || !o.Required
		if len(o.Choices) > 25 {
			return formError(op+"choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
		}
		if len(o.Choices) > 0 && o.Autocomplete {
			return formError(op+"autocomplete", "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE", "Autocomplete cannot be set on options with choices")
		}
		if o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
			if r := validateOptions(op+"options.", o.Options); r != nil {
				return r
			}
		}
	}
	return nil
}

// snowflakeLess compares two snowflakes numerically.
func snowflakeLess(a, b string) bool {
	x, _ := strconv.ParseUint(a, 10, 64)
	y, _ := strconv.ParseUint(b, 10, 64)
	return x < y
}

func sortNewestFirst(ms []*storedMsg) {
	sort.Slice(ms, func(i, j int) bool { return snowflakeLess(ms[j].id, ms[i].id) })
}
