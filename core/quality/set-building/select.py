"""Draws the candidate items of the labelled set and prints them (item, corpus file, how it was drawn).

Run once, before any labelling: python3 select.py > selected.tsv (Python 3, standard library only).
For each rule three pools (pools.py): 'likely' (a tight search for the rule's meaning), 'words' (items sharing the
rule's words) and 'meaning' (synonyms, narrower terms, named instances, topic metadata); then random draws from both
corpora; then a second round ('topup', pools.TOPUP) drawn after the first labels showed rules with few positives;
then a third round ('r3…', pools.ROUND3) for the rules R23-R29, drawn after the first two rounds were labelled,
a fourth ('r4…', pools.ROUND4) for R30, a fifth ('r5…', pools.ROUND5) for R31-R33 and a sixth ('r6…',
pools.ROUND6) for R34, then a top-up for R31 ('r7topup', pools.TOPUP_R31), then a seventh round ('r8…',
pools.ROUND7) for R35-R36, then an eighth ('r9…', pools.ROUND8_WORDS) of fresh tuning items for the existing rules, then a ninth ('r10…',
pools.ROUND9) for R37-R38, then a tenth ('r11…', pools.ROUND10_WORDS and ROUND10_HEADINGS) of fresh tuning items of the
held-out false alarms' kinds, then an eleventh ('r12…', pools.ROUND11_WORDS and ROUND11_HEADINGS) of fresh items of
those kinds, a third of them held out, then a twelfth ('r13…', pools.ROUND12_WORDS and ROUND12_HEADINGS) of the
same classes drawn closer to the rules' words, then a thirteenth ('r14…', pools.ROUND13) for R39, then a fourteenth ('r15…', pools.ROUND14, Wikipedia items
only) for R40-R42, then a fifteenth ('r16…', pools.ROUND15, Wikipedia items only) for R43-R45.
All draws use one fixed seed, so the selection repeats exactly. No matcher is ever run here.
"""
import json, random, re, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pools import POOLS, LIKELY, TOPUP, ROUND3, ROUND4, ROUND5, ROUND6, TOPUP_R31, ROUND7, ROUND8_WORDS, ROUND9
from pools import ROUND10_WORDS, ROUND10_HEADINGS, ROUND11_WORDS, ROUND11_HEADINGS, ROUND12_WORDS, ROUND12_HEADINGS, ROUND13, ROUND14, ROUND15

CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / '..' / 'shared' / 'corpus'
FILES = {'wcep': 'wikipedia_current_events_2025_2026.jsonl', 'bbc': 'bbc_news_zitros.jsonl'}
rng = random.Random(20261202)
items = []
for key, name in FILES.items():
    for line in open(CORPUS / name, encoding='utf-8'):
        d = json.loads(line)
        meta = ' | '.join(d.get('topics') or []) + ' | ' + (d.get('title') or '')
        items.append((d['id'], name, (d.get('title') or '') + '\n' + d['text'], meta))


def pool(regex, cs, with_meta):
    p = re.compile(regex, 0 if cs else re.I)
    return [i for i in items if p.search(i[2]) or (with_meta and p.search(i[3]))]


chosen = {}


def take(candidates, n, why):
    fresh = [c for c in candidates if c[0] not in chosen]
    for c in rng.sample(fresh, min(n, len(fresh))):
        chosen[c[0]] = (c[1], why)


for key in sorted(POOLS):
    rule = key.split('_')[0]
    cs = key.endswith('_cs')
    take(pool(LIKELY[key], cs, False), 12, rule + ':likely')
    take(pool(POOLS[key]['words'], cs, False), 8, rule + ':words')
    take(pool(POOLS[key]['meaning'], cs, True), 8, rule + ':meaning')
take([i for i in items if i[1] == FILES['wcep']], 90, 'random')
take([i for i in items if i[1] == FILES['bbc']], 15, 'random')

