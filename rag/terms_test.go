package rag

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"maps"
	"reflect"
	"testing"

	"cabot/corpus/storage"
	"cabot/corpus/storetest"
	"cabot/rag/lang"
)

// takeWords returns the words record (stem -> first word seen with it) and
// empties it.
func takeWords() map[string]string {
	words.mu.Lock()
	defer words.mu.Unlock()
	out := words.m
	words.m = nil
	if out == nil {
		out = map[string]string{}
	}
	return out
}

// lexicalState is what a BM25 index holds of each chunk: its scope, its
// number of terms and how often each term occurs in it.
type lexicalState struct {
	scope  string
	length int
	tf     map[string]int32
}

func lexicalOf(x *bm25) map[string]lexicalState {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := map[string]lexicalState{}
	for n, ps := range x.postings {
		term := x.terms[n]
		for _, p := range ps {
			id := x.ids[p.slot]
			s, ok := out[id]
			if !ok {
				s = lexicalState{scope: x.scopes[p.slot], length: x.lengths[p.slot], tf: map[string]int32{}}
				out[id] = s
			}
			s.tf[term] = p.tf
		}
	}
	return out
}

// Opening a store indexes each chunk from the terms stored with it as
// tokenising its text would, and remembers the same words; chunks stored
// without terms (before they were kept) or with terms of another version
// are tokenised, with the same result.
func TestOpenWithStoredTerms(t *testing.T) {
	ctx := context.Background()
	saved := takeWords()
	t.Cleanup(func() {
		takeWords()
		for k, v := range saved {
			rememberWord(k, v)
		}
	})
	svc, store := newTestService(t, bundled(t)...)
	ingestGolden(t, svc) // in three languages
	docs, err := store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]DocInfo{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	// What tokenising every chunk in order, with the shared stems, leaves.
	takeWords()
	stale := map[string]storage.Vector{}
	stored := 0
	err = store.Chunks(ctx, func(c storage.IndexedChunk) error {
		d := byID[c.DocID]
		tokenize(d.Title + "\n" + c.Text)
		if c.Vector.Terms.Version == termsVersion {
			stored++
		}
		v := c.Vector
		v.Terms = storage.Terms{Version: termsVersion + 1, Length: 1, Counts: []storage.TermCount{{Term: "stale", Count: 1}}}
		stale[c.ID] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if stored != len(stale) {
		t.Fatalf("%d of %d chunks stored with terms of version %d; want all", stored, len(stale), termsVersion)
	}
	wantWords := takeWords()

	open := func(how string) map[string]lexicalState {
		t.Helper()
		takeWords()
		lib, err := Open(ctx, store, NewHashEmbedder(), Options{})
		if err != nil {
			t.Fatalf("Open() of a store with %s: %v", how, err)
		}
		if got := takeWords(); !maps.Equal(got, wantWords) {
			t.Errorf("Open() of a store with %s remembered %d words; want the %d that tokenising the chunks does", how, len(got), len(wantWords))
		}
		_, chunks := lib.Stats()
		if chunks != len(stale) {
			t.Errorf("Open() of a store with %s indexed %d chunks; want %d", how, chunks, len(stale))
		}
		return lexicalOf(lib.lexical)
	}
	want := open("terms")

	if err := store.ReplaceVectors(ctx, stale); err != nil {
		t.Fatal(err)
	}
	if got := open("terms of another version"); !reflect.DeepEqual(got, want) {
		t.Errorf("BM25 from terms of another version differs from BM25 from the stored terms")
	}
	// Open stored the terms it made: the next start-up reads them.
	upgraded := func(how string) {
		t.Helper()
		for _, c := range storetest.AllChunks(t, store) {
			if c.Vector.Terms.Version != termsVersion || c.Vector.Embedder == "" || len(c.Vector.Values) == 0 {
				t.Fatalf("after Open() of a store with %s, chunk %s has terms of version %d, vector of %q (%d values); want terms of version %d and its vector",
					how, c.ID, c.Vector.Terms.Version, c.Vector.Embedder, len(c.Vector.Values), termsVersion)
			}
		}
	}
	upgraded("terms of another version")
	if got := open("the terms Open stored"); !reflect.DeepEqual(got, want) {
		t.Errorf("BM25 from the terms Open stored differs from BM25 from the terms Add stored")
	}

	// A store written before terms were kept: the column is NULL.
	db, err := sql.Open("sqlite", store.Where())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `UPDATE vectors SET terms = NULL`); err != nil {
		t.Fatal(err)
	}
	if got := open("no terms"); !reflect.DeepEqual(got, want) {
		t.Errorf("BM25 from chunks without terms differs from BM25 from the stored terms")
	}
	upgraded("no terms")

	// Reindex stores the terms again.
	if err := Reindex(ctx, store, NewHashEmbedder(), 16, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range storetest.AllChunks(t, store) {
		if c.Vector.Terms.Version != termsVersion {
			t.Fatalf("after Reindex, chunk %s has terms of version %d; want %d", c.ID, c.Vector.Terms.Version, termsVersion)
		}
	}
	if got := open("terms stored by Reindex"); !reflect.DeepEqual(got, want) {
		t.Errorf("BM25 from the terms Reindex stored differs from BM25 from the terms Add stored")
	}
}

// termsFingerprint is the SHA-256 of the terms analyse makes of the samples
// of TestTermsVersion, by termsVersion.
var termsFingerprint = map[int]string{
	1:  "fd4857a112313e12f800f4794ed495a6cdea332ae41a60f95343a6559b5eb523", // before lang.TablesDigest was part of it (older versions: the samples then)
	2:  "50d9c5b47914d8a4648ca10a99b0db4479339917ee361a1e25ceb393991ec097",
	3:  "4dbe4fcbecbde6283fad83cd0e1ff797d0807e4516ec0b56332b0cf97370460d", // with the sample of chat words
	4:  "88528a5a5f1d1cc59639fbc01ec4a5601465ab6d23e8ab79744a18588605375c",
	5:  "20b890e15c76844fcc4c09f5151bf9d7e76c5f16df7f4358bf2f8135daf221bb",
	6:  "3dd3fd4661d748a186dded19c849e4f66b1991b354942dfbf635a56b20643024",
	7:  "e670370674dad25ee347ef84865a69321f9b8987f8871c215cf0bd49c8da4cfa",
	8:  "b4c76b862af22dbd3e65db8f6fec6f6c4e6588f529479ecb636a9fc196058c45",
	9:  "e02e0ee2dbf91ea03ddfe0a11841a4fc3ff2620478044537fe1dfb10538e766a",
	10: "3499e3a78085dce77a319a9ddd1e99607f9c8013e9f048de6ef490b6bc860b26",
}

// The terms analyse makes are those of termsVersion: a change to the
// tokenizer, the stemmer, the stop words or the translations that changes
// them fails here until termsVersion is raised (and its fingerprint added),
// so that the terms stored by the older version are made again rather than
// used.
func TestTermsVersion(t *testing.T) {
	samples := []struct{ title, text, language string }{
		{"Cuba's sugar harvest", "Cuba's sugar harvest reached 350,000 tonnes in 2023; the ministry's engineers, running late, repaired 3.5 mills.", "en"},
		{"Médicos cubanos en Bakú", "Los médicos cubanos atendieron a los pacientes de Azerbaiyán y la cooperación en salud creció.", "es"},
		{"Comércio entre Cuba e Azerbaijão", "O comércio bilateral bateu recorde em 2024, com açúcar, rum e petróleo.", "pt"},
		{"", "THE the The: stop words, ÜNÏCÖDE, naïve café — and “quotes” don't stop it.", ""},
		{"", "r u sure? pls tell me, they're late", "en"},
	}
	h := sha256.New()
	for _, s := range samples {
		h.Write(storage.EncodeTerms(analyse(s.title, s.text, s.language, newLocalStems())))
	}
	// The lexicons and cognate rules decide the English terms of Spanish
	// and Portuguese chunks, beyond what the samples show.
	h.Write([]byte(lang.TablesDigest()))
	got := hex.EncodeToString(h.Sum(nil))
	if want := termsFingerprint[termsVersion]; got != want {
		t.Errorf("terms of version %d have fingerprint %s; want %s: raise termsVersion when the terms change", termsVersion, got, want)
	}
}
