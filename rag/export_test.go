package rag

// Helpers of the internal tests, for the external ones (package rag_test):
// the tests of the LLM answerer need rag/providers, which imports rag.
var (
	NewTestLibrary    = newTestLibrary
	BundledDocs       = bundled
	MustParse         = mustParse
	TestAnswerOptions = defaultAnswerOptions
)
