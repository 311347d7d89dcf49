package main

import (
	"cabot/bot"
	"cmp"
	"context"
	"fmt"
)

func serveCommand() *command {
	return &command{
		name: "serve", args: "", logLevel: "info",
		summary: "Run the Discord bot until interrupted (SIGINT or SIGTERM). The token comes from\nCABOT_DISCORD_TOKEN (or DISCORD_TOKEN, or discord.token in cabot.toml).",
		run: func(ctx context.Context, e env, a *app, _ []string) error {
			cfg := a.cfg
			if cfg.Discord.Token == "" {
				return usagef("no Discord bot token: set CABOT_DISCORD_TOKEN (or DISCORD_TOKEN) to the token from the Discord developer portal")
			}
			if err := a.open(ctx, needService); err != nil {
				return err
			}
			defer a.follow(ctx)()
			d, log := cfg.Discord, a.log
			audit, err := cfg.Documents.AuditChannelMap()
			if err != nil {
				return err
			}
			styles, err := d.AnswerStyleMap()
			if err != nil {
				return err
			}
			handoffChannels, handoffRoles, err := d.HandoffMaps()
			if err != nil {
				return err
			}
			var metrics *bot.Metrics
			if cfg.Metrics.Listen != "" {
				metrics = bot.NewMetrics()
			}
			b, err := bot.New(bot.Config{
				Token: d.Token, APIBaseURL: d.APIBaseURL, Guilds: d.Guilds, MessageContent: d.MessageContent,
				MaxConcurrent: cmp.Or(d.MaxConcurrent, a.svc.AnswerSlots()), MaxQueue: d.MaxQueue, QueueWait: d.QueueWait,
				UserPerMinute: d.UserPerMinute, GuildPerMinute: d.GuildPerMinute,
				AnswerTimeout: a.svc.AnswerTimeout(d.AnswerTimeout), ShutdownTimeout: d.ShutdownTimeout, AnswerMode: a.svc.Mode(),
				ModeratorRoles: cfg.Documents.ModeratorRoles, SharedLibrary: cfg.Documents.Shared,
				AuditChannels: audit, MaxDocumentBytes: cfg.Documents.MaxBytes, MaxDocumentsPerServer: cfg.Documents.MaxPerServer,
				MaxQuestion: d.MaxQuestion, PreviewTTL: d.PreviewTTL, StreamEditInterval: d.StreamEditInterval,
				ShardID: d.ShardID, ShardCount: d.ShardCount, AutoShards: d.Shards == "auto",
				AnswerStyle: d.AnswerStyle, AnswerStyles: styles, HandoffChannels: handoffChannels, HandoffRoles: handoffRoles,
			}, bot.Deps{
				Metrics:   metrics,
				Knowledge: a.svc,
				Records:   a.store,
				Library:   a.svc,
				Fetcher:   a.fetcher(),
			}, log)
			if err != nil {
				return err
			}
			docs, chunks := a.svc.Stats()
			log.Info("serving", "documents", docs, "chunks", chunks, "store", a.store.Where())
			if metrics != nil {
				ready := func() error {
					if err := b.Connected(); err != nil {
						return err
					}
					return a.store.Ping(ctx)
				}
				addr, _, err := metrics.Serve(ctx, cfg.Metrics.Listen, ready)
				if err != nil {
					return fmt.Errorf("metrics listener: %w", err)
				}
				log.Info("health and metrics listening", "addr", addr.String())
			}
			if err := b.Run(ctx); err != nil {
				return err
			}
			log.Info("stopped")
			return nil
		},
	}
}
