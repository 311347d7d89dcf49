// Package bot is cabot's Discord front end, through discordgo: slash
// commands (/ask, /sources, /about), answers to @mentions, to follow-ups in
// the bot's threads and to DMs, feedback buttons, rendering within Discord's
// limits, rate limits, a bound on concurrent answers, panic recovery and a
// clean shutdown.
//
// It knows nothing about vectors or prompts: it calls the library through
// the small interfaces it defines (Knowledge, Records).
package bot
