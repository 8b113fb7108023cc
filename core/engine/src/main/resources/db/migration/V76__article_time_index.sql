-- A preview's alert history runs the rule on every article of the last 30 days (ArchiveMatcher#history), by the
-- article's time as alerts count it: published, or fetched when that is unknown. This index finds those days'
-- articles without reading the rest of the archive, so the history's cost follows the window, not the archive.
create index article_time_idx on article ((coalesce(published_at, fetched_at)));
