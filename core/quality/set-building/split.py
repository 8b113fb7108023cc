"""Chooses the held-out third of rules and items, at random with a fixed seed, stratified; writes the split into
rules.json and items.tsv. Usage: python3 split.py selected.tsv (the output of select.py).

Rules are stratified by their main kind (rules.json 'stratum'); items by corpus and by how they were drawn
(likely / words / meaning / random / topup). The second-round ('topup') items are split after the first round's, so
the first round keeps the split it had when it was labelled. The third round's rules (rules.json 'batch': 2, R23-R29)
and items ('r3…') are split after the first two, so those keep theirs: of the new rules one of each stratum that has
two is held out (the others are the kinds the tuning part lacked), of the new items a third per corpus and pool.
The fourth, fifth and sixth rounds' rules (batches 3, 4 and 5) are tuning rules; a third of their items is held out,
as of the top-up for R31 ('r7topup', no rules). The seventh round's rules (batch 7, R35-R36) and items ('r8…') are
all tuning: the held-out part was already more than half of all pairs, and the round is tuning material for readings.
The eighth round's items ('r9…', no rules) are all tuning too: fresh material for the tuning rules' readings.
The ninth round's rules (batch 8, R37-R38) are tuning rules and a third of its items ('r10…') is held out, as in the
fourth to sixth rounds: with 35 more tuning items the held-out items would fall below 30% of all.
The tenth round's items ('r11…', no rules) are all tuning, as the eighth's: fresh material of the held-out false
alarms' kinds for the tuning rules' readings (the held-out part stays 46% of all pairs).
The eleventh round's items ('r12…', no rules; batch 9 has none) are split a third held out per pool, as the ninth's:
fresh material of the false alarms' kinds for the held-out part too, so that its figures measure them on unseen items.
The twelfth round's ('r13…', no rules; batch 10 has none) likewise. The thirteenth round's rule (batch 11, R39) is a
tuning rule and a third of its items ('r14…') is held out, as in the ninth round; so are the fourteenth round's
three rules (batch 12, R40-R42) and a third of its items ('r15…'), and the fifteenth round's three rules (batch 13,
R43-R45) and a third of its items ('r16…').
"""
import collections, json, random, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE.parent / 'src' / 'main' / 'resources' / 'quality'
rng = random.Random(10_2026)

rules = json.load(open(SET / 'rules.json', encoding='utf-8'))
strata = collections.defaultdict(list)
for rule in rules:
    if rule.get('batch', 1) == 1:
        strata[rule['stratum']].append(rule['id'])
target = round(sum(len(r) for r in strata.values()) / 3)
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

rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8')]
groups = collections.defaultdict(list)
for item_id, corpus, why in rows:
    groups[(corpus, why.split(':')[-1])].append(item_id)
held_items = set()


def hold_out_a_third(keys):
    for key in keys:
        ids = sorted(groups[key])
        rng.shuffle(ids)
        held_items.update(ids[i] for i in range(len(ids)) if i % 3 == 0)


first = [k for k in groups if not k[1].startswith(('r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'r16'))]
hold_out_a_third(sorted(k for k in first if k[1] != 'topup') + sorted(k for k in first if k[1] == 'topup'))

# Later rounds, each after the one before: one held-out rule from each stratum with two new rules, then a third of
# the new items (the fourth, fifth and sixth rounds' rules are tuning rules).
for batch, prefix in ((2, 'r3'), (3, 'r4'), (4, 'r5'), (5, 'r6'), (6, 'r7'), (8, 'r10'), (9, 'r12'), (10, 'r13'), (11, 'r14'), (12, 'r15'), (13, 'r16')):
    new_strata = collections.defaultdict(list)
    for rule in rules:
        if rule.get('batch', 1) == batch:
            new_strata[rule['stratum']].append(rule['id'])
    for s in sorted(new_strata):
        if batch == 2 and len(new_strata[s]) >= 2:
            held.update(rng.sample(sorted(new_strata[s]), len(new_strata[s]) // 2))
    hold_out_a_third(sorted(k for k in groups if k[1].startswith(prefix)))

for rule in rules:
    rule['split'] = 'heldout' if rule['id'] in held else 'tuning'
with open(SET / 'rules.json', 'w', encoding='utf-8') as out:
    json.dump(rules, out, indent=2, ensure_ascii=False)
    out.write('\n')
with open(SET / 'items.tsv', 'w', encoding='utf-8') as out:
    out.write('# item\tcorpus\tsplit\tselected_by\n')
    for item_id, corpus, why in rows:
        out.write(f"{item_id}\t{corpus}\t{'heldout' if item_id in held_items else 'tuning'}\t{why}\n")
print('held-out rules:', ' '.join(sorted(held)), '| held-out items:', len(held_items), 'of', len(rows))
