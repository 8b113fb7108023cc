-- How many documents each source's push token pushed in its current minute, shared by every instance, so a leaked
-- push token cannot fill the archive (vigil.limits.pushes-per-token; docs/security.md, "Limits").
create table push_rate (
    source_id    bigint      primary key references source (id) on delete cascade,
    window_start timestamptz not null,
    documents    integer     not null
);
