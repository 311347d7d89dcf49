package config

import (
	"bytes"
	"fmt"
	"net/url"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
)

// Secrets returns the configured secrets that are set: the tokens and keys
// (fields tagged secret) and the passwords of URL settings, for scrubbing
// them from logs and error messages.
func (c Config) Secrets() []string {
	var out []string
	_ = walk(reflect.ValueOf(&c).Elem(), "", func(_ string, f reflect.Value, sf reflect.StructField) error {
		if f.Kind() != reflect.String || f.String() == "" {
			return nil
		}
		if sf.Tag.Get("secret") == "true" {
			out = append(out, f.String())
		} else if u, err := url.Parse(f.String()); err == nil && u.User != nil {
			if p, ok := u.User.Password(); ok && p != "" {
				out = append(out, p)
			}
		}
		return nil
	})
	return out
}

// String returns the configuration as TOML, with every secret redacted.
func (c Config) String() string {
	return Format(c)
}

// Format encodes a configuration struct (or a pointer to one) as TOML,
// printing each non-empty string field tagged `secret:"true"` as
// "<redacted>", and the password of any URL in a string field as xxxxx,
// wherever they are: in sections, embedded structs or behind pointers. The
// value passed in is not changed.
func Format(v any) string {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return fmt.Sprintf("# cannot encode configuration of type %T\n", v)
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(redacted(rv).Interface()); err != nil {
		return fmt.Sprintf("# cannot encode configuration: %v\n", err)
	}
	return b.String()
}

// redactURL hides the password of a URL with userinfo
// (http://user:xxxxx@host); any other value is returned as it is.
func redactURL(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); !ok {
		return s
	}
	return u.Redacted()
}

// redacted returns a deep copy of the struct v with its secrets replaced.
func redacted(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	out.Set(v)
	for i := 0; i < v.NumField(); i++ {
		sf := v.Type().Field(i)
		if !sf.IsExported() && !sf.Anonymous {
			continue
		}
		f := out.Field(i)
		if !f.CanSet() {
			continue
		}
		switch {
		case sf.Tag.Get("secret") == "true" && f.Kind() == reflect.String:
			if f.String() != "" {
				f.SetString("<redacted>")
			}
		case f.Kind() == reflect.String:
			f.SetString(redactURL(f.String()))
		case f.Kind() == reflect.Struct:
			f.Set(redacted(f))
		case f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Struct:
			p := reflect.New(f.Elem().Type())
			p.Elem().Set(redacted(f.Elem()))
			f.Set(p)
		}
	}
	return out
}
