// Package bot is cabot's Discord front end, through discordgo. Its slash
// commands are:
//
//   - /ask: a question, optionally private and limited to articles published
//     since or until a date; the answer cites its sources;
//   - /summary document, /summary topic and /summary recent: cited summaries
//     of one document, of what the documents say about a topic, or of what
//     was published or added lately;
//   - /timeline: the dated events the documents give, in order, cited;
//   - /sources: the documents the bot answers from, a page at a time;
//   - /about: what the bot covers, how it answers and what it stores;
//   - /doc add, remove, list, show and history: the moderators' changes to a
//     server's documents (a preview to confirm before anything is stored, and
//     an audit log).
//
// It also answers @mentions (in a new thread where it can), follow-ups in its
// own threads, replies to its messages and DMs, and handles the buttons it
// shows (feedback, quotes, stop, pages, confirming a document) and the
// autocompletion of document names.
//
// New builds the bot from a Config and its dependencies; Run connects to the
// gateway and serves until its context ends or Discord closes the gateway
// with a fatal code, then lets the answers in flight finish. Around the
// handlers are per-user and per-server rate limits, a bound on concurrent
// answers with a short queue, panic recovery, and Prometheus metrics with
// health and readiness endpoints (Metrics). Answers are rendered as embeds
// within Discord's limits (AnswerEmbeds); the text in them goes through
// package discordmd, which splits it and neutralises mentions and deceptive
// links.
//
// It knows nothing about vectors or prompts: it calls the library through
// the small interfaces it defines (Knowledge, Records, Library, Fetcher).
// Package discordtest is the loopback Discord its tests run against.
package bot
