-- The alert as one aggregate (io.vigil.engine.alert): who acknowledged and judged an alert and when, one spelling of
-- "not judged yet", escalation; routes per channel with their own delivery, digest times per channel, and the alerts
-- each digest route still owes.

-- Feedback is a closed set with one spelling for "not judged yet": 'unjudged' (it was NULL in the table and "none" in
-- the inbox form).
update alert set feedback = 'unjudged' where feedback is null;
alter table alert drop constraint alert_feedback_check;
alter table alert alter column feedback set default 'unjudged';
alter table alert alter column feedback set not null;
alter table alert add constraint alert_feedback_check check (feedback in ('unjudged', 'relevant', 'not_relevant'));

-- Who acknowledged and judged the alert (the username, kept when the user is deleted) and when it was judged.
alter table alert
    add column acknowledged_by text,
    add column judged_by       text,
    add column judged_at       timestamptz,
    -- when the story reached the rule's escalation threshold; set once, and the escalation notification with it
    add column escalated_at    timestamptz,
    -- the distinct outlets that had carried the story within the escalation time when it escalated
    add column escalated_outlets integer;

-- The inbox filters by rule and pages newest first.
create index alert_rule_created_idx on alert (rule_id, created_at desc, id desc);
-- The outlet filter and the alert page find the alerts of an article.
create index alert_article_article_idx on alert_article (article_id);

-- Weekly digests.
alter table rule drop constraint rule_delivery_check;
alter table rule add constraint rule_delivery_check check (delivery in ('immediate', 'hourly', 'daily', 'weekly'));

-- A rule's escalation: one notification when its story reaches this many distinct outlets within this many seconds
-- of its first article. Both or neither.
alter table rule
    add column escalation_outlets        integer check (escalation_outlets between 2 and 1000),
    add column escalation_within_seconds bigint check (escalation_within_seconds between 60 and 2592000),
    add constraint rule_escalation_whole check ((escalation_outlets is null) = (escalation_within_seconds is null));

-- Routes: rule_channel rows are a rule's routes, each with its own delivery. NULL follows rule.delivery, which is what
-- the one-mode shorthand (channels + delivery) writes.
alter table rule_channel
    add column delivery text check (delivery in ('immediate', 'hourly', 'daily', 'weekly'));

-- When a channel's digests go out; NULL takes vigil.delivery.digest-hour, time-zone and digest-day.
alter table channel
    add column digest_hour      smallint check (digest_hour between 0 and 23),
    add column digest_time_zone text,
    add column digest_day       text check (digest_day in
        ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'));

-- Escalations are notifications of their own kind.
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check check (kind in ('alert', 'update', 'digest', 'escalation'));
-- The alert page lists the notifications made for an alert.
create index outbox_alert_ids_idx on outbox using gin (alert_ids);

-- The alerts each digest route still has to report: queued when the alert opens, taken (deleted) by the digest of
-- the period the alert opened in. A route that is removed takes its queue with it.
create table alert_digest_queue (
    rule_id    bigint      not null,
    channel_id bigint      not null,
    alert_id   bigint      not null references alert (id) on delete cascade,
    opened_at  timestamptz not null,
    primary key (rule_id, channel_id, alert_id),
    foreign key (rule_id, channel_id) references rule_channel (rule_id, channel_id) on delete cascade
);

create index alert_digest_queue_alert_idx on alert_digest_queue (alert_id);

-- What the old per-rule digest still owed: its unsent, unmuted alerts, now owed by each of the rule's routes.
insert into alert_digest_queue (rule_id, channel_id, alert_id, opened_at)
select rc.rule_id, rc.channel_id, a.id, a.created_at
from alert a
join rule r on r.id = a.rule_id
join rule_channel rc on rc.rule_id = a.rule_id
where a.notified_at is null and not a.muted and r.delivery in ('hourly', 'daily');

-- The last digest period collected, per route rather than per rule.
create table digest_period (
    rule_id     bigint      not null,
    channel_id  bigint      not null,
    last_period timestamptz not null,
    updated_at  timestamptz not null default now(),
    primary key (rule_id, channel_id),
    foreign key (rule_id, channel_id) references rule_channel (rule_id, channel_id) on delete cascade
);

insert into digest_period (rule_id, channel_id, last_period, updated_at)
select s.rule_id, rc.channel_id, s.last_period, s.updated_at
from digest_schedule s join rule_channel rc on rc.rule_id = s.rule_id;

drop table digest_schedule;

-- Digests no longer read alert.notified_at (it now rate-limits immediate updates only).
drop index alert_undigested_idx;
