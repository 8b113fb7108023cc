-- Where a new article belongs, looked up for every ingested article (StoryFinder): this outlet's own copy (kind 1),
-- another outlet's exact copy (kind 2), or the newest near-copy candidates sharing a similarity band (kind 3, only
-- when there is no exact copy).
--
-- A function, because of its SET clauses: PostgreSQL has no element statistics for hash bands and estimates that an
-- overlap with 42 bands matches about a fifth of the table, so left to itself it scans the whole table in id order
-- (22 ms at 3,000 articles, growing with the archive). Without plain scans it must take the band and hash indexes,
-- which answer in well under a millisecond; the settings hold inside this function only.
create function story_candidates(hash text, outlet text, bands bigint[], max_candidates integer)
    returns table (kind integer, id bigint, title text, story_id bigint, minhash integer[])
    language sql stable
    set enable_seqscan = off
    set enable_indexscan = off
as $$
    with exact as materialized (
        select a.id, a.title, a.story_id, a.source_name from article a where a.content_hash = hash
    )
    (select 1, e.id, e.title, e.story_id, null::integer[] from exact e where e.source_name = outlet limit 1)
    union all
    (select 2, e.id, e.title, e.story_id, null::integer[] from exact e order by e.id limit 1)
    union all
    (select 3, a.id, null::text, a.story_id, a.minhash from article a
       where not exists (select 1 from exact) and a.sketch_bands && bands
       order by a.id desc limit max_candidates)
$$;
