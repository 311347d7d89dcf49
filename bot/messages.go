package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"cabot/bot/discordmd"
	"cabot/corpus"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

// onMessage answers @mentions (in a new thread where it can), follow-ups in
// the bot's own threads and replies to its messages, and DMs.
func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	defer b.handle("message", m.ID, func(text string) { b.sendText(m.ChannelID, m.Reference(), text) })()
	if m.Author == nil || m.Author.Bot || s.State.User == nil || m.Author.ID == s.State.User.ID {
		return
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return
	}
	botID := s.State.User.ID
	isDM := m.GuildID == ""
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			mentioned = true
		}
	}
	replyToBot := m.ReferencedMessage != nil && m.ReferencedMessage.Author != nil && m.ReferencedMessage.Author.ID == botID
	ownThread := false
	if !isDM && !mentioned && !replyToBot {
		// Every guild message arrives here; only the bot's own threads
		// matter (one channel lookup per channel, then cached).
		if ownThread = b.isOwnThread(m.ChannelID, botID); !ownThread {
			return
		}
	}
	text := stripMention(m.Content, botID)
	if text == "" && !isDM && !mentioned && !b.cfg.MessageContent {
		// Without the message-content intent Discord blanks guild messages
		// that do not mention the bot (a reply with the ping off, a
		// follow-up in the bot's thread): say how to be read, at most once
		// in a while per person and channel so as not to talk over a
		// conversation among members.
		b.log.Debug("unreadable message (message-content intent off)", "channel", m.ChannelID, "reply", replyToBot)
		if b.tellUnreadable(m.ChannelID, m.Author.ID) {
			b.sendText(m.ChannelID, m.Reference(), "I could not read that message: mention me ("+b.mention()+
				") or reply to my answer with the reply ping on (**@ON**), and I will answer.")
		}
		return
	}
	q, err := b.checkQuestion(text)
	if err != nil {
		b.sendText(m.ChannelID, m.Reference(), b.safeMessage(err, m.ID))
		return
	}
	switch {
	case isDM:
		b.metrics.Question("dm")
	case replyToBot:
		b.metrics.Question("reply")
	case ownThread:
		b.metrics.Question("thread")
	default:
		b.metrics.Question("mention")
	}
	tk, err := b.admit(m.Author.ID, m.GuildID)
	if err != nil {
		b.sendText(m.ChannelID, m.Reference(), b.safeMessage(err, m.ID))
		return
	}
	defer tk.release()

	ctx := context.Background()
	target, ref := m.ChannelID, m.Reference()
	if !isDM && mentioned && !replyToBot && !b.isThread(m.ChannelID) {
		// Start a thread named after the question; where that is not
		// allowed, answer with a reply instead.
		tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		th, err := s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
			Name: threadName(q), AutoArchiveDuration: 1440,
		}, discordgo.WithContext(tctx))
		cancel()
		if err == nil {
			b.channels.Store(th.ID, channelInfo{thread: true, owner: botID})
			target, ref = th.ID, nil
		} else {
			b.log.Info("cannot start a thread; replying instead", "channel", m.ChannelID, "err", err)
		}
	}
	stopTyping := b.keepTyping(target)
	defer stopTyping()
	if err := tk.wait(); err != nil {
		stopTyping()
		b.sendText(target, ref, b.safeMessage(err, m.ID))
		return
	}
	// A reply continues the conversation of the answer it replies to;
	// elsewhere (threads, DMs) the conversation is the channel's.
	convKey := target
	if replyToBot {
		convKey = "msg:" + m.ReferencedMessage.ID
	}
	history := b.history(convKey)
	msgs, err := b.answer(ctx, m.ID, rag.Question{Text: q, Scope: m.GuildID, History: history}, nil, b.followUpHint(m.GuildID), "en")
	stopTyping()
	if err != nil {
		b.sendText(target, ref, b.safeMessage(err, m.ID))
		return
	}
	msgs[0].Reference = ref
	b.remember(target, q)
	if convKey != target {
		b.remember(convKey, q)
	}
	for _, msg := range msgs {
		sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		answerMsg, err := s.ChannelMessageSendComplex(target, msg, discordgo.WithContext(sctx))
		cancel()
		if err != nil {
			b.log.Error("send answer", "ref", m.ID, "channel", target, "err", err)
			return
		}
		b.remember("msg:"+answerMsg.ID, q) // a reply to any part is a follow-up
	}
}

