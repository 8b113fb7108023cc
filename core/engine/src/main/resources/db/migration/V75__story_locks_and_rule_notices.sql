-- Story placement is serialised per candidate, not globally (StoryFinder#lockCandidates): a storing transaction locks,
-- in ascending order, the stripes of its articles' content hashes and similarity bands. Two copies of one story share
-- the hash or a band, so they take one stripe in turn and the second sees the first; unrelated articles mostly take
-- disjoint stripes and store in parallel. Row locks rather than advisory locks, because a batch locks hundreds of
-- stripes and advisory locks share a small fixed lock table (max_locks_per_transaction) while row locks cost nothing
-- there. 65,536 stripes: two unrelated articles (43 stripes each) collide with probability about 3%.
create table story_lock (stripe integer primary key);
insert into story_lock (stripe) select generate_series(0, 65535);

-- Every instance sharing the database learns of a rule change when it commits (RuleBook listens on this channel),
-- instead of at its next periodic re-check. The payload is the rule's id.
create function notify_rule_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('vigil_rule_changed', coalesce(new.id, old.id)::text);
    return null;
end
$$;

create trigger rule_changed_notice
    after insert or update or delete on rule
    for each row execute function notify_rule_changed();
