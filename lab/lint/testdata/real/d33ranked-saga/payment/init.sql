CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    credit INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS idempotency_keys (
    key TEXT PRIMARY KEY,
    status_code INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS prepared_transactions (
    txn_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS compensating_transactions (
    txn_id     TEXT      PRIMARY KEY,
    user_id    TEXT      NOT NULL,
    amount     INTEGER   NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT NOW()
);