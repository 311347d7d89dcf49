package discordtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

type response struct {
	status int
	header http.Header
	body   []byte
}

func jsonResponse(status int, v any) response {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	var body []byte
	switch b := v.(type) {
	case []byte:
		body = b
	case json.RawMessage:
		body = b
	default:
		body = mustJSON(v)
	}
	return response{status: status, header: h, body: body}
}

func noContent() response { return response{status: http.StatusNoContent} }

func apiError(status, code int, message string) response {
	return jsonResponse(status, map[string]any{"message": message, "code": code})
}

// formError is Discord's 400 Invalid Form Body with one error at path
// ("embeds.0.title"; "" for the body itself).
func formError(path, code, message string) *response {
	var errs any = map[string]any{"_errors": []map[string]string{{"code": code, "message": message}}}
	if path != "" {
		parts := strings.Split(path, ".")
		for i := len(parts) - 1; i >= 0; i-- {
			errs = map[string]any{parts[i]: errs}
		}
	}
	r := jsonResponse(http.StatusBadRequest, map[string]any{
		"message": "Invalid Form Body", "code": discordgo.ErrCodeInvalidFormBody, "errors": errs,
	})
	return &r
}

var (
	errUnknownChannel = apiError(http.StatusNotFound, discordgo.ErrCodeUnknownChannel, "Unknown Channel")
	errUnknownMessage = apiError(http.StatusNotFound, discordgo.ErrCodeUnknownMessage, "Unknown Message")
	errUnknownWebhook = apiError(http.StatusNotFound, discordgo.ErrCodeUnknownWebhook, "Unknown Webhook")
	errMissingAccess  = apiError(http.StatusForbidden, discordgo.ErrCodeMissingAccess, "Missing Access")
	errChannelType    = apiError(http.StatusBadRequest, discordgo.ErrCodeCannotExecuteActionOnThisChannelType, "Cannot execute action on this channel type")
)

type handler func(s *Server, req *Request, params []string) response

type route struct {
	method, pattern string
	auth            bool // needs "Authorization: Bot ..."
	h               handler
}

// routes, relative to /api/v9. The first whose method and pattern match
// serves the request.
var routes = []route{
	{"GET", "/gateway", false, (*Server).getGateway},
	{"GET", "/gateway/bot", true, (*Server).getGatewayBot},
	{"GET", "/users/@me", true, (*Server).getMe},
	{"GET", "/users/{}", true, (*Server).getUser},
	{"POST", "/users/@me/channels", true, (*Server).createDM},
	{"GET", "/applications/{}/commands", true, (*Server).listCommands},
	{"PUT", "/applications/{}/commands", true, (*Server).putCommands},
	{"GET", "/applications/{}/guilds/{}/commands", true, (*Server).listCommands},
	{"PUT", "/applications/{}/guilds/{}/commands", true, (*Server).putCommands},
	{"POST", "/interactions/{}/{}/callback", false, (*Server).interactionCallback},
	{"POST", "/webhooks/{}/{}", false, (*Server).executeWebhook},
	{"GET", "/webhooks/{}/{}/messages/{}", false, (*Server).getWebhookMessage},
	{"PATCH", "/webhooks/{}/{}/messages/{}", false, (*Server).editWebhookMessage},
	{"DELETE", "/webhooks/{}/{}/messages/{}", false, (*Server).deleteWebhookMessage},
	{"GET", "/channels/{}", true, (*Server).getChannel},
	{"GET", "/channels/{}/messages", true, (*Server).listMessages},
	{"POST", "/channels/{}/messages", true, (*Server).createMessage},
	{"GET", "/channels/{}/messages/{}", true, (*Server).getMessage},
	{"PATCH", "/channels/{}/messages/{}", true, (*Server).editMessage},
	{"DELETE", "/channels/{}/messages/{}", true, (*Server).deleteMessage},
	{"POST", "/channels/{}/messages/{}/threads", true, (*Server).threadFromMessage},
	{"POST", "/channels/{}/threads", true, (*Server).threadWithoutMessage},
	{"POST", "/channels/{}/typing", true, (*Server).typing},
	{"GET", "/channels/{}/messages/{}/reactions/{}", true, (*Server).listReactions},
	{"PUT", "/channels/{}/messages/{}/reactions/{}/{}", true, (*Server).addReaction},
	{"DELETE", "/channels/{}/messages/{}/reactions/{}/{}", true, (*Server).removeReaction},
	{"DELETE", "/channels/{}/messages/{}/reactions/{}", true, (*Server).removeReactions},
	{"DELETE", "/channels/{}/messages/{}/reactions", true, (*Server).removeReactions},
}

