insert into rule (name, query) values ('r1','x'),('r2','y');
insert into story (title, article_count, first_seen_at, last_seen_at)
  select 'story '||g, 0, now(), now() from generate_series(1,2000) g;
insert into article (source_name, external_id, title, body, fetched_at, content_hash, minhash, sketch_bands, story_id)
  select 'outlet'||(g%7), 'ext'||g, 'title '||g, 'body text number '||g, now() - ((g % 180) || ' days')::interval,
         md5(g::text), array[g, g+1, g+2], array[g::bigint % 5000, (g::bigint*7) % 5000], 1 + g % 2000
  from generate_series(1,30000) g;
update story s set article_count = c.n from (select story_id, count(*) n from article group by story_id) c where c.story_id = s.id;
insert into article_match (rule_id, article_id, matched_terms) select 1, id, array['x'] from article where id % 10 = 0;
insert into article_feature (article_id, name, value) select id, 'emb', '\x00'::bytea from article where id % 20 = 0;
insert into alert (rule_id, story_id, title, first_article_id) select distinct on (a.story_id) 1, a.story_id, 'al', a.id from article a where a.id % 500 = 0 order by a.story_id, a.id;
insert into alert_article (alert_id, article_id) select al.id, a.id from alert al join article a on a.story_id = al.story_id and a.id % 3 = 0;
update article set pinned_at = now(), pinned_by = 'ann' where id % 997 = 0;
