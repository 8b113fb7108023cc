#!/usr/bin/env python3
"""Candidate members for the concept lexicon from WordNet 3.0: the synonyms and hyponyms (two levels down) of the noun
and verb senses of each head in ../src/main/resources/rule/concepts/*.txt, printed in the lexicon's own format
(head: member | member ...). Reads the WordNet database files of the Debian package wordnet-base
(/usr/share/wordnet, or the folder given as the first argument); standard library only.

The output is raw: a reviewer keeps the news senses and drops the rest (abatis, breastwork and sangar are WordNet's
fortifications; no analyst means them). docs/rules.md "Concepts" records what the raw candidates add and cost when
used unreviewed (SemanticsMeasurement's "+ raw WordNet" variant reads this output from -Dvigil.lexicon.wordnet).
"""
import os
import re
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
CONCEPTS = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "rule", "concepts")


def read_data(pos):
    synsets = {}
    with open(os.path.join(WORDNET, "data." + pos), encoding="latin-1") as data:
        for line in data:
            if line.startswith("  "):
                continue
            fields = line.split(" ")
            offset = fields[0]
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
            rest = fields[4 + 2 * count:]
            pointers = int(rest[0])
            hyponyms = []
            for p in range(pointers):
                symbol, target, target_pos = rest[1 + 4 * p], rest[2 + 4 * p], rest[3 + 4 * p]
                if symbol in ("~", "~i") and target_pos == pos[0]:
                    hyponyms.append(target)
            synsets[offset] = (words, hyponyms)
    return synsets


def read_index(pos):
    index = {}
    with open(os.path.join(WORDNET, "index." + pos), encoding="latin-1") as data:
        for line in data:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0].replace("_", " ")
            synset_count = int(fields[2])
            index[lemma] = fields[-synset_count:] if synset_count else []
    return index


def heads():
    found = []
    for name in sorted(os.listdir(CONCEPTS)):
        with open(os.path.join(CONCEPTS, name), encoding="utf-8") as lexicon:
            for line in lexicon:
                line = line.split("#", 1)[0].strip()
                if ":" in line:
                    head = line.split(":", 1)[0].strip()
                    if head.lower() == head and head not in found:
                        found.append(head)
    return found


def main():
    for pos in ("noun", "verb"):
        synsets, index = read_data(pos), read_index(pos)
        globals()[pos] = (synsets, index)
    for head in heads():
        members = []
        for pos in ("noun", "verb"):
            synsets, index = globals()[pos]
            for offset in index.get(head, [])[:2]:  # the two commonest senses only
                words, hyponyms = synsets[offset]
                members += [w for w in words if w != head]
                for child in hyponyms:
                    child_words, grandchildren = synsets[child]
                    members += child_words
                    for grandchild in grandchildren:
                        members += synsets[grandchild][0]
        members = [m for m in dict.fromkeys(members) if re.fullmatch(r"[a-z][a-z' -]+", m) and m != head]
        if members:
            print(head + ": " + " | ".join(members))


if __name__ == "__main__":
    main()
