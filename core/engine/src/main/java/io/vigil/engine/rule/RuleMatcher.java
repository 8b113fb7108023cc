package io.vigil.engine.rule;

import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Matches an article against a set of rules in one pass, at a cost that follows the rules the article could satisfy
 * rather than the number of rules.
 *
 * <p>Each rule is indexed under one clause of words it needs (its {@link PrefilteredRule#requiredKeys() rarest
 * clause}, or the {@link CompiledRule#anyOfTerms() anyOfTerms} hint of other rule types). For an article, the matcher
 * turns the article's distinct words into word ids once (a bitset), walks the posting lists of those ids, checks each
 * candidate's other clauses with bit tests, and runs the full rule only on the survivors. Rules with no usable clause —
 * a pure negation, a regex — are evaluated for every article.
 *
 * <p>A snapshot is immutable and thread-safe: build a new one when rules change ({@link #of}, {@link #with},
 * {@link #without}; building 100,000 rules takes tens of milliseconds) and swap the reference; articles being matched
 * keep the snapshot they started with. A rule that throws is logged and skipped, never failing the article.
 */
public final class RuleMatcher {

    private static final System.Logger LOG = System.getLogger(RuleMatcher.class.getName());
    private static final int[] NONE = new int[0];
    private static final int[] TEXT_FIELDS = {ArticleIndex.TITLE, ArticleIndex.BODY};

    private final Map<Long, RegisteredRule> byId;
    private final CompiledRule[] rules;
    private final long[] ids;
    /**
     * Per rule, the clauses still to check after the indexed one, as word ids (stems and capitals keys), so the check
     * is a bit test in the article's present-word set; null when none, or when a clause holds a prefix key.
     */
    private final int[][][] remainingIds;
    /** Per rule, the remaining clauses when one of them holds a prefix key (looked up in the article); else null. */
    private final PrefilterKey[][][] remainingKeys;

    /** Word ids: every stem and capitals key any rule's clauses name, in one id space. */
    private final Map<String, Integer> stemIds;

    private final Map<String, Integer> capitalIds;
    private final int wordCount;
    /**
     * Per word id, the rules indexed under it, each with its remaining clauses inline, so checking a candidate reads
     * one array front to back: {@code slot, k}, then k clauses, each a word id (one word) or {@code -n} and n ids;
     * {@code k = -1} sends the check to {@link #remainingKeys} (a clause with a prefix).
     */
    private final int[][] byWord;

    private final Map<String, int[]> byPrefix;
    private final int longestPrefix;
    private final int[] unindexed;
    private final TermRarity rarity;

    private RuleMatcher(Map<Long, RegisteredRule> byId, TermRarity rarity) {
        this.byId = byId;
        this.rarity = rarity;
        int count = byId.size();
        this.rules = new CompiledRule[count];
        this.ids = new long[count];
        this.remainingIds = new int[count][][];
        this.remainingKeys = new PrefilterKey[count][][];
        Map<String, Integer> stemWords = new HashMap<>();
        Map<String, Integer> capitalWords = new HashMap<>();
        List<IntList> postings = new ArrayList<>();
        Map<String, IntList> prefixes = new HashMap<>();
        IntList always = new IntList();
        int slot = 0;
        for (RegisteredRule registered : byId.values()) {
            rules[slot] = registered.rule();
            ids[slot] = registered.id();
            List<java.util.Set<PrefilterKey>> clauses = clausesOf(registered.rule());
            if (clauses.isEmpty()) {
                always.add(slot);
            } else {
                int cheapest = 0;
                double cheapestCost = Double.MAX_VALUE;
                for (int c = 0; c < clauses.size(); c++) {
                    double cost = 0;
                    for (PrefilterKey key : clauses.get(c)) {
                        cost += rarity.frequency(key);
                    }
                    if (cost < cheapestCost) {
                        cheapestCost = cost;
                        cheapest = c;
                    }
                }
                for (PrefilterKey key : clauses.get(cheapest)) {
                    if (key.kind() == PrefilterKey.Kind.PREFIX) {
                        prefixes.computeIfAbsent(key.text(), k -> new IntList()).add(slot);
                    } else {
                        postings.get(wordId(key, stemWords, capitalWords, postings))
                                .add(slot);
                    }
                }
                if (clauses.size() > 1) {
                    PrefilterKey[][] rest = new PrefilterKey[clauses.size() - 1][];
                    int r = 0;
                    boolean hasPrefix = false;
                    for (int c = 0; c < clauses.size(); c++) {
                        if (c != cheapest) {
                            rest[r] = clauses.get(c).toArray(PrefilterKey[]::new);
                            for (PrefilterKey key : rest[r]) {
                                hasPrefix |= key.kind() == PrefilterKey.Kind.PREFIX;
                            }
                            r++;
                        }
                    }
                    // Test the rarest clause first: it is the likeliest to reject the candidate.
                    Arrays.sort(rest, java.util.Comparator.comparingDouble(clause -> cost(clause, rarity)));
                    if (hasPrefix) {
                        remainingKeys[slot] = rest;
                    } else {
                        int[][] restIds = new int[rest.length][];
                        for (int k = 0; k < rest.length; k++) {
                            restIds[k] = new int[rest[k].length];
                            for (int w = 0; w < rest[k].length; w++) {
                                restIds[k][w] = wordId(rest[k][w], stemWords, capitalWords, postings);
                            }
                        }
                        remainingIds[slot] = restIds;
                    }
                }
            }
            slot++;
        }
        this.stemIds = stemWords;
        this.capitalIds = capitalWords;
        this.wordCount = postings.size();
        this.byWord = new int[wordCount][];
        for (int w = 0; w < wordCount; w++) {
            IntList slots = postings.get(w);
            IntList entries = new IntList();
            for (int i = 0; i < slots.size; i++) {
                encode(slots.values[i], entries);
            }
            byWord[w] = entries.toArray();
        }
        this.byPrefix = freeze(prefixes);
        this.longestPrefix =
                prefixes.keySet().stream().mapToInt(String::length).max().orElse(0);
        this.unindexed = always.toArray();
    }

    /** A snapshot of these rules, keyed by the built-in word frequencies. Later duplicates of an id replace earlier ones. */
    public static RuleMatcher of(Collection<RegisteredRule> rules) {
        return of(rules, TermRarity.defaults());
    }

    /** A snapshot of these rules, choosing each rule's index clause by the given word frequencies. */
    public static RuleMatcher of(Collection<RegisteredRule> rules, TermRarity rarity) {
        Map<Long, RegisteredRule> byId = new LinkedHashMap<>();
        for (RegisteredRule rule : rules) {
            byId.put(rule.id(), rule);
        }
        return new RuleMatcher(byId, Objects.requireNonNull(rarity, "rarity is null"));
    }

    /** A new snapshot with the rule added, or replacing the rule of the same id. */
    public RuleMatcher with(RegisteredRule rule) {
        Map<Long, RegisteredRule> next = new LinkedHashMap<>(byId);
        next.put(rule.id(), rule);
        return new RuleMatcher(next, rarity);
    }

    /** The rules of this snapshot. */
    public Collection<RegisteredRule> rules() {
        return java.util.Collections.unmodifiableCollection(byId.values());
    }

    /** A new snapshot without the rule of this id. */
    public RuleMatcher without(long ruleId) {
        Map<Long, RegisteredRule> next = new LinkedHashMap<>(byId);
        next.remove(ruleId);
        return new RuleMatcher(next, rarity);
    }

    /** The number of rules in this snapshot. */
    public int size() {
        return rules.length;
    }

    /** The number of rules evaluated for every article because they offer no prefilter clause. */
    public int unindexedCount() {
        return unindexed.length;
    }

    /** Every rule that matches the article, in registration order, with why it matched. */
    public List<RuleHit> match(MatchInput article) {
        int[] candidates = candidates(article);
        List<RuleHit> hits = new ArrayList<>();
        for (int slot : candidates) {
            try {
                Optional<RuleMatch> match = rules[slot].match(article);
                if (match.isPresent()) {
                    hits.add(new RuleHit(ids[slot], match.get()));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "rule " + ids[slot] + " failed on an article; skipped", e);
            }
        }
        return hits;
    }

    /** The rules worth evaluating for this article, in registration order (exposed for measurements). */
    int[] candidates(MatchInput article) {
        ArticleIndex index = article.feature(ArticleIndex.KEY);
        long[] seen = new long[(rules.length + 63) >>> 6];
        IntList found = new IntList();
        for (int slot : unindexed) {
            mark(slot, seen, found);
        }
        // The article's words as ids, once: every later check of a candidate's other words is a bit test.
        long[] present = new long[(wordCount + 63) >>> 6];
        IntList presentIds = new IntList();
        for (int field : TEXT_FIELDS) {
            if (!stemIds.isEmpty()) {
                addPresent(stemIds, index.stems(field), present, presentIds);
                addPresent(stemIds, index.joinedStems(field), present, presentIds);
            }
            if (!capitalIds.isEmpty()) {
                addPresent(capitalIds, index.capitals(field), present, presentIds);
            }
        }
        for (int i = 0; i < presentIds.size; i++) {
            collectEncoded(byWord[presentIds.values[i]], index, present, seen, found);
        }
        if (!byPrefix.isEmpty()) {
            for (int field : TEXT_FIELDS) {
                for (String word : index.normalizedWords(field)) {
                    int longest = Math.min(longestPrefix, word.length());
                    for (int length = 1; length <= longest; length++) {
                        collect(byPrefix.get(word.substring(0, length)), index, present, seen, found);
                    }
                }
            }
        }
        int[] slots = found.toArray();
        Arrays.sort(slots);
        return slots;
    }

    private static void addPresent(Map<String, Integer> ids, Set<String> words, long[] present, IntList presentIds) {
        for (String word : words) {
            Integer id = ids.get(word);
            if (id != null) {
                int w = id;
                if ((present[w >>> 6] & (1L << w)) == 0) {
                    present[w >>> 6] |= 1L << w;
                    presentIds.add(w);
                }
            }
        }
    }

    private void collect(int[] slots, ArticleIndex index, long[] present, long[] seen, IntList found) {
        if (slots == null) {
            return;
        }
        for (int slot : slots) {
            if ((seen[slot >>> 6] & (1L << slot)) != 0) {
                continue;
            }
            seen[slot >>> 6] |= 1L << slot;
            if (satisfiesRemaining(slot, index, present)) {
                found.add(slot);
            }
        }
    }

    /** Appends a rule's posting entry (see {@link #byWord}). */
    private void encode(int slot, IntList entries) {
        entries.add(slot);
        if (remainingKeys[slot] != null) {
            entries.add(-1);
            return;
        }
        int[][] clauses = remainingIds[slot];
        if (clauses == null) {
            entries.add(0);
            return;
        }
        entries.add(clauses.length);
        for (int[] clause : clauses) {
            if (clause.length == 1) {
                entries.add(clause[0]);
            } else {
                entries.add(-clause.length);
                for (int w : clause) {
                    entries.add(w);
                }
            }
        }
    }

    private void collectEncoded(int[] entries, ArticleIndex index, long[] present, long[] seen, IntList found) {
        int i = 0;
        while (i < entries.length) {
            int slot = entries[i++];
            int clauses = entries[i++];
            if (clauses < 0) {
                if ((seen[slot >>> 6] & (1L << slot)) == 0) {
                    seen[slot >>> 6] |= 1L << slot;
                    if (satisfiesRemaining(slot, index, present)) {
                        found.add(slot);
                    }
                }
                continue;
            }
            boolean fresh = (seen[slot >>> 6] & (1L << slot)) == 0;
            seen[slot >>> 6] |= 1L << slot;
            boolean ok = fresh;
            for (int c = 0; c < clauses; c++) {
                int head = entries[i++];
                if (head >= 0) {
                    ok = ok && (present[head >>> 6] & (1L << head)) != 0;
                } else {
                    boolean any = false;
                    for (int end = i - head; i < end; i++) {
                        int w = entries[i];
                        any |= (present[w >>> 6] & (1L << w)) != 0;
                    }
                    ok = ok && any;
                }
            }
            if (ok) {
                found.add(slot);
            }
        }
    }

    private void mark(int slot, long[] seen, IntList found) {
        seen[slot >>> 6] |= 1L << slot;
        found.add(slot);
    }

    private boolean satisfiesRemaining(int slot, ArticleIndex index, long[] present) {
        int[][] clauseIds = remainingIds[slot];
        if (clauseIds != null) {
            for (int[] clause : clauseIds) {
                boolean any = false;
                for (int w : clause) {
                    if ((present[w >>> 6] & (1L << w)) != 0) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }
        PrefilterKey[][] clauses = remainingKeys[slot];
        if (clauses == null) {
            return true;
        }
        for (PrefilterKey[] clause : clauses) {
            boolean any = false;
            for (PrefilterKey key : clause) {
                if (key.isPresentIn(index)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** The id of a stem or capitals key, assigned on first sight (with an empty posting list). */
    private static int wordId(
            PrefilterKey key, Map<String, Integer> stems, Map<String, Integer> capitals, List<IntList> postings) {
        Map<String, Integer> ids = key.kind() == PrefilterKey.Kind.CAPITALS ? capitals : stems;
        Integer id = ids.get(key.text());
        if (id == null) {
            id = postings.size();
            postings.add(new IntList());
            ids.put(key.text(), id);
        }
        return id;
    }

    private static double cost(PrefilterKey[] clause, TermRarity rarity) {
        double cost = 0;
        for (PrefilterKey key : clause) {
            cost += rarity.frequency(key);
        }
        return cost;
    }

    private static List<Set<PrefilterKey>> clausesOf(CompiledRule rule) {
        if (rule instanceof PrefilteredRule prefiltered) {
            return prefiltered.requiredKeys();
        }
        Set<String> hint = rule.anyOfTerms();
        if (hint == null || hint.isEmpty()) {
            return List.of();
        }
        return List.of(Set.copyOf(hint.stream().map(PrefilterKey::stem).toList()));
    }

    private static Map<String, int[]> freeze(Map<String, IntList> lists) {
        Map<String, int[]> frozen = new HashMap<>(Math.max(16, lists.size() * 2));
        lists.forEach((key, list) -> frozen.put(key, list.toArray()));
        return frozen;
    }

    /** A growable list of ints, without boxing. */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return size == 0 ? NONE : Arrays.copyOf(values, size);
        }
    }
}
