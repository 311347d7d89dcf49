package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Option changes how Load works.
type Option func(*loadOptions)

type loadOptions struct {
	environ []string
	warn    func(string)
}

// WarnUnknownEnv makes Load call warn for every CABOT_* variable of environ
// ("KEY=value" strings, as os.Environ returns them) that is not a setting,
// naming the nearest setting when one is close: a misspelt variable is
// otherwise ignored without a word.
func WarnUnknownEnv(environ []string, warn func(string)) Option {
	return func(o *loadOptions) { o.environ, o.warn = environ, warn }
}

// otherVars are the CABOT_* variables that are not settings.
var otherVars = []string{"CABOT_CONFIG"}

// Load returns the defaults overridden by the file at path and then by the
// environment (looked up through getenv). With required false, a missing file
// is not an error (that is how the default cabot.toml is read).
func Load(path string, required bool, getenv func(string) (string, bool), opts ...Option) (Config, error) {
	var o loadOptions
	for _, opt := range opts {
		opt(&o)
	}
	if o.warn != nil {
		for _, w := range unknownEnv(o.environ) {
			o.warn(w)
		}
	}
	cfg := Default()
	if path != "" {
		data, err := os.ReadFile(path)
		switch {
		case errors.Is(err, os.ErrNotExist) && !required:
		case err != nil:
			return Config{}, fmt.Errorf("config: read %s: %w", path, err)
		default:
			md, err := toml.Decode(string(data), &cfg)
			if err != nil {
				return Config{}, fmt.Errorf("config: %s: %w", path, err)
			}
			if und := md.Undecoded(); len(und) > 0 {
				return Config{}, fmt.Errorf("config: %s: unknown setting %q", path, und[0].String())
			}
			if err := checkDurationUnits(&cfg, md, data); err != nil {
				return Config{}, fmt.Errorf("config: %s: %w", path, err)
			}
		}
	}
	if err := applyEnv(&cfg, getenv); err != nil {
		return Config{}, err
	}
	if cfg.Discord.Token == "" {
		if v, ok := getenv("DISCORD_TOKEN"); ok {
			cfg.Discord.Token = strings.TrimSpace(v)
		}
	}
	// Each provider's usual variables, when the settings leave them empty.
	keyVar := map[string]string{"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}
	if v, ok := getenv(keyVar[cfg.LLM.Provider]); ok && cfg.LLM.APIKey == "" && keyVar[cfg.LLM.Provider] != "" {
		cfg.LLM.APIKey = strings.TrimSpace(v)
	}
	if v, ok := getenv(keyVar[cfg.Embedder.Provider]); ok && cfg.Embedder.APIKey == "" && keyVar[cfg.Embedder.Provider] != "" {
		cfg.Embedder.APIKey = strings.TrimSpace(v)
	}
	if cfg.LLM.Provider == "openai" {
		if v, ok := getenv("OPENAI_BASE_URL"); ok && cfg.LLM.BaseURL == "" {
			cfg.LLM.BaseURL = strings.TrimSpace(v)
		}
		if v, ok := getenv("OPENAI_MODEL"); ok && cfg.LLM.Model == "" {
			cfg.LLM.Model = strings.TrimSpace(v)
		}
	}
	if cfg.LLM.Provider == "ollama" && cfg.LLM.BaseURL == "" {
		if v, ok := getenv("OLLAMA_HOST"); ok {
			cfg.LLM.BaseURL = ollamaURL(v)
		}
	}
	return cfg, nil
}

// unknownEnv returns a warning for every CABOT_* variable of environ that is
// not a setting.
func unknownEnv(environ []string) []string {
	known := append([]string(nil), otherVars...)
	cfg := Default()
	_ = walk(reflect.ValueOf(&cfg).Elem(), "", func(name string, _ reflect.Value, _ reflect.StructField) error {
		known = append(known, EnvName(name))
		return nil
	})
	var warnings []string
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(k, "CABOT_") || slices.Contains(known, k) {
			continue
		}
		best, bestD := "", -1
		for _, n := range known {
			if d := editDistance(k, n); bestD < 0 || d < bestD {
				best, bestD = n, d
			}
		}
		msg := fmt.Sprintf("warning: %s is not a setting", k)
		if bestD <= 1+len(strings.TrimPrefix(k, "CABOT_"))/4 {
			msg += fmt.Sprintf(" (did you mean %s?)", best)
		}
		warnings = append(warnings, msg)
	}
	return warnings
}

