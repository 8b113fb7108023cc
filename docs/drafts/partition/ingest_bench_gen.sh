gen() {
cat <<EOF
\timing on
do \$\$ declare i int; new_id bigint; begin
for i in $1..$(( $1 + 3999 )) loop
EOF
[[ $2 == *c* ]] && echo "  perform * from story_candidates(md5(i::text), 'outletB', array[i::bigint % 5000, (i::bigint*7) % 5000], 20);"
echo "  new_id := nextval('article_id_seq');"
[[ $2 == *k* ]] && echo "  insert into article_key (id, source_name, content_hash, shelf, story_id, minhash, sketch_bands, title) values (new_id, 'outletB', md5(i::text), date_trunc('month', now() at time zone 'UTC')::date, 1 + i % 2000, array[i,i+1], array[i::bigint % 5000, (i::bigint*7) % 5000], 'title '||i);"
[[ $2 == *a* ]] && echo "  insert into article (id, source_name, external_id, title, body, fetched_at, content_hash, minhash, sketch_bands, story_id, shelf) values (new_id, 'outletB', 'e'||i, 'title '||i, 'body text number '||i, now(), md5(i::text), array[i,i+1], array[i::bigint % 5000, (i::bigint*7) % 5000], 1 + i % 2000, date_trunc('month', now() at time zone 'UTC')::date);"
[[ $2 == *o* ]] && echo "  insert into article (source_name, external_id, title, body, fetched_at, content_hash, minhash, sketch_bands, story_id) values ('outletB', 'e'||i, 'title '||i, 'body text number '||i, now(), md5(i::text), array[i,i+1], array[i::bigint % 5000, (i::bigint*7) % 5000], 1 + i % 2000);"
echo "end loop; end \$\$;"
}