// handle counts an event handler as running until the function it returns
// runs; deferred by the handler ("defer b.handle(...)()"), that function
// also recovers a panic of the handler, logs it, and tells the user through
// tell, with ref to find the log entry by.
func (b *Bot) handle(handler, ref string, tell func(text string)) func() {
	b.handling.Add(1)
	return func() {
		defer b.handling.Add(-1)
		if r := recover(); r != nil {
			b.log.Error("panic in "+handler+" handler", "ref", ref, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			tell(fmt.Sprintf("Sorry, something went wrong on my side. It has been logged (ref %s).", ref))
		}
	}
}

// unreadableEvery is how often one person is told, in one channel, that
// the bot could not read their message.
const unreadableEvery = 10 * time.Minute

// tellUnreadable reports whether to tell user in channel that their message
// could not be read, and notes that they were told.
func (b *Bot) tellUnreadable(channelID, userID string) bool {
	key, now := channelID+":"+userID, time.Now()
	if v, ok := b.unreadable.Load(key); ok && now.Sub(v.(time.Time)) < unreadableEvery {
		return false
	}
	b.unreadable.Store(key, now)
	return true
}

// mention is the bot's mention, shown (it pings nobody: every message goes
// with NoMentions).
func (b *Bot) mention() string {
	if u := b.session.State.User; u != nil {
		return "<@" + u.ID + ">"
	}
	return "@cabot"
}

// followUpHint says, under an answer in a server, how to ask a follow-up
// while the message-content intent is off: Discord then delivers only
// messages that mention the bot, which a reply does only with its ping on.
func (b *Bot) followUpHint(guildID string) string {
	if guildID == "" || b.cfg.MessageContent {
		return ""
	}
	name := "cabot"
	if u := b.session.State.User; u != nil && u.Username != "" {
		name = u.Username
	}
	return "To follow up, reply to this message with the ping on, or mention @" + name + "."
}

// stripMention removes the bot's mention from a message.
func stripMention(content, botID string) string {
	content = strings.ReplaceAll(content, "<@"+botID+">", " ")
	content = strings.ReplaceAll(content, "<@!"+botID+">", " ")
	return strings.TrimSpace(content)
}

// threadName turns a question into a thread name (at most 100 characters):
// one neutralized line, cut at a word after at most 90 runes.
func threadName(q string) string {
	return corpus.CutWords(strings.Join(strings.Fields(discordmd.Neutralize(q)), " "), 90, 40)
}

// channelInfo is what the bot needs to know about a channel; it does not
// change, so it is cached.
type channelInfo struct {
	thread bool
	owner  string
}

// channelInfo returns a channel's kind and owner from the cache, the state,
// or the API (ok false when the channel cannot be read).
func (b *Bot) channelInfo(id string) (channelInfo, bool) {
	if v, ok := b.channels.Load(id); ok {
		return v.(channelInfo), true
	}
	c, err := b.session.State.Channel(id)
	if err != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if c, err = b.session.Channel(id, discordgo.WithContext(ctx)); err != nil {
			b.log.Debug("read channel", "channel", id, "err", err)
			return channelInfo{}, false
		}
	}
	info := channelInfo{thread: c.IsThread(), owner: c.OwnerID}
	b.channels.Store(id, info)
	return info, true
}

func (b *Bot) isThread(id string) bool {
	info, _ := b.channelInfo(id)
	return info.thread
}

// isOwnThread reports whether the channel is a thread the bot started.
func (b *Bot) isOwnThread(id, botID string) bool {
	info, _ := b.channelInfo(id)
	return info.thread && info.owner == botID
}

// typingEvery is how often keepTyping renews the typing indicator, which
// Discord shows for 10 seconds (nanoseconds; a variable for tests).
var typingEvery atomic.Int64

func init() { typingEvery.Store(int64(8 * time.Second)) }

// keepTyping shows the typing indicator in a channel until the function it
// returns is called (calling it again does nothing).
func (b *Bot) keepTyping(channelID string) func() {
	b.typing(channelID)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Duration(typingEvery.Load()))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				b.typing(channelID)
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}

func (b *Bot) typing(channelID string) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := b.session.ChannelTyping(channelID, discordgo.WithContext(ctx)); err != nil {
		b.log.Debug("typing indicator", "channel", channelID, "err", err)
	}
}

// sendText sends a short text message, as a reply when ref is set, pinging
// nobody.
func (b *Bot) sendText(channelID string, ref *discordgo.MessageReference, text string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, part := range discordmd.Split(text, MaxMessage) {
		if _, err := b.session.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
			Content: part, Reference: ref, AllowedMentions: NoMentions(),
		}, discordgo.WithContext(ctx)); err != nil {
			b.log.Error("send message", "channel", channelID, "err", err)
			return
		}
	}
}
