// Package discordtest is a loopback fake of Discord for end-to-end tests of a
// bot that uses github.com/bwmarrin/discordgo.
//
// New starts an httptest server that speaks the REST API under /api/v9 and
// the gateway (a websocket at /ws). Point a real discordgo session at it by
// rewriting the scheme and host of every request to Server.URL (see the
// package tests), call Open, and drive the bot with SendInteraction,
// SendMessage and Dispatch. Everything the bot sends over REST is recorded:
// Requests, WaitRequest and Route let a test assert what was sent and when,
// and FailNext injects errors (403, 429, 500, ...).
//
// The fake behaves like Discord where a bot could notice the difference:
//
//   - IDs are snowflakes; interactions get a fresh ID and token.
//   - Interactions must be answered exactly once through the callback
//     endpoint (a second answer gets 400 with code 40060, an unknown one 404
//     with code 10062); webhook routes need the application ID and a token of
//     an interaction sent by the fake (else 404 with code 10015), and
//     followups need an answered interaction.
//   - Messages are validated: at most 2,000 characters of content, 10 embeds,
//     the embed limits (title 256, description 4,096, 25 fields, 6,000 in
//     all), 5 component rows and no empty message; violations get 400 with
//     code 50035 (Invalid Form Body) or 50006 (empty message).
//   - Bulk command overwrites are validated (names, descriptions, option
//     order, 25 options and choices) and keep IDs stable by name.
//   - Messages the bot creates, edits or deletes are echoed on the gateway
//     (MESSAGE_CREATE, MESSAGE_UPDATE, MESSAGE_DELETE) unless ephemeral, as
//     Discord does, so a bot must ignore its own messages. MESSAGE_* events
//     reach only sessions that identified with IntentsGuildMessages (guild
//     channels) or IntentsDirectMessages (DMs); without IntentsMessageContent
//     the content, embeds, attachments and components of guild messages are
//     blanked unless the message mentions the bot or was sent by it.
//     Dispatch sends raw events to every session without any filtering.
//   - Channels must be known: AddChannel registers them, and InGuild, InDM,
//     SendInteraction and SendMessage register the channel they name if it
//     is unknown (a guild text channel when a guild ID is set, else a DM). Threads and
//     DM channels created over REST are registered too. Channels of guilds
//     known when a client identifies are sent to it in GUILD_CREATE events.
//   - A thread started from a message has the message's ID, as on Discord.
//     POST /channels/{id}/threads without a type creates a private thread
//     (type 12), which is what API v9 does.
//   - Shards: GET /gateway/bot recommends Options.Shards (default 1), and
//     each guild's events (interactions, message echoes, GUILD_CREATE at
//     identify) go only to the sessions that identified as the shard
//     (guild_id >> 22) % shard_count, DMs to shard 0, as on Discord (see
//     ShardOf and WaitShard). Dispatch still reaches every session.
//   - A client that closes the gateway with code 1000 or 1001 ends its
//     session (its RESUME then gets op 9, Invalid Session), and so do the
//     fatal close codes sent by CloseGateway (4004, 4007, 4009-4014).
//     Events for a session whose connection is down are queued and replayed
//     on RESUME.
//
// Not modelled: permissions (use FailNext for 403), real rate limits (use
// FailNext with 429), zlib compression, ETF encoding, voice, and the
// three-second interaction deadline (check Request.Time instead).
package discordtest
