-- The archive partitioned by month (docs/scaling.md, "Growth and retention"), so retention drops a month's wide rows
-- (bodies, full-text index) whole instead of deleting them one by one.
--
-- article is range-partitioned on shelf: the UTC month the row was stored in (existing rows: the month they were
-- fetched), one partition a month, plus article_kept for rows retention keeps past their month (pinned, or an alert's
-- evidence: shelf 0001-01-01) and article_default for a row whose month has no partition yet (ArchivePartitions makes
-- them ahead and moves such rows out).
--
-- article_key is not partitioned: one narrow row per article, kept in step by a trigger on article. It holds what a
-- partitioned table cannot: the once-per-outlet unique key across the whole archive (PostgreSQL wants the partition
-- key in every unique index of a partitioned table) and the id that alerts, matches and features refer to. It also
-- holds what story placement reads (hash, bands, minhash, story, title), so story_candidates makes one probe per index
-- however many months there are, and never plans over the partitions.

create table article_key (
    id           bigint    primary key,
    source_name  text      not null,
    content_hash text      not null,
    shelf        date      not null,
    story_id     bigint    not null references story (id),
    title        text      not null,
    minhash      integer[] not null,
    sketch_bands bigint[]  not null
);

alter table article rename to article_unpartitioned;
alter table article_unpartitioned rename constraint article_once_per_outlet to article_unpartitioned_once_per_outlet;
alter index article_pkey rename to article_unpartitioned_pkey;
alter index article_pinned_idx rename to article_unpartitioned_pinned_idx;
alter index article_story_idx rename to article_unpartitioned_story_idx;
alter index article_fetched_idx rename to article_unpartitioned_fetched_idx;
alter index article_search_idx rename to article_unpartitioned_search_idx;
alter index article_time_idx rename to article_unpartitioned_time_idx;
alter sequence article_id_seq owned by none;

create table article (
    id            bigint      not null default nextval('article_id_seq'),
    -- the configured source that fetched it; null for pushes without a source, or after the source was deleted
    source_id     bigint      constraint article_source_id_fkey references source (id) on delete set null,
    -- the outlet as shown to users; an article is stored once per outlet (article_key)
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
    story_id      bigint      not null constraint article_story_id_fkey references story (id),
    metadata      jsonb       not null default '{}',
    search_vector tsvector generated always as (
        to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))) stored,
    pinned_at     timestamptz,
    pinned_by     text,
    -- the partition: the UTC month the row was stored in, or 0001-01-01 for rows retention keeps (article_kept)
    shelf         date        not null default (date_trunc('month', now() at time zone 'UTC'))::date,
    primary key (id, shelf)
) partition by range (shelf);
alter sequence article_id_seq owned by article.id;

create table article_kept partition of article for values from (minvalue) to ('1000-01-01');
create table article_default partition of article default;

-- One partition per month the archive has, and the current month and the three after it.
do $$
declare
    m date;
begin
    for m in
        select distinct date_trunc('month', fetched_at at time zone 'UTC')::date from article_unpartitioned
        union
        select (date_trunc('month', now() at time zone 'UTC') + make_interval(months => k))::date
        from generate_series(0, 3) k
    loop
        execute format('create table %I partition of article for values from (%L) to (%L)',
                       'article_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
    end loop;
end
$$;

insert into article (id, source_id, source_name, external_id, url, title, body, published_at, fetched_at, language,
                     content_hash, minhash, sketch_bands, story_id, metadata, pinned_at, pinned_by, shelf)
select id, source_id, source_name, external_id, url, title, body, published_at, fetched_at, language,
       content_hash, minhash, sketch_bands, story_id, metadata, pinned_at, pinned_by,
       date_trunc('month', fetched_at at time zone 'UTC')::date
from article_unpartitioned;

insert into article_key (id, source_name, content_hash, shelf, story_id, title, minhash, sketch_bands)
select id, source_name, content_hash, date_trunc('month', fetched_at at time zone 'UTC')::date, story_id, title,
       minhash, sketch_bands
from article_unpartitioned;

alter table article_key add constraint article_once_per_outlet unique (source_name, content_hash);
create index article_key_hash_idx on article_key (content_hash);
-- fastupdate off: every ingest searches this index right after the previous insert (see V1)
create index article_key_bands_idx on article_key using gin (sketch_bands) with (fastupdate = off);
create index article_key_shelf_idx on article_key (shelf);
create index article_key_story_idx on article_key (story_id);

-- References move to the key table: one row per article whatever its partition, and an id never changes when its row
-- moves to article_kept, so alerts need not know the month.
alter table article_match drop constraint article_match_article_id_fkey,
    add constraint article_match_article_id_fkey
        foreign key (article_id) references article_key (id) on delete cascade;
alter table article_feature drop constraint article_feature_article_id_fkey,
    add constraint article_feature_article_id_fkey
        foreign key (article_id) references article_key (id) on delete cascade;
alter table alert_article drop constraint alert_article_article_id_fkey,
    add constraint alert_article_article_id_fkey
        foreign key (article_id) references article_key (id) on delete cascade;
alter table alert drop constraint alert_first_article_id_fkey,
    add constraint alert_first_article_id_fkey foreign key (first_article_id) references article_key (id);

drop table article_unpartitioned;

create index article_story_idx on article (story_id);
create index article_fetched_idx on article (fetched_at desc, id desc);
create index article_search_idx on article using gin (search_vector);
create index article_time_idx on article ((coalesce(published_at, fetched_at)));
create index article_pinned_idx on article (id) where pinned_at is not null;

-- Keeps article_key in step with article. A stored row gets its key (a second copy for one outlet fails here, on
-- article_once_per_outlet, as it failed on article before); a deleted row takes its key along, and the key's
-- references cascade as they did from article. A row moving between partitions (an UPDATE of shelf is a delete and an
-- insert) keeps its key: whoever moves it sets the key's shelf first, so the delete finds no key of the old shelf.
create function article_key_in_step() returns trigger
    language plpgsql
as $$
begin
    if tg_op = 'INSERT' then
        insert into article_key (id, source_name, content_hash, shelf, story_id, title, minhash, sketch_bands)
        values (new.id, new.source_name, new.content_hash, new.shelf, new.story_id, new.title, new.minhash,
                new.sketch_bands)
        on conflict (id) do update set shelf = excluded.shelf;
        return null;
    end if;
    delete from article_key k where k.id = old.id and k.shelf = old.shelf;
    return null;
end
$$;

create trigger article_key_in_step after insert or delete on article
    for each row execute function article_key_in_step();

-- Placement reads only the key table (see V7 for the SET clauses): one probe per index, not one per month.
create or replace function story_candidates(hash text, outlet text, bands bigint[], max_candidates integer)
    returns table (kind integer, id bigint, title text, story_id bigint, minhash integer[])
    language sql stable
    set enable_seqscan = off
    set enable_indexscan = off
as $$
    with exact as materialized (
        select k.id, k.title, k.story_id, k.source_name from article_key k where k.content_hash = hash
    )
    (select 1, e.id, e.title, e.story_id, null::integer[] from exact e where e.source_name = outlet limit 1)
    union all
    (select 2, e.id, e.title, e.story_id, null::integer[] from exact e order by e.id limit 1)
    union all
    (select 3, k.id, null::text, k.story_id, k.minhash from article_key k
       where not exists (select 1 from exact) and k.sketch_bands && bands
       order by k.id desc limit max_candidates)
$$;

analyze article;
analyze article_key;
