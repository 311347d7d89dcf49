package config

import (
	"fmt"
	"strconv"
	"strings"
)

// HandoffMaps returns discord.handoff_channels and discord.handoff_role as
// server ID → channel ID and server ID → role ID.
func (d Discord) HandoffMaps() (channels, roles map[string]string, err error) {
	if channels, err = idPairs("discord.handoff_channels", "serverID:channelID", d.HandoffChannels); err != nil {
		return nil, nil, err
	}
	if roles, err = idPairs("discord.handoff_role", "serverID:roleID", d.HandoffRole); err != nil {
		return nil, nil, err
	}
	return channels, roles, nil
}

// idPairs parses "ID:ID" pairs of Discord IDs into a map.
func idPairs(key, form string, pairs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range pairs {
		a, b, ok := strings.Cut(pair, ":")
		_, errA := strconv.ParseUint(a, 10, 64)
		_, errB := strconv.ParseUint(b, 10, 64)
		if !ok || errA != nil || errB != nil {
			return nil, fmt.Errorf("%s: %q is not \"%s\"", key, pair, form)
		}
		out[a] = b
	}
	return out, nil
}

// AnswerStyleMap returns discord.server_answer_styles as server ID → style
// ("embed" or "text").
func (d Discord) AnswerStyleMap() (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range d.ServerAnswerStyles {
		g, st, ok := strings.Cut(pair, ":")
		_, errG := strconv.ParseUint(g, 10, 64)
		if !ok || errG != nil || (st != "embed" && st != "text") {
			return nil, fmt.Errorf("discord.server_answer_styles: %q is not \"serverID:embed\" or \"serverID:text\"", pair)
		}
		out[g] = st
	}
	return out, nil
}

// AuditChannelMap returns documents.audit_channels as server ID → channel ID.
func (d Documents) AuditChannelMap() (map[string]string, error) {
	return idPairs("documents.audit_channels", "serverID:channelID", d.AuditChannels)
}
