-- An analyst's pin keeps an article in the archive whatever vigil.archive.keep says (ArchiveRetention). Who pinned it
-- and when, so the page can say so; NULL is "not pinned".
alter table article
    add column pinned_at timestamptz,
    add column pinned_by text;

-- Retention looks for what it may keep without reading every old article's neighbours: pinned articles are few, and
-- the alerts' first articles are found through this index (alert_article has its own, V40).
create index article_pinned_idx on article (id) where pinned_at is not null;
create index alert_first_article_idx on alert (first_article_id);
