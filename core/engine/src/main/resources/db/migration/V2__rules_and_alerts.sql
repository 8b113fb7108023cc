-- Watch rules, the channels they notify, why each article matched, and one alert per (rule, story).

create table rule (
    id             bigserial primary key,
    name           text        not null,
    type           text        not null default 'query',
    query          text        not null,
    enabled        boolean     not null default true,
    -- immediate: one notification when a story first matches; hourly/daily: grouped into a digest
    delivery       text        not null default 'immediate' check (delivery in ('immediate', 'hourly', 'daily')),
    -- whether an immediate rule also notifies when a story it alerted on is carried by more outlets
    notify_updates boolean     not null default false,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

create table channel (
    id         bigserial primary key,
    type       text        not null,
    name       text        not null unique,
    config     jsonb       not null default '{}',
    enabled    boolean     not null default true,
    created_at timestamptz not null default now()
);

create table rule_channel (
    rule_id    bigint not null references rule (id) on delete cascade,
    channel_id bigint not null references channel (id) on delete cascade,
    primary key (rule_id, channel_id)
);

-- Why a rule matched an article: the terms and the passages with the terms marked.
create table article_match (
    id            bigserial primary key,
    rule_id       bigint      not null references rule (id) on delete cascade,
    article_id    bigint      not null references article (id) on delete cascade,
    matched_terms text[]      not null,
    -- [{"field": "body", "text": "...", "marks": [[start, end], ...]}]
    snippets      jsonb       not null default '[]',
    matched_at    timestamptz not null default now(),
    constraint article_match_once unique (rule_id, article_id)
);

create index article_match_article_idx on article_match (article_id);

create table alert (
    id               bigserial primary key,
    rule_id          bigint      not null references rule (id) on delete cascade,
    story_id         bigint      not null references story (id),
    title            text        not null,
    article_count    integer     not null default 1,
    first_article_id bigint      not null references article (id),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    -- a silence matched when the alert opened: recorded, never sent
    muted            boolean     not null default false,
    acknowledged_at  timestamptz,
    feedback         text check (feedback in ('relevant', 'not_relevant')),
    constraint alert_once_per_rule_and_story unique (rule_id, story_id)
);

create index alert_created_idx on alert (created_at desc, id desc);

-- The articles of a story that matched the alert's rule, with their outlets ("also reported by …").
create table alert_article (
    alert_id   bigint      not null references alert (id) on delete cascade,
    article_id bigint      not null references article (id) on delete cascade,
    added_at   timestamptz not null default now(),
    primary key (alert_id, article_id)
);
