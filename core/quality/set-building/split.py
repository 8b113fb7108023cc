"""Chooses the held-out third of rules and items, at random with a fixed seed, stratified; writes the split into
rules.json and items.tsv. Usage: python3 split.py selected.tsv (the output of select.py).

Rules are stratified by their main kind (rules.json 'stratum'); items by corpus and by how they were drawn
(likely / words / meaning / random / topup). The second-round ('topup') items are split after the first round's, so
the first round keeps the split it had when it was labelled.
"""
import collections, json, random, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE.parent / 'src' / 'main' / 'resources' / 'quality'
rng = random.Random(10_2026)

rules = json.load(open(SET / 'rules.json', encoding='utf-8'))
strata = collections.defaultdict(list)
for rule in rules:
    strata[rule['stratum']].append(rule['id'])
target = round(len(rules) / 3)
# floor(n/3) from each stratum (at least one, so both parts have every kind), the rest of round(n/3) from the strata
# with the largest remainders, picked at random among equals.
quota = {s: max(1, len(r) // 3) for s, r in strata.items()}
rest = target - sum(quota.values())
by_remainder = sorted(strata, key=lambda s: (-(len(strata[s]) % 3), rng.random()))
for s in [s for s in by_remainder if quota[s] + 1 < len(strata[s])][:max(0, rest)]:
    quota[s] += 1
held = set()
for s in sorted(strata):
    held.update(rng.sample(sorted(strata[s]), quota[s]))
for rule in rules:
    rule['split'] = 'heldout' if rule['id'] in held else 'tuning'
with open(SET / 'rules.json', 'w', encoding='utf-8') as out:
    json.dump(rules, out, indent=2, ensure_ascii=False)
    out.write('\n')

rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8')]
groups = collections.defaultdict(list)
for item_id, corpus, why in rows:
    groups[(corpus, why.split(':')[-1])].append(item_id)
held_items = set()
for key in sorted(k for k in groups if k[1] != 'topup') + sorted(k for k in groups if k[1] == 'topup'):
    ids = sorted(groups[key])
    rng.shuffle(ids)
    held_items.update(ids[i] for i in range(len(ids)) if i % 3 == 0)
with open(SET / 'items.tsv', 'w', encoding='utf-8') as out:
    out.write('# item\tcorpus\tsplit\tselected_by\n')
    for item_id, corpus, why in rows:
        out.write(f"{item_id}\t{corpus}\t{'heldout' if item_id in held_items else 'tuning'}\t{why}\n")
print('held-out rules:', ' '.join(sorted(held)), '| held-out items:', len(held_items), 'of', len(rows))