# Second round: half of each draw from each corpus where both have candidates.
for key in sorted(TOPUP):
    rule = key.split('_')[0]
    regex, n = TOPUP[key]
    fresh = [c for c in pool(regex, key.endswith('_cs'), False) if c[0] not in chosen]
    wcep = [c for c in fresh if c[1] == FILES['wcep']]
    bbc = [c for c in fresh if c[1] == FILES['bbc']]
    n_bbc = min(len(bbc), n // 2) if wcep else min(len(bbc), n)
    take(bbc, n_bbc, rule + ':topup')
    take(wcep, n - n_bbc, rule + ':topup')

# Third round (pools.ROUND3, rules R23-R29), drawn after the first two rounds were labelled: from each rule's likely,
# words and meaning pools 10, 6 and 6 items not chosen before, then random items of both corpora.
for key in sorted(ROUND3):
    rule = key.split('_')[0]
    cs = key.endswith('_cs')
    take(pool(ROUND3[key]['likely'], cs, False), 10, rule + ':r3likely')
    take(pool(ROUND3[key]['words'], cs, False), 6, rule + ':r3words')
    take(pool(ROUND3[key]['meaning'], cs, True), 6, rule + ':r3meaning')
take([i for i in items if i[1] == FILES['wcep']], 15, 'r3random')
take([i for i in items if i[1] == FILES['bbc']], 5, 'r3random')

# Fourth round (pools.ROUND4, rule R30), drawn after the third was labelled: 10, 6 and 6 items not chosen before.
for key in sorted(ROUND4):
    rule = key.split('_')[0]
    take(pool(ROUND4[key]['likely'], False, False), 10, rule + ':r4likely')
    take(pool(ROUND4[key]['words'], False, False), 6, rule + ':r4words')
    take(pool(ROUND4[key]['meaning'], False, True), 6, rule + ':r4meaning')

# Fifth round (pools.ROUND5, rules R31-R33), drawn after the fourth was labelled: 8, 5 and 5 items not chosen before
# (a smaller round than the third, for the time its labelling had).
for key in sorted(ROUND5):
    rule = key.split('_')[0]
    take(pool(ROUND5[key]['likely'], False, False), 8, rule + ':r5likely')
    take(pool(ROUND5[key]['words'], False, False), 5, rule + ':r5words')
    take(pool(ROUND5[key]['meaning'], False, True), 5, rule + ':r5meaning')

# Sixth round (pools.ROUND6, rule R34), drawn after the fifth was labelled: 8, 5 and 5 items not chosen before.
for key in sorted(ROUND6):
    rule = key.split('_')[0]
    take(pool(ROUND6[key]['likely'], False, False), 8, rule + ':r6likely')
    take(pool(ROUND6[key]['words'], False, False), 5, rule + ':r6words')
    take(pool(ROUND6[key]['meaning'], False, True), 5, rule + ':r6meaning')

# Top-up for R31 (pools.TOPUP_R31), drawn after the sixth round was labelled: 8 items not chosen before.
take(pool(TOPUP_R31[0], False, False), TOPUP_R31[1], 'R31:r7topup')

# Seventh round (pools.ROUND7, rules R35-R36), drawn after the top-up was labelled: 8, 5 and 5 items not chosen
# before. Tagged 'r8…' since 'r7' is the top-up's tag.
for key in sorted(ROUND7):
    rule = key.split('_')[0]
    take(pool(ROUND7[key]['likely'], False, False), 8, rule + ':r8likely')
    take(pool(ROUND7[key]['words'], False, False), 5, rule + ':r8words')
    take(pool(ROUND7[key]['meaning'], False, True), 5, rule + ':r8meaning')

# Eighth round (pools.ROUND8_WORDS), drawn after the seventh was labelled and benchmarked: fresh tuning items for the
# existing rules, mostly hard negatives sharing a rule's words (the case-sensitive pools are the acronym rules'), then
# 20 random Wikipedia items and 2 random BBC articles. Tagged 'r9…'.
for rule, regex, n in ROUND8_WORDS:
    take(pool(regex, rule == 'R06', False), n, rule + ':r9words')
take([i for i in items if i[1] == FILES['wcep']], 20, 'r9random')
take([i for i in items if i[1] == FILES['bbc']], 2, 'r9random')

# Ninth round (pools.ROUND9, rules R37-R38), drawn after the eighth was labelled and benchmarked: 8, 5 and 5 items not
# chosen before. Tagged 'r10…'.
for key in sorted(ROUND9):
    rule = key.split('_')[0]
    take(pool(ROUND9[key]['likely'], False, False), 8, rule + ':r10likely')
    take(pool(ROUND9[key]['words'], False, False), 5, rule + ':r10words')
    take(pool(ROUND9[key]['meaning'], False, True), 5, rule + ':r10meaning')

# Tenth round (pools.ROUND10_WORDS, ROUND10_HEADINGS), drawn after the ninth was labelled and benchmarked: Wikipedia
# items only, then 3 random Wikipedia items. Tagged 'r11…'.
wcep_items = [i for i in items if i[1] == FILES['wcep']]
for rule, regex, n in ROUND10_WORDS:
    take([i for i in pool(regex, False, False) if i[1] == FILES['wcep']], n, rule + ':r11words')
heading, action, n = ROUND10_HEADINGS
heading_re, action_re = re.compile(heading, re.I), re.compile(action, re.I)
take([i for i in wcep_items
      if heading_re.search(i[2].split('\n', 1)[0]) and not action_re.search(i[2].split('\n', 1)[1])], n, 'R33:r11headings')
take(wcep_items, 3, 'r11random')

# Eleventh round (pools.ROUND11_WORDS, ROUND11_HEADINGS), drawn after the tenth was labelled and benchmarked: Wikipedia
# items only, then 3 random Wikipedia items. Tagged 'r12…'.
for rule, regex, n in ROUND11_WORDS:
    take([i for i in pool(regex, False, False) if i[1] == FILES['wcep']], n, rule + ':r12words')
heading, action, n = ROUND11_HEADINGS
heading_re, action_re = re.compile(heading, re.I), re.compile(action, re.I)
take([i for i in wcep_items
      if heading_re.search(i[2].split('\n', 1)[0]) and not action_re.search(i[2].split('\n', 1)[1])], n, 'R33:r12headings')
take(wcep_items, 3, 'r12random')

# Twelfth round (pools.ROUND12_WORDS, ROUND12_HEADINGS), drawn after the eleventh was labelled and benchmarked:
# Wikipedia items only, then 5 random Wikipedia items. Tagged 'r13…'.
for rule, regex, n in ROUND12_WORDS:
    take([i for i in pool(regex, False, False) if i[1] == FILES['wcep']], n, rule + ':r13words')
for heading, word, n in ROUND12_HEADINGS:
    heading_re, word_re = re.compile(heading, re.I), re.compile(word, re.I)
    take([i for i in wcep_items
          if heading_re.search(i[2].split('\n', 1)[0]) and not word_re.search(i[2].split('\n', 1)[1])], n, 'r13headings')
take(wcep_items, 5, 'r13random')

# Thirteenth round (pools.ROUND13, rule R39), drawn after the twelfth was labelled and benchmarked: 8, 5 and 5 items
# not chosen before. Tagged 'r14…'.
for key in sorted(ROUND13):
    rule = key.split('_')[0]
    take(pool(ROUND13[key]['likely'], False, False), 8, rule + ':r14likely')
    take(pool(ROUND13[key]['words'], False, False), 5, rule + ':r14words')
    take(pool(ROUND13[key]['meaning'], False, True), 5, rule + ':r14meaning')

# Fourteenth round (pools.ROUND14, rules R40-R42), drawn after the thirteenth was labelled and benchmarked: 8, 5 and
# 5 Wikipedia items not chosen before. Tagged 'r15…'.
for key in sorted(ROUND14):
    rule = key.split('_')[0]
    take([i for i in pool(ROUND14[key]['likely'], False, False) if i[1] == FILES['wcep']], 8, rule + ':r15likely')
    take([i for i in pool(ROUND14[key]['words'], False, False) if i[1] == FILES['wcep']], 5, rule + ':r15words')
    take([i for i in pool(ROUND14[key]['meaning'], False, True) if i[1] == FILES['wcep']], 5, rule + ':r15meaning')

# Fifteenth round (pools.ROUND15, rules R43-R45), drawn after the fourteenth was labelled and benchmarked: 6, 4 and
# 4 Wikipedia items not chosen before (a smaller round than the fourteenth, for the time its labelling had). Tagged
# 'r16…'.
for key in sorted(ROUND15):
    rule = key.split('_')[0]
    cs = key.endswith('_cs')
    take([i for i in pool(ROUND15[key]['likely'], cs, False) if i[1] == FILES['wcep']], 6, rule + ':r16likely')
    take([i for i in pool(ROUND15[key]['words'], cs, False) if i[1] == FILES['wcep']], 4, rule + ':r16words')
    take([i for i in pool(ROUND15[key]['meaning'], cs, True) if i[1] == FILES['wcep']], 4, rule + ':r16meaning')

for item_id, (name, why) in chosen.items():
    print(item_id, name, why, sep='\t')
