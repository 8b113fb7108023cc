-- The newest articles matching a full-text query, newest first: the candidates of a rule preview. NewestMatches
-- chooses between these two ways from the planner's estimate of the matches (see there why).
--
-- Functions, because of their SET clauses: they pin each way to its index, and hold inside the function only. Left to
-- itself PostgreSQL chooses badly. Prepared (the JDBC driver prepares a query from its fifth run on a pooled
-- connection), the query soon gets a generic plan that knows nothing of the words and guesses 0.5 % of the table: it
-- takes every match from the full-text index and sorts them, 360 ms for a word in 79 % of 100,000 articles, where
-- walking the time index takes 10 ms. Planned with the words, it walks the time index for words in as few as 7 % of
-- the articles, where the full-text index is up to four times faster (`econom*`: 90 ms walking, 24 ms from the
-- index), and a word common in the archive but missing from recent articles is walked through the whole table (0.4 s
-- at 100,000 articles, growing with the archive).

-- Reads articles newest first, at most max_walk of them, and keeps those that match: cheap when the words are common,
-- as it stops after about max_matches / share rows. Returns fewer than max_matches when the window ran out.
create function newest_matches_walk(query tsquery, max_walk integer, max_matches integer)
    returns table (id bigint)
    language sql stable
    set enable_seqscan = off
    set enable_bitmapscan = off
as $$
    select newest.id
    from (select a.id, a.fetched_at, a.search_vector from article a
          order by a.fetched_at desc, a.id desc limit max_walk) newest
    where newest.search_vector @@ query
    order by newest.fetched_at desc, newest.id desc
    limit max_matches
$$;

-- Takes every match from the full-text index and sorts them by time: cheap when the words are rare, as it costs in
-- proportion to the matches.
create function newest_matches_indexed(query tsquery, max_matches integer)
    returns table (id bigint)
    language sql stable
    set enable_seqscan = off
    set enable_indexscan = off
as $$
    select a.id from article a
    where a.search_vector @@ query
    order by a.fetched_at desc, a.id desc
    limit max_matches
$$;
