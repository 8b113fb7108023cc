-- One-time start-up steps that need the application (its plugins' settings specs, the secrets key) and so cannot be
-- SQL migrations: each runs once per database, on the first instance that gets to insert its row, in the same
-- transaction as its work, so an instance that dies half way leaves no row and the next start does it again.
create table maintenance_step (
    name    text        primary key,
    done_at timestamptz not null default now()
);
