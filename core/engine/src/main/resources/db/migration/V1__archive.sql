-- The archive: configured sources, the articles they produced, and the stories that group copies of one article.

create table source (
    id                   bigserial primary key,
    type                 text        not null,
    name                 text        not null unique,
    config               jsonb       not null default '{}',
    cursor               jsonb       not null default '{}',
    enabled              boolean     not null default true,
    fetch_interval_seconds integer   not null default 300,
    next_fetch_at        timestamptz not null default now(),
    last_fetch_at        timestamptz,
    last_success_at      timestamptz,
    last_error           text,
    last_error_at        timestamptz,
    consecutive_failures integer     not null default 0,
    last_new             integer     not null default 0,
    last_duplicate       integer     not null default 0,
    last_failed          integer     not null default 0,
    -- the most recent items a fetch skipped, with the reason: [{"item": "...", "reason": "...", "at": "..."}]
    skipped              jsonb       not null default '[]',
    created_at           timestamptz not null default now()
);

create table story (
    id            bigserial primary key,
    title         text        not null,
    article_count integer     not null default 0,
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null
);

create index story_last_seen_idx on story (last_seen_at desc);

create table article (
    id            bigserial primary key,
    -- the configured source that fetched it; null for pushes without a source, or after the source was deleted
    source_id     bigint      references source (id) on delete set null,
    -- the outlet as shown to users; an article is stored once per outlet
    source_name   text        not null,
    external_id   text        not null,
    url           text,
    title         text        not null,
    body          text        not null,
    published_at  timestamptz,
    fetched_at    timestamptz not null,
    language      text,
    content_hash  text        not null,
    minhash       integer[]   not null,
    sketch_bands  bigint[]    not null,
    story_id      bigint      not null references story (id),
    metadata      jsonb       not null default '{}',
    search_vector tsvector generated always as (
        to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))) stored,
    constraint article_once_per_outlet unique (source_name, content_hash)
);

create index article_story_idx on article (story_id);
create index article_content_hash_idx on article (content_hash);
create index article_fetched_idx on article (fetched_at desc, id desc);
-- fastupdate off: every ingest searches this index right after the previous insert, and a pending list would be
-- scanned on each search (slow until vacuum cleans it)
create index article_bands_idx on article using gin (sketch_bands) with (fastupdate = off);
create index article_search_idx on article using gin (search_vector);
