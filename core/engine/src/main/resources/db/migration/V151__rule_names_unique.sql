-- Rule names become unique (RuleCatalog refuses a name another rule has, and numbers one taken from the rule's text):
-- a configuration export names rules, and its import and its silences find them by name, so two rules of one name
-- made an export that could not be imported back. Existing namesakes after the oldest are told apart by their id.
update rule
set name = left(name, 180) || ' (#' || id || ')'
where id in (
    select id from (
        select id, row_number() over (partition by name order by id) as nth from rule
    ) namesakes
    where nth > 1
);
