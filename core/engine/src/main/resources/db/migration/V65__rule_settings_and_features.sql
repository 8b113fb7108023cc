-- Rule-type settings (issue 13.1): each rule keeps its type's settings, validated against the type's configSpec.
alter table rule add column settings jsonb not null default '{}';

-- The score a scoring rule type (similar) gave the passage that matched; null for Boolean types. Feedback on the
-- alerts then suggests a threshold.
alter table article_match add column score real;

-- Derived article features a rule type asked for (the passage embeddings of the similar type), computed once per
-- article outside the storing transaction and kept for previews and backtests. Only computed while a rule needs them.
create table article_feature (
    article_id bigint      not null references article (id) on delete cascade,
    name       text        not null,
    value      bytea       not null,
    created_at timestamptz not null default now(),
    primary key (article_id, name)
);
