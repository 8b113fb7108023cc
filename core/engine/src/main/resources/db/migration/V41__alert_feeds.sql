-- Atom feeds of alerts: each belongs to a user, shows all alerts or one rule's, and is read with a token in its URL
-- that needs nothing else (feed readers cannot sign in). Only a SHA-256 of the token is kept; it is shown once.
-- Revoking a feed deletes its row, so its URL answers 404 at once.
create table alert_feed (
    id           bigserial primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    name         text        not null,
    -- null: every alert; a deleted rule takes its feeds with it
    rule_id      bigint      references rule (id) on delete cascade,
    token_hash   text        not null unique,
    -- the first characters of the token, so its owner can tell feeds apart
    prefix       text        not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz
);

create index alert_feed_user_idx on alert_feed (user_id);
-- A feed lists the alerts that changed most recently.
create index alert_updated_idx on alert (updated_at desc, id desc);
