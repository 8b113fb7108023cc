-- Every stored article inserted a row into two btree indexes of article_key that say the same thing twice: the unique
-- key article_once_per_outlet on (source_name, content_hash) and article_key_hash_idx on (content_hash), which story
-- placement (story_candidates) needs because it asks for a hash from any outlet. With the columns the other way round
-- the unique key answers both questions, by hash alone or by hash and outlet, and the second index goes: one index
-- entry (and its WAL) less per article, and the same uniqueness under the same name (docs/benchmarks.md,
-- "PostgreSQL's work per push"). No query reads article_key by outlet alone.
alter table article_key drop constraint article_once_per_outlet;
alter table article_key add constraint article_once_per_outlet unique (content_hash, source_name);
drop index article_key_hash_idx;
