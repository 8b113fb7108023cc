-- Who made each rule, silence, channel and source, so each user's share of the team's caps can be counted
-- (vigil.limits.*-per-user, docs/security.md "Limits"). Rows made before this migration, and the seeds source made at
-- start-up, record nobody: they count toward the team's caps only. Deleting a user keeps what they made, for the team.
alter table rule add column created_by bigint references users (id) on delete set null;
alter table silence add column created_by bigint references users (id) on delete set null;
alter table channel add column created_by bigint references users (id) on delete set null;
alter table source add column created_by bigint references users (id) on delete set null;

-- A per-user cap is counted in the creating transaction: by index, not by reading the whole table.
create index rule_created_by_idx on rule (created_by) where created_by is not null;
create index silence_created_by_idx on silence (created_by, until) where created_by is not null;
create index channel_created_by_idx on channel (created_by) where created_by is not null;
create index source_created_by_idx on source (created_by) where created_by is not null;
