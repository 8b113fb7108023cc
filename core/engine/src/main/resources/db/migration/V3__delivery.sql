-- Alert delivery: the transactional outbox, every delivery attempt, silences and digest bookkeeping.

-- When a channel's settings last changed: notifiers are cached per channel and rebuilt when this moves on.
alter table channel add column updated_at timestamptz not null default now();

-- When the alert was last reported (opened, updated or put into a digest); null while nothing was sent for it.
-- Updates are rate-limited on it, and a digest takes the rule's alerts that are still null.
alter table alert add column notified_at timestamptz;

create index alert_undigested_idx on alert (rule_id, created_at) where notified_at is null and not muted;

-- One row per notification and channel. The notification id is the receiver's key for dropping repeats: the same on
-- every attempt and on every channel the notification goes to (webhook-id, the e-mail Message-ID).
create table outbox (
    id              bigserial primary key,
    notification_id uuid        not null,
    channel_id      bigint      not null references channel (id) on delete cascade,
    kind            text        not null check (kind in ('alert', 'update', 'digest')),
    -- the alerts the notification reports: one for an alert or update, the period's alerts for a digest
    alert_ids       bigint[]    not null,
    rule_id         bigint      references rule (id) on delete cascade,
    status          text        not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    -- attempts started; counted when a worker claims the row, so an attempt cut short by a crash still counts
    attempts        integer     not null default 0,
    -- when the row is next due; a worker that claims it pushes this a lease ahead, so a dead worker's rows come back
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    constraint outbox_once_per_channel unique (notification_id, channel_id)
);

create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';
create index outbox_channel_due_idx on outbox (channel_id, next_attempt_at) where status = 'pending';
create index outbox_dead_idx on outbox (created_at desc) where status = 'dead';

-- The delivery log: every attempt, kept after the outbox row is delivered or dead.
create table delivery_attempt (
    id              bigserial primary key,
    notification_id uuid        not null,
    outbox_id       bigint      references outbox (id) on delete set null,
    channel_id      bigint      references channel (id) on delete set null,
    channel_name    text        not null,
    kind            text        not null,
    attempt         integer     not null,
    -- delivered; failed (temporary, retried later); dead (permanent, or the last attempt allowed)
    status          text        not null check (status in ('delivered', 'failed', 'dead')),
    response_code   integer,
    response        text,
    error           text,
    latency_ms      bigint      not null,
    attempted_at    timestamptz not null default now()
);

create index delivery_attempt_time_idx on delivery_attempt (attempted_at desc, id desc);
create index delivery_attempt_notification_idx on delivery_attempt (notification_id);
create index delivery_attempt_channel_idx on delivery_attempt (channel_id, attempted_at desc);

-- Mutes a rule, or every alert whose article matches a query (or both: that rule's matching alerts), until a time.
create table silence (
    id         bigserial primary key,
    rule_id    bigint      references rule (id) on delete cascade,
    query      text,
    until      timestamptz not null,
    comment    text        not null default '',
    created_at timestamptz not null default now(),
    constraint silence_mutes_something check (rule_id is not null or query is not null)
);

create index silence_until_idx on silence (until);

-- The last digest period each hourly or daily rule was collected for. Advancing it and marking the period's alerts
-- notified happen in one transaction, so a period is collected exactly once across restarts and instances.
create table digest_schedule (
    rule_id     bigint      primary key references rule (id) on delete cascade,
    last_period timestamptz not null,
    updated_at  timestamptz not null default now()
);
