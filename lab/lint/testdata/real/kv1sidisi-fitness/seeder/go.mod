module gitlab.sqlwars.ru/dbd25/M3207_LyapunovVA/seed

go 1.23.0

toolchain go1.23.4

require (
	github.com/go-faker/faker/v4 v4.6.1
	github.com/jackc/pgtype v1.14.4
	github.com/jackc/pgx/v4 v4.18.3
	github.com/mroth/weightedrand/v2 v2.1.0
	golang.org/x/crypto v0.38.0
)

require (
	github.com/gofrs/uuid v4.0.0+incompatible // indirect
	github.com/jackc/chunkreader/v2 v2.0.1 // indirect
	github.com/jackc/pgconn v1.14.3 // indirect
	github.com/jackc/pgio v1.0.0 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgproto3/v2 v2.3.3 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/joho/godotenv v1.5.1 // indirect
	github.com/lib/pq v1.10.9 // indirect
	github.com/shopspring/decimal v1.2.0 // indirect
	golang.org/x/text v0.25.0 // indirect
)
