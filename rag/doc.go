// Package rag is the application service that the bot and the command line
// call: it retrieves passages from the documents, answers questions from
// them with checked citations, and writes summaries and timelines.
package rag
