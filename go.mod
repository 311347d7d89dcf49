module cabot

go 1.26.8

require (
	codeberg.org/readeck/go-readability/v2 v2.1.3
	github.com/BurntSushi/toml v1.6.0
	github.com/VictoriaMetrics/metrics v1.45.0
	github.com/bwmarrin/discordgo v0.29.0
	github.com/gabriel-vasile/mimetype v1.4.16
	github.com/gorilla/websocket v1.5.0
	github.com/kljensen/snowball v0.10.0
	github.com/ledongthuc/pdf v0.0.0-20260907135840-6c8c28e0e8a0
	github.com/lib/pq v1.12.3
	github.com/philippgille/chromem-go v0.7.0
	github.com/tmc/langchaingo v0.1.14
	golang.org/x/net v0.62.0
	golang.org/x/text v0.44.0
	golang.org/x/time v0.16.0
	modernc.org/sqlite v1.62.0
)

require (
	github.com/andybalholm/cascadia v1.3.3 // indirect
	github.com/dlclark/regexp2 v1.10.0 // indirect
	github.com/dustin/go-humanize v1.1.0 // indirect
	github.com/go-shiori/dom v0.0.0-20230515143342-73569d674e1c // indirect
	github.com/gogs/chardet v0.0.0-20211120154057-b7413eaefb8f // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/itlightning/dateparse v0.2.1 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/ncruces/go-strftime v1.1.0 // indirect
	github.com/pkoukk/tiktoken-go v0.1.6 // indirect
	github.com/remyoudompheng/bigfft v0.0.0-20230129092748-24d4a6f8daec // indirect
	github.com/stretchr/testify v1.12.1 // indirect
	github.com/valyala/fastrand v1.1.0 // indirect
	github.com/valyala/histogram v1.2.0 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	modernc.org/libc v1.80.1 // indirect
	modernc.org/mathutil v1.7.1 // indirect
	modernc.org/memory v1.12.1 // indirect
)

// langchaingo v0.1.14 requires these Google Cloud modules for llms/googleai and
// its Google vector stores, none of which cabot uses (see LIBRARY-NOTES.md).
// Excluding them keeps them out of the module graph, and an import that
// needs one fails to build instead of linking it.
exclude (
	cloud.google.com/go v0.116.0
	cloud.google.com/go/ai v0.7.0
	cloud.google.com/go/aiplatform v1.69.0
	cloud.google.com/go/alloydb v1.14.0
	cloud.google.com/go/alloydbconn v1.13.2
	cloud.google.com/go/auth v0.14.0
	cloud.google.com/go/auth/oauth2adapt v0.2.7
	cloud.google.com/go/cloudsqlconn v1.14.1
	cloud.google.com/go/compute/metadata v0.6.0
	cloud.google.com/go/iam v1.2.2
	cloud.google.com/go/longrunning v0.6.2
	cloud.google.com/go/vertexai v0.12.0
)

// langchaingo v0.1.14 also requires these, for its PostgreSQL vector stores
// and memories (pgx), llms/googleai and Pinecone (protocol buffers) and as
// indirect requirements of its other integrations, none of which cabot
// uses. cabot reaches PostgreSQL through github.com/lib/pq; excluding them
// keeps them out of the module graph in the same way.
exclude (
	github.com/gogo/protobuf v1.3.2
	github.com/golang/protobuf v1.5.4
	github.com/jackc/pgpassfile v1.0.0
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761
	github.com/jackc/pgx/v5 v5.7.2
	github.com/jackc/puddle/v2 v2.2.2
	github.com/prometheus/client_golang v1.20.5
	google.golang.org/protobuf v1.36.3
)
