package config

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func FuzzLoad(f *testing.F) {
	f.Add([]byte(sampleFile))
	f.Add([]byte(""))
	f.Add([]byte("[answer]\npassage = 3\n"))
	f.Add([]byte("[answer\npassages = 3\n"))
	f.Add([]byte("[answer]\npassages = \"six\"\n"))
	f.Add([]byte("answer = 3\n"))
	f.Add([]byte("data_dir = \"\xff\"\n"))
	f.Add([]byte("[answer]\nmin_relevance = inf\npassages = 99999999999999999999\n"))
	f.Add([]byte("[[answer]]\npassages = 1\n"))
	f.Add([]byte("log_level = '''\nmulti\nline'''\n[other.deep]\nx = [1, {a = 2}]\n"))

	// Inputs run one at a time in each process, so they can share files.
	dir := f.TempDir()
	path := filepath.Join(dir, "cabot.toml")
	path2 := filepath.Join(dir, "again.toml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(path, true, envFrom(nil))
		if err != nil {
			if !reflect.DeepEqual(cfg, Config{}) {
				t.Errorf("Load(%q) = %+v, %v; want the zero Config with an error", data, cfg, err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("Load(%q) error = %q; want it to name the file", data, err)
			}
			return
		}
		// A loaded configuration printed and loaded again is the same.
		out := Format(cfg)
		if err := os.WriteFile(path2, []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
		again, err := Load(path2, true, envFrom(nil))
		if err != nil {
			t.Fatalf("Load(Format(Load(%q))) error: %v\n%s", data, err, out)
		}
		if !sameConfig(again, cfg) {
			t.Errorf("Load(Format(Load(%q))) = %+v; want %+v\n%s", data, again, cfg, out)
		}
	})
}

// sameConfig is == except that NaN equals NaN.
func sameConfig(a, b Config) bool {
	if math.IsNaN(a.Answer.MinRelevance) && math.IsNaN(b.Answer.MinRelevance) {
		a.Answer.MinRelevance, b.Answer.MinRelevance = 0, 0
	}
	return reflect.DeepEqual(a, b)
}