// editDistance is the Levenshtein distance between a and b, in bytes (the
// names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// EnvName returns the environment variable of a setting such as "answer.passages".
func EnvName(setting string) string {
	return "CABOT_" + strings.ToUpper(strings.ReplaceAll(setting, ".", "_"))
}

// applyEnv sets every field whose CABOT_* variable is set.
func applyEnv(cfg *Config, getenv func(string) (string, bool)) error {
	return walk(reflect.ValueOf(cfg).Elem(), "", func(name string, f reflect.Value, _ reflect.StructField) error {
		v, ok := getenv(EnvName(name))
		if !ok {
			return nil
		}
		if f.Type() == durationType && isBareNumber(v) {
			return fmt.Errorf("config: %s=%q: %w", EnvName(name), v, noUnit(name, strings.TrimSpace(v)))
		}
		if err := setString(f, v); err != nil {
			return fmt.Errorf("config: %s=%q: %w", EnvName(name), v, err)
		}
		return nil
	})
}

var durationType = reflect.TypeOf(time.Duration(0))

// checkDurationUnits refuses a duration written in the file as a bare number:
// the TOML decoder would read `timeout = 5` as 5 nanoseconds.
func checkDurationUnits(cfg *Config, md toml.MetaData, data []byte) error {
	return walk(reflect.ValueOf(cfg).Elem(), "", func(name string, f reflect.Value, _ reflect.StructField) error {
		key := strings.Split(name, ".")
		if f.Type() != durationType || !md.IsDefined(key...) {
			return nil
		}
		if md.Type(key...) != "Integer" {
			return nil
		}
		var raw map[string]any
		if _, err := toml.Decode(string(data), &raw); err != nil {
			return err
		}
		var v any = raw
		for _, k := range key {
			m, _ := v.(map[string]any)
			v = m[k]
		}
		return noUnit(name, fmt.Sprint(v))
	})
}

// isBareNumber reports whether s is a number without a unit ("30", "1.5").
func isBareNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

func noUnit(name, v string) error {
	return fmt.Errorf("%s: %s has no unit; write %ss", name, v, v)
}

// walk calls fn for every leaf setting with its dotted name.
func walk(v reflect.Value, prefix string, fn func(string, reflect.Value, reflect.StructField) error) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := strings.Split(sf.Tag.Get("toml"), ",")[0]
		if tag == "" || tag == "-" || !sf.IsExported() {
			continue
		}
		name := tag
		if prefix != "" {
			name = prefix + "." + tag
		}
		f := v.Field(i)
		if f.Kind() == reflect.Struct && f.Type() != reflect.TypeOf(time.Time{}) {
			if err := walk(f, name, fn); err != nil {
				return err
			}
			continue
		}
		if err := fn(name, f, sf); err != nil {
			return err
		}
	}
	return nil
}

func setString(f reflect.Value, s string) error {
	s = strings.TrimSpace(s)
	if f.Type() == durationType {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("want a duration such as 30s or 2m")
		}
		f.SetInt(int64(d))
		return nil
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(s)
	case reflect.Int, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("want a whole number")
		}
		f.SetInt(n)
	case reflect.Float64:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("want a number")
		}
		f.SetFloat(x)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		f.SetBool(b)
	case reflect.Slice:
		var items []string
		for _, it := range strings.Split(s, ",") {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, it)
			}
		}
		f.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("unsupported setting type %s", f.Type())
	}
	return nil
}
