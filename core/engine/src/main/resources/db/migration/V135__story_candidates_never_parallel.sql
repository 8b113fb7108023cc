-- Story placement's lookup (story_candidates, V7 and V100) answers in about 0.1 ms, but PostgreSQL has no useful
-- statistics for an overlap of 42 hash bands and estimates it at a fifth of article_key. At 1,000,000 articles that
-- estimate is large enough for the planner to start parallel workers for every lookup (measured: 11 ms a lookup
-- instead of 0.1 ms, and single pushes fell from 262 to 35 a second, NDJSON from 540 to 29; docs/benchmarks.md,
-- "Ingest growth"), and past jit_above_cost it would compile the plan with JIT each call (118 ms a lookup when forced).
-- Neither can pay off for a lookup that returns at most a few hundred rows, so the function never does either,
-- whatever the archive's size or the server's settings.
alter function story_candidates(text, text, bigint[], integer)
    set max_parallel_workers_per_gather = 0
    set jit = off;
