-- Who did what, when and from where (io.vigil.web.audit.AuditLog). Rows are only ever added.
create table audit_event (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    -- the username (or "source:NAME" for a push token, "anonymous" for a failed sign-in's unknown caller)
    actor       text        not null,
    -- the user's id at the time; no foreign key, so the record outlives the user
    actor_id    bigint,
    address     text,
    -- what was done, "<kind>.<verb>": rule.create, user.role, session.sign-in-failed, …
    action      text        not null,
    target_type text        not null,
    target_id   text,
    target_name text,
    detail      text
);

create index audit_event_at_idx on audit_event (at desc, id desc);
create index audit_event_actor_idx on audit_event (actor, at desc);
create index audit_event_target_idx on audit_event (target_type, target_id);