const apiPrefix = "/api/v9"

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws" || r.URL.Path == "/ws/" {
		s.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	req := Request{
		Time: time.Now(), Method: r.Method, Path: r.URL.Path,
		Query: r.URL.Query(), Header: r.Header.Clone(), Body: body,
	}
	e := &entry{req: req.clone()}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "discordtest: server closed", http.StatusServiceUnavailable)
		return
	}
	s.requests = append(s.requests, e)
	f := s.takeFailureLocked(req)
	s.mu.Unlock()

	var resp response
	if f != nil {
		resp = f.response()
	} else {
		resp = s.route(&req)
	}

	s.mu.Lock()
	e.req.Status = resp.status
	e.done = true
	s.notifyLocked()
	s.mu.Unlock()

	for k, v := range resp.header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.status)
	if resp.status != http.StatusNoContent {
		_, _ = w.Write(resp.body)
	}
}

func (s *Server) route(req *Request) response {
	if !strings.HasPrefix(req.Path, apiPrefix+"/") {
		s.logf("no route for %s %s", req.Method, req.Path)
		return apiError(http.StatusNotFound, 0, "404: Not Found")
	}
	rel := strings.TrimPrefix(req.Path, apiPrefix)
	pathKnown := false
	for _, rt := range routes {
		var params []string
		if !matchPath(rt.pattern, rel, &params) {
			continue
		}
		pathKnown = true
		if rt.method != req.Method {
			continue
		}
		if rt.auth && !botAuth(req.Header.Get("Authorization")) {
			return apiError(http.StatusUnauthorized, 0, "401: Unauthorized")
		}
		return rt.h(s, req, params)
	}
	if pathKnown {
		s.logf("method not allowed: %s %s", req.Method, req.Path)
		return apiError(http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
	}
	s.logf("no route for %s %s", req.Method, req.Path)
	return apiError(http.StatusNotFound, 0, "404: Not Found")
}

func botAuth(h string) bool {
	return strings.HasPrefix(h, "Bot ") && strings.TrimSpace(h[4:]) != ""
}

// payload decodes a JSON object body, or the payload_json of a multipart
// body, and returns the uploaded files.
func payload(req *Request) (map[string]json.RawMessage, []upload, *response) {
	raw, files, err := splitBody(req.Header.Get("Content-Type"), req.Body)
	if err != nil {
		r := apiError(http.StatusBadRequest, 0, "400: Bad Request")
		return nil, nil, &r
	}
	p := map[string]json.RawMessage{}
	if len(strings.TrimSpace(string(raw))) == 0 {
		return p, files, nil
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		r := apiError(http.StatusBadRequest, discordgo.ErrCodeTheRequestBodyContainsInvalidJSON,
			"The request body contains invalid JSON.")
		return nil, nil, &r
	}
	return p, files, nil
}

// ---- gateway, users ----

func (s *Server) getGateway(*Request, []string) response {
	return jsonResponse(http.StatusOK, map[string]string{"url": s.GatewayURL()})
}

func (s *Server) getGatewayBot(*Request, []string) response {
	return jsonResponse(http.StatusOK, map[string]any{
		"url":    s.GatewayURL(),
		"shards": max(s.opts.Shards, 1),
		"session_start_limit": map[string]int{
			"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1,
		},
	})
}

func (s *Server) getMe(*Request, []string) response {
	return jsonResponse(http.StatusOK, s.botUser())
}

func (s *Server) getUser(_ *Request, p []string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[p[0]]
	if !ok {
		return apiError(http.StatusNotFound, discordgo.ErrCodeUnknownUser, "Unknown User")
	}
	return jsonResponse(http.StatusOK, u)
}

func (s *Server) createDM(req *Request, _ []string) response {
	body, _, errResp := payload(req)
	if errResp != nil {
		return *errResp
	}
	var rid string
	if err := json.Unmarshal(body["recipient_id"], &rid); err != nil || rid == "" {
		return *formError("recipient_id", "BASE_TYPE_REQUIRED", "This field is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.chanOrder {
		c := s.channels[id]
		if c.Type == discordgo.ChannelTypeDM && len(c.Recipients) == 1 && c.Recipients[0].ID == rid {
			return jsonResponse(http.StatusOK, c)
		}
	}
	c := &discordgo.Channel{
		ID: s.newID(), Type: discordgo.ChannelTypeDM,
		Recipients: []*discordgo.User{s.userLocked(rid)},
	}
	s.addChannelLocked(c)
	return jsonResponse(http.StatusOK, c)
}

// ---- application commands ----

func (s *Server) listCommands(_ *Request, p []string) response {
	if p[0] != s.opts.AppID {
		return errMissingAccess
	}
	guild := ""
	if len(p) > 1 {
		guild = p[1]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]json.RawMessage, 0, len(s.commands[guild]))
	out = append(out, s.commands[guild]...)
	return jsonResponse(http.StatusOK, out)
}

func (s *Server) putCommands(req *Request, p []string) response {
	if p[0] != s.opts.AppID {
		return errMissingAccess
	}
	guild := ""
	if len(p) > 1 {
		guild = p[1]
	}
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(req.Body, &cmds); err != nil {
		return apiError(http.StatusBadRequest, discordgo.ErrCodeTheRequestBodyContainsInvalidJSON,
			"The request body contains invalid JSON.")
	}
	if r := validateCommands(cmds); r != nil {
		return *r
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	existing := map[string]string{} // type/name -> id
	for _, raw := range s.commands[guild] {
		var c discordgo.ApplicationCommand
		_ = json.Unmarshal(raw, &c)
		existing[strconv.Itoa(int(c.Type))+"/"+c.Name] = c.ID
	}
	out := make([]json.RawMessage, 0, len(cmds))
	for _, c := range cmds {
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		c.ID = existing[strconv.Itoa(int(c.Type))+"/"+c.Name]
		if c.ID == "" {
			c.ID = s.newID()
		}
		c.ApplicationID = s.opts.AppID
		c.GuildID = guild
		c.Version = s.newID()
		if c.Options == nil && c.Type == discordgo.ChatApplicationCommand {
			c.Options = []*discordgo.ApplicationCommandOption{}
		}
		out = append(out, mustJSON(c))
	}
	s.commands[guild] = out
	return jsonResponse(http.StatusOK, out)
}

// ---- interactions and their webhooks ----

// interState is what the fake remembers of an interaction it sent.
type interState struct {
	id, token          string
	typ                discordgo.InteractionType
	cmdType            discordgo.ApplicationCommandType
	name               string
	user               *discordgo.User
	guildID, channelID string
	componentMsg       string // the message a component interaction came from
	acked              bool
	original           string          // @original message ID
	msgs               map[string]bool // original and followups
}

func (st *interState) messageType() discordgo.MessageType {
	if st.typ != discordgo.InteractionApplicationCommand {
		return discordgo.MessageTypeDefault
	}
	if st.cmdType == discordgo.ChatApplicationCommand || st.cmdType == 0 {
		return discordgo.MessageTypeChatInputCommand
	}
	return discordgo.MessageTypeContextMenuCommand
}

func (s *Server) interactionCallback(req *Request, p []string) response {
	body, files, errResp := payload(req)
	if errResp != nil {
		return *errResp
	}
	var typ discordgo.InteractionResponseType
	if err := json.Unmarshal(body["type"], &typ); err != nil {
		return *formError("type", "BASE_TYPE_REQUIRED", "This field is required")
	}
	data := map[string]json.RawMessage{}
	if !isNull(body["data"]) {
		if err := json.Unmarshal(body["data"], &data); err != nil {
			return *formError("data", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		}
	}

	s.mu.Lock()
	st := s.interactions[p[1]]
	if st == nil || st.id != p[0] {
		s.mu.Unlock()
		return apiError(http.StatusNotFound, discordgo.ErrCodeUnknownInteraction, "Unknown interaction")
	}
	if st.acked {
		s.mu.Unlock()
		return apiError(http.StatusBadRequest, discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged,
			"Interaction has already been acknowledged.")
	}
	isCommand := st.typ == discordgo.InteractionApplicationCommand
	isComponent := st.typ == discordgo.InteractionMessageComponent
	isModal := st.typ == discordgo.InteractionModalSubmit
	badType := formError("type", "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type is invalid for this interaction")
	var ev *echo
	switch typ {
	case discordgo.InteractionResponseChannelMessageWithSource:
		if !(isCommand || isComponent || isModal) {
			s.mu.Unlock()
			return *badType
		}
		m := s.newMessageLocked(s.newID(), st.channelID, data, files, st)
		if r := validateMessage(m); r != nil {
			s.mu.Unlock()
			return *r
		}
		s.storeMessageLocked(m)
		st.original = m.id
		st.msgs[m.id] = true
		ev = s.messageEchoLocked("MESSAGE_CREATE", m)
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		if !(isCommand || isComponent || isModal) {
			s.mu.Unlock()
			return *badType
		}
		var flags int
		_ = json.Unmarshal(data["flags"], &flags)
		flags = flags&int(discordgo.MessageFlagsEphemeral) | int(discordgo.MessageFlagsLoading)
		m := s.newMessageLocked(s.newID(), st.channelID, map[string]json.RawMessage{"flags": mustJSON(flags)}, nil, st)
		s.storeMessageLocked(m)
		st.original = m.id
		st.msgs[m.id] = true
		ev = s.messageEchoLocked("MESSAGE_CREATE", m)
	case discordgo.InteractionResponseDeferredMessageUpdate, discordgo.InteractionResponseUpdateMessage:
		target := s.messages[st.componentMsg]
		if target == nil || !(isComponent || isModal) {
			s.mu.Unlock()
			return *badType
		}
		if typ == discordgo.InteractionResponseUpdateMessage {
			edited := s.editedLocked(target, data, files)
			if r := validateMessage(edited); r != nil {
				s.mu.Unlock()
				return *r
			}
			*target = *edited
			ev = s.messageEchoLocked("MESSAGE_UPDATE", target)
		}
		st.original = target.id
		st.msgs[target.id] = true
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if st.typ != discordgo.InteractionApplicationCommandAutocomplete {
			s.mu.Unlock()
			return *badType
		}
		if r := validateChoices(data["choices"]); r != nil {
			s.mu.Unlock()
			return *r
		}
	case discordgo.InteractionResponseModal:
		if !(isCommand || isComponent) {
			s.mu.Unlock()
			return *badType
		}
		if r := validateModal(data); r != nil {
			s.mu.Unlock()
			return *r
		}
	default:
		s.mu.Unlock()
		return *badType
	}
	st.acked = true
	s.mu.Unlock()
	s.send(ev)
	return noContent()
}

func validateChoices(raw json.RawMessage) *response {
	var choices []struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	}
	if err := json.Unmarshal(raw, &choices); err != nil && !isNull(raw) {
		return formError("data.choices", "MODEL_TYPE_CONVERT", "Only iterables may be used in a ListType")
	}
	if len(choices) > 25 {
		return formError("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
	}
	for i, c := range choices {
		p := "data.choices." + strconv.Itoa(i) + "."
		if n := utf8.RuneCountInString(c.Name); n < 1 || n > 100 {
			return formError(p+"name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
		}
		if v, ok := c.Value.(string); ok && utf8.RuneCountInString(v) > 100 {
			return formError(p+"value", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
		}
	}
	return nil
}

func validateModal(data map[string]json.RawMessage) *response {
	var title, customID string
	_ = json.Unmarshal(data["title"], &title)
	_ = json.Unmarshal(data["custom_id"], &customID)
	var comps []json.RawMessage
	_ = json.Unmarshal(data["components"], &comps)
	switch {
	case title == "":
		return formError("data.title", "BASE_TYPE_REQUIRED", "This field is required")
	case utf8.RuneCountInString(title) > 45:
		return formError("data.title", "BASE_TYPE_MAX_LENGTH", "Must be 45 or fewer in length.")
	case customID == "":
		return formError("data.custom_id", "BASE_TYPE_REQUIRED", "This field is required")
	case len(comps) < 1 || len(comps) > 5:
		return formError("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
	}
	return nil
}

// webhookLocked finds the interaction behind /webhooks/{app}/{token}.
func (s *Server) webhookLocked(app, token string) *interState {
	if app != s.opts.AppID {
		return nil
	}
	return s.interactions[token]
}

// webhookMessageLocked resolves "@original" or a followup ID.
func (s *Server) webhookMessageLocked(st *interState, id string) *storedMsg {
	if id == "@original" {
		id = st.original
	}
	if id == "" || !st.msgs[id] {
		return nil
	}
	m := s.messages[id]
	if m == nil || m.deleted {
		return nil
	}
	return m
}

func (s *Server) executeWebhook(req *Request, p []string) response {
	body, files, errResp := payload(req)
	if errResp != nil {
		return *errResp
	}
	s.mu.Lock()
	st := s.webhookLocked(p[0], p[1])
	if st == nil || !st.acked {
		s.mu.Unlock()
		return errUnknownWebhook
	}
	channelID := st.channelID
	if th := req.Query.Get("thread_id"); th != "" {
		if _, ok := s.channels[th]; !ok {
			s.mu.Unlock()
			return errUnknownChannel
		}
		channelID = th
	}
	m := s.newMessageLocked(s.newID(), channelID, body, files, st)
	if r := validateMessage(m); r != nil {
		s.mu.Unlock()
		return *r
	}
	s.storeMessageLocked(m)
	st.msgs[m.id] = true
	ev := s.messageEchoLocked("MESSAGE_CREATE", m)
	out := m.encode()
	s.mu.Unlock()
	s.send(ev)
	if req.Query.Get("wait") != "true" {
		return noContent()
	}
	return jsonResponse(http.StatusOK, out)
}

func (s *Server) getWebhookMessage(_ *Request, p []string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.webhookLocked(p[0], p[1])
	if st == nil {
		return errUnknownWebhook
	}
	m := s.webhookMessageLocked(st, p[2])
	if m == nil {
		return errUnknownMessage
	}
	return jsonResponse(http.StatusOK, m.encode())
}

func (s *Server) editWebhookMessage(req *Request, p []string) response {
	body, files, errResp := payload(req)
	if errResp != nil {
		return *errResp
	}
	s.mu.Lock()
	st := s.webhookLocked(p[0], p[1])
	if st == nil {
		s.mu.Unlock()
		return errUnknownWebhook
	}
	m := s.webhookMessageLocked(st, p[2])
	if m == nil {
		s.mu.Unlock()
		return errUnknownMessage
	}
	return s.applyEditLocked(m, body, files)
}

func (s *Server) deleteWebhookMessage(_ *Request, p []string) response {
	s.mu.Lock()
	st := s.webhookLocked(p[0], p[1])
	if st == nil {
		s.mu.Unlock()
		return errUnknownWebhook
	}
	m := s.webhookMessageLocked(st, p[2])
	if m == nil {
		s.mu.Unlock()
		return errUnknownMessage
	}
	m.deleted = true
	ev := s.deleteEchoLocked(m)
	s.mu.Unlock()
	s.send(ev)
	return noContent()
}

// ---- channels and messages ----

func (s *Server) getChannel(_ *Request, p []string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.channels[p[0]]
	if !ok {
		return errUnknownChannel
	}
	return jsonResponse(http.StatusOK, c)
}

func (s *Server) typing(_ *Request, p []string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.channels[p[0]]; !ok {
		return errUnknownChannel
	}
	return noContent()
}

func (s *Server) listMessages(req *Request, p []string) response {
	limit := 50
	if l, err := strconv.Atoi(req.Query.Get("limit")); err == nil {
		if l < 1 || l > 100 {
			return *formError("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.")
		}
		limit = l
	}
	before, after := req.Query.Get("before"), req.Query.Get("after")
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.channels[p[0]]; !ok {
		return errUnknownChannel
	}
	var ms []*storedMsg
	for _, m := range s.chanMsgs[p[0]] {
		if m.deleted || m.ephemeral ||
			(before != "" && !snowflakeLess(m.id, before)) ||
			(after != "" && !snowflakeLess(after, m.id)) {
			continue
		}
		ms = append(ms, m)
	}
	sortNewestFirst(ms)
	if len(ms) > limit {
		if after != "" && before == "" {
			ms = ms[len(ms)-limit:] // the oldest ones after "after"
		} else {
			ms = ms[:limit]
		}
	}
	out := make([]json.RawMessage, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.encode())
	}
	return jsonResponse(http.StatusOK, out)
}

// channelMessageLocked returns a message visible in a channel.
func (s *Server) channelMessageLocked(channelID, id string) *storedMsg {
	m := s.messages[id]
	if m == nil || m.deleted || m.ephemeral || m.channelID != channelID {
		return nil
	}
	return m
}

func (s *Server) createMessage(req *Request, p []string) response {
	body, files, errResp := payload(req)
	if errResp != nil {
		return *errResp
	}
	s.mu.Lock()
	c, ok := s.channels[p[0]]
	if !ok {
		s.mu.Unlock()
		return errUnknownChannel
	}
	switch c.Type {
	case discordgo.ChannelTypeGuildCategory, discordgo.ChannelTypeGuildForum, discordgo.ChannelTypeGuildMedia:
		s.mu.Unlock()
		return errChannelType
	}
	// Only interaction responses may be ephemeral.
	if v, ok := body["flags"]; ok {
		var f int
		_ = json.Unmarshal(v, &f)
		body["flags"] = mustJSON(f &^ int(discordgo.MessageFlagsEphemeral))
	}
	m := s.newMessageLocked(s.newID(), c.ID, body, files, nil)
	if r := validateMessage(m); r != nil {
		s.mu.Unlock()
		return *r
	}
	s.storeMessageLocked(m)
	ev := s.messageEchoLocked("MESSAGE_CREATE", m)
	out := m.encode()
	s.mu.Unlock()
	s.send(ev)
	return jsonResponse(http.StatusOK, out)
}

func (s *Server) getMessage(_ *Request, p []string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.channels[p[0]]; !ok {
		return errUnknownChannel
	}
	m := s.channelMessageLocked(p[0], p[1])
	if m == nil {
		return errUnknownMessage
	}
	return jsonResponse(http.StatusOK, m.encode())
}

func (s *Server) editMessage(req *Request, p []string) response {
	body, files, errResp := payload(req)
	if errResp != nil {
		return *errResp
	}
	s.mu.Lock()
	m := s.channelMessageLocked(p[0], p[1])
	if m == nil {
		s.mu.Unlock()
		return errUnknownMessage
	}
	if m.authorID() != s.opts.BotID {
		s.mu.Unlock()
		return apiError(http.StatusForbidden, discordgo.ErrCodeCannotEditFromAnotherUser,
			"Cannot edit a message authored by another user")
	}
	return s.applyEditLocked(m, body, files)
}

func (s *Server) deleteMessage(_ *Request, p []string) response {
	s.mu.Lock()
	m := s.channelMessageLocked(p[0], p[1])
	if m == nil {
		s.mu.Unlock()
		return errUnknownMessage
	}
	m.deleted = true
	ev := s.deleteEchoLocked(m)
	s.mu.Unlock()
	s.send(ev)
	return noContent()
}

// ---- threads ----

type threadParams struct {
	Name                string                 `json:"name"`
	AutoArchiveDuration int                    `json:"auto_archive_duration"`
	Type                *discordgo.ChannelType `json:"type"`
	Invitable           *bool                  `json:"invitable"`
	RateLimitPerUser    int                    `json:"rate_limit_per_user"`
	AppliedTags         []string               `json:"applied_tags"`
	Message             json.RawMessage        `json:"message"`
}

func parseThreadParams(req *Request) (threadParams, []upload, *response) {
	var tp threadParams
	raw, files, err := splitBody(req.Header.Get("Content-Type"), req.Body)
	if err == nil {
		err = json.Unmarshal(raw, &tp)
	}
	if err != nil {
		r := apiError(http.StatusBadRequest, discordgo.ErrCodeTheRequestBodyContainsInvalidJSON,
			"The request body contains invalid JSON.")
		return tp, nil, &r
	}
	if tp.Name == "" {
		return tp, nil, formError("name", "BASE_TYPE_REQUIRED", "This field is required")
	}
	if utf8.RuneCountInString(tp.Name) > 100 {
		return tp, nil, formError("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
	}
	switch tp.AutoArchiveDuration {
	case 0, 60, 1440, 4320, 10080:
	default:
		return tp, nil, formError("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.")
	}
	return tp, files, nil
}

func (s *Server) newThreadLocked(id string, parent *discordgo.Channel, tp threadParams, typ discordgo.ChannelType) *discordgo.Channel {
	now := time.Now().UTC()
	archive := tp.AutoArchiveDuration
	if archive == 0 {
		archive = 1440
	}
	invitable := typ == discordgo.ChannelTypeGuildPrivateThread
	if tp.Invitable != nil && invitable {
		invitable = *tp.Invitable
	}
	th := &discordgo.Channel{
		ID: id, GuildID: parent.GuildID, Name: tp.Name, Type: typ,
		ParentID: parent.ID, OwnerID: s.opts.BotID, MemberCount: 1,
		RateLimitPerUser: tp.RateLimitPerUser, AppliedTags: tp.AppliedTags,
		ThreadMetadata: &discordgo.ThreadMetadata{
			AutoArchiveDuration: archive, ArchiveTimestamp: now, Invitable: invitable,
		},
		Member: &discordgo.ThreadMember{ID: id, UserID: s.opts.BotID, JoinTimestamp: now},
	}
	s.addChannelLocked(th)
	return th
}

func (s *Server) threadFromMessage(req *Request, p []string) response {
	tp, _, errResp := parseThreadParams(req)
	if errResp != nil {
		return *errResp
	}
	s.mu.Lock()
	parent, ok := s.channels[p[0]]
	if !ok {
		s.mu.Unlock()
		return errUnknownChannel
	}
	typ := discordgo.ChannelTypeGuildPublicThread
	switch parent.Type {
	case discordgo.ChannelTypeGuildText:
	case discordgo.ChannelTypeGuildNews:
		typ = discordgo.ChannelTypeGuildNewsThread
	default:
		s.mu.Unlock()
		return errChannelType
	}
	m := s.channelMessageLocked(p[0], p[1])
	if m == nil {
		s.mu.Unlock()
		return errUnknownMessage
	}
	if _, ok := m.fields["thread"]; ok {
		s.mu.Unlock()
		return apiError(http.StatusBadRequest, discordgo.ErrCodeThreadAlreadyCreatedForThisMessage,
			"A thread has already been created for this message")
	}
	th := s.newThreadLocked(m.id, parent, tp, typ) // a message's thread has its ID
	m.fields["thread"] = mustJSON(th)
	m.fields["flags"] = mustJSON(m.flags() | int(discordgo.MessageFlagsHasThread))
	ev := threadEcho(th)
	out := mustJSON(th)
	s.mu.Unlock()
	s.send(ev)
	return jsonResponse(http.StatusCreated, out)
}

func (s *Server) threadWithoutMessage(req *Request, p []string) response {
	tp, files, errResp := parseThreadParams(req)
	if errResp != nil {
		return *errResp
	}
	s.mu.Lock()
	parent, ok := s.channels[p[0]]
	if !ok {
		s.mu.Unlock()
		return errUnknownChannel
	}
	switch parent.Type {
	case discordgo.ChannelTypeGuildForum, discordgo.ChannelTypeGuildMedia:
		return s.forumPostLocked(parent, tp, files) // unlocks
	case discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews:
	default:
		s.mu.Unlock()
		return errChannelType
	}
	typ := discordgo.ChannelTypeGuildPrivateThread // API v9 default
	if tp.Type != nil {
		typ = *tp.Type
	}
	switch {
	case typ == discordgo.ChannelTypeGuildNewsThread && parent.Type == discordgo.ChannelTypeGuildNews,
		typ == discordgo.ChannelTypeGuildPublicThread, typ == discordgo.ChannelTypeGuildPrivateThread:
	default:
		s.mu.Unlock()
		return *formError("type", "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.")
	}
	th := s.newThreadLocked(s.newID(), parent, tp, typ)
	ev := threadEcho(th)
	out := mustJSON(th)
	s.mu.Unlock()
	s.send(ev)
	return jsonResponse(http.StatusCreated, out)
}

// forumPostLocked creates a forum post: a thread and its first message,
// which share an ID. It releases s.mu.
func (s *Server) forumPostLocked(parent *discordgo.Channel, tp threadParams, files []upload) response {
	body := map[string]json.RawMessage{}
	if isNull(tp.Message) || json.Unmarshal(tp.Message, &body) != nil {
		s.mu.Unlock()
		return *formError("message", "BASE_TYPE_REQUIRED", "This field is required")
	}
	id := s.newID()
	m := s.newMessageLocked(id, id, body, files, nil)
	if r := validateMessage(m); r != nil {
		s.mu.Unlock()
		return *r
	}
	th := s.newThreadLocked(id, parent, tp, discordgo.ChannelTypeGuildPublicThread)
	m.fields["guild_id"] = mustJSON(parent.GuildID)
	s.storeMessageLocked(m)
	out := map[string]json.RawMessage{}
	_ = json.Unmarshal(mustJSON(th), &out)
	out["message"] = m.encode()
	evThread := threadEcho(th)
	evMsg := s.messageEchoLocked("MESSAGE_CREATE", m)
	s.mu.Unlock()
	s.send(evThread)
	s.send(evMsg)
	return jsonResponse(http.StatusCreated, out)
}

// ---- reactions ----

// reactionKey checks an emoji as it appears in a reaction URL: a unicode
// emoji or "name:id".
func reactionKey(e string) (map[string]any, bool) {
	if name, id, ok := strings.Cut(e, ":"); ok {
		if name == "" || id == "" || strings.ContainsAny(id, "<>:") {
			return nil, false
		}
		if _, err := strconv.ParseUint(id, 10, 64); err != nil {
			return nil, false
		}
		return map[string]any{"id": id, "name": name}, true
	}
	for _, r := range e {
		if r > unicode.MaxASCII {
			return map[string]any{"id": nil, "name": e}, true
		}
	}
	return nil, false // "thumbsup", ":thumbsup:", "<:a:1>" are not emoji
}

func (s *Server) reactionMessageLocked(p []string) (*storedMsg, *response) {
	if _, ok := s.channels[p[0]]; !ok {
		return nil, &errUnknownChannel
	}
	m := s.channelMessageLocked(p[0], p[1])
	if m == nil {
		return nil, &errUnknownMessage
	}
	return m, nil
}

func (s *Server) addReaction(_ *Request, p []string) response {
	if p[3] != "@me" {
		return apiError(http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
	}
	emoji, ok := reactionKey(p[2])
	if !ok {
		return apiError(http.StatusBadRequest, discordgo.ErrCodeUnknownEmoji, "Unknown Emoji")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, errResp := s.reactionMessageLocked(p)
	if errResp != nil {
		return *errResp
	}
	for _, r := range m.reactions {
		if r.key == p[2] {
			for _, u := range r.users {
				if u == "@me" {
					return noContent()
				}
			}
			r.users = append(r.users, "@me")
			return noContent()
		}
	}
	m.reactions = append(m.reactions, &reaction{key: p[2], emoji: emoji, users: []string{"@me"}})
	return noContent()
}

func (s *Server) removeReaction(_ *Request, p []string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, errResp := s.reactionMessageLocked(p)
	if errResp != nil {
		return *errResp
	}
	user := p[3]
	if user == s.opts.BotID {
		user = "@me"
	}
	for i, r := range m.reactions {
		if r.key != p[2] {
			continue
		}
		for j, u := range r.users {
			if u == user {
				r.users = append(r.users[:j], r.users[j+1:]...)
				break
			}
		}
		if len(r.users) == 0 {
			m.reactions = append(m.reactions[:i], m.reactions[i+1:]...)
		}
		break
	}
	return noContent()
}

// removeReactions serves DELETE .../reactions and .../reactions/{emoji}.
func (s *Server) removeReactions(_ *Request, p []string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, errResp := s.reactionMessageLocked(p)
	if errResp != nil {
		return *errResp
	}
	if len(p) == 2 {
		m.reactions = nil
		return noContent()
	}
	for i, r := range m.reactions {
		if r.key == p[2] {
			m.reactions = append(m.reactions[:i], m.reactions[i+1:]...)
			break
		}
	}
	return noContent()
}

func (s *Server) listReactions(_ *Request, p []string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, errResp := s.reactionMessageLocked(p)
	if errResp != nil {
		return *errResp
	}
	users := []*discordgo.User{}
	for _, r := range m.reactions {
		if r.key != p[2] {
			continue
		}
		for _, u := range r.users {
			if u == "@me" {
				u = s.opts.BotID
			}
			users = append(users, s.userLocked(u))
		}
	}
	return jsonResponse(http.StatusOK, users)
}

// applyEditLocked validates and applies an edit to a stored message, echoes
// MESSAGE_UPDATE and answers with the message. It is called with s.mu held
// and releases it.
func (s *Server) applyEditLocked(m *storedMsg, body map[string]json.RawMessage, files []upload) response {
	edited := s.editedLocked(m, body, files)
	if r := validateMessage(edited); r != nil {
		s.mu.Unlock()
		return *r
	}
	*m = *edited
	ev := s.messageEchoLocked("MESSAGE_UPDATE", m)
	out := m.encode()
	s.mu.Unlock()
	s.send(ev)
	return jsonResponse(http.StatusOK, out)
}
