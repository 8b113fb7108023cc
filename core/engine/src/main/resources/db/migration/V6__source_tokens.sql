-- Push tokens: a per-source secret with which an external scraper or mail bridge pushes into that source through
-- POST /api/ingest. Only a SHA-256 hash of the token is kept; the token itself is shown once, when it is made.
alter table source
    add column push_token_hash       text unique,
    add column push_token_created_at timestamptz;
