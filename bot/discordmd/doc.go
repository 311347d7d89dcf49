// Package discordmd prepares text for Discord messages and embeds. It is pure
// string code, with no Discord client:
//
//   - Split cuts a long text into parts within a limit of runes, at paragraph,
//     line, sentence or word boundaries, never inside a Markdown link, a bare
//     URL or a code fence, closing and reopening code blocks it has to cut;
//     Truncate keeps only the first such part and ends it with "…".
//   - Neutralize makes text from documents, users or a model safe to show: it
//     defangs @everyone, @here and user, role and channel mentions, removes
//     invisible and bidirectional control characters, and rewrites deceptive
//     or dangerous links.
//   - CutRunes and CutWords shorten one-line texts (titles, names, field
//     values) to a number of runes.
//
// Lengths are in runes (Unicode code points), as Discord counts them.
package discordmd
