package io.vigil.engine.rule.query;

import io.vigil.engine.rule.ActorNames;
import io.vigil.engine.rule.ArticleIndex;
import io.vigil.engine.rule.EnglishStemming;
import io.vigil.engine.rule.PrefilterKey;
import io.vigil.engine.rule.PrefilteredRule;
import io.vigil.engine.rule.TermRarity;
import io.vigil.engine.rule.TextNormalizer;
import io.vigil.engine.rule.query.QueryNode.All;
import io.vigil.engine.rule.query.QueryNode.And;
import io.vigil.engine.rule.query.QueryNode.Near;
import io.vigil.engine.rule.query.QueryNode.Not;
import io.vigil.engine.rule.query.QueryNode.Or;
import io.vigil.engine.rule.query.QueryNode.Phrase;
import io.vigil.engine.rule.query.QueryNode.Scoped;
import io.vigil.engine.rule.query.QueryNode.Term;
import io.vigil.engine.rule.query.QueryNode.Wildcard;
import io.vigil.engine.rule.query.TermPattern.WordTest;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * A compiled {@code query} rule: its syntax tree, the passage scope of its bare lists, and the words every match must
 * contain (for the {@link io.vigil.engine.rule.RuleMatcher} index and for archive previews).
 *
 * <p>Immutable and thread-safe.
 */
public final class QueryRule implements PrefilteredRule {

    /** More clauses than this add little to the prefilter and cost memory in every rule. */
    private static final int MAX_CLAUSES = 6;

    private final String expression;
    private final QueryNode root;
    private final Proximity proximity;
    private final List<Set<PrefilterKey>> requiredKeys;
    /** Kept for the archive prefilter, which only previews ask for: live rules (up to 100,000) never work it out. */
    private final TermRarity rarity;

    private final String reading;
    private final List<String> clauses;
    private final ActorRoles roles;

    QueryRule(String expression, QueryNode root, Proximity proximity, TermRarity rarity) {
        this.expression = Objects.requireNonNull(expression, "expression is null");
        this.root = Objects.requireNonNull(root, "root is null");
        this.proximity = Objects.requireNonNull(proximity, "proximity is null");
        this.reading = QueryReading.of(root);
        this.clauses = QueryReading.clauses(root);
        this.roles = ActorRoles.of(root, ActorNames.defaults());
        List<Set<PrefilterKey>> clauses = clauses(root, rarity);
        this.requiredKeys = clauses == null
                ? List.of()
                : clauses.stream()
                        .sorted(Comparator.comparingDouble(clause -> cost(clause, rarity)))
                        .limit(MAX_CLAUSES)
                        .map(Set::copyOf)
                        .toList();
        this.rarity = rarity;
    }

    /** The rule as the user wrote it. */
    public String expression() {
        return expression;
    }

    /** The syntax tree. */
    public QueryNode root() {
        return root;
    }

    public Proximity proximity() {
        return proximity;
    }

    /** The rule fully parenthesised, as {@link QueryReading} writes it. */
    @Override
    public Optional<String> reading() {
        return Optional.of(reading);
    }

    @Override
    public Optional<RuleMatch> match(MatchInput article) {
        QueryEvaluator evaluator = new QueryEvaluator(article.feature(ArticleIndex.KEY), proximity, roles);
        if (!evaluator.test(root, QueryEvaluator.TEXT_FIELDS)) {
            return Optional.empty();
        }
        List<Highlight> highlights = evaluator.highlights(root, clauses);
        Set<String> terms = new LinkedHashSet<>();
        for (Highlight highlight : highlights) {
            terms.add(highlight.term());
        }
        return Optional.of(new RuleMatch(List.copyOf(terms), highlights));
    }

    /** How the rule was read for the preview: fully parenthesised, with every expansion (see {@link QueryReading}). */
    @Override
    public Optional<String> expandedReading() {
        String reading = QueryReading.expanded(root, proximity);
        for (String line : roles.readings()) {
            // The actor reading is a surprise worth seeing before saving: docs/rules.md, "Who acts".
            reading += "\nWHO ACTS: " + line;
        }
        return Optional.of(reading);
    }

    @Override
    public List<Set<PrefilterKey>> requiredKeys() {
        return requiredKeys;
    }

    /** The cheapest required clause as stems, when it has no prefixes; see {@link PrefilteredRule#requiredKeys()}. */
    @Override
    public Set<String> anyOfTerms() {
        if (requiredKeys.isEmpty()) {
            return Set.of();
        }
        Set<String> stems = new LinkedHashSet<>();
        for (PrefilterKey key : requiredKeys.get(0)) {
            switch (key.kind()) {
                case STEM -> stems.add(key.text());
                case CAPITALS -> stems.add(EnglishStemming.stem(TextNormalizer.normalize(key.text())));
                case PREFIX -> {
                    return Set.of();
                }
            }
        }
        return Set.copyOf(stems);
    }

    /**
     * A PostgreSQL {@code tsquery} every matching article satisfies, over
     * {@code to_tsvector('simple', title || ' ' || body)}: an AND of OR-groups, each alternative of a group a prefix
     * lexeme or, for an alternative of several words ({@code artillery fire}, a concept member {@code launch … missile
     * at}), an AND of its words' lexemes. Use it to fetch candidates by index for a preview, then run {@link #match} on
     * them. Empty when the rule requires no word (a pure negation).
     *
     * <p>Sending every word of a several-word alternative, rather than only its rarest as the live matcher's
     * {@link #requiredKeys()} do, keeps a wide concept from waking every article with a common word: {@code strike}
     * has members {@code fire … rocket at} and {@code hit by … drone}, and {@code 'fire':* | 'hit':*} alone let two
     * fifths of the archive through (docs/benchmarks.md, "Several-word alternatives in the prefilter"). Words in more
     * than {@link #MAX_CONJUNCT_SHARE} of articles ("at", "by", "in") are left out of such an AND, the rarest word
     * never: they would cost PostgreSQL long prefix scans and cut little; an alternative that another alternative of
     * the group implies ({@code car bomb} beside {@code bomb}) is left out too.
     *
     * <p>The 'simple' configuration lowercases words but does not stem or fold accents, so each word is sent as a prefix
     * ({@code :*}) of what its stem and its lowercase spelling share: {@code fortif:*} covers "fortify" and
     * "fortifications". The archive's vector is made from the text with the punctuation that PostgreSQL's parser
     * would glue words with turned into spaces (migration V131: "HIV/Aids" is {@code hiv} and {@code aids}, "U.S." is
     * {@code u} and {@code s}), so a capitals key is its lowercase prefix or, spelt with dots, its letters in a row:
     * {@code IED} is {@code 'ied':* | 'i' <-> 'e' <-> 'd':*}; it is folded as Vigil folds words ("Bogotá" is
     * {@code bogota}). Words that cannot be written safely (words with an apostrophe, which PostgreSQL splits; words
     * in other scripts, which Vigil folds and stems its own way) are left out of their AND, and a group with an
     * alternative of no such word at all is left out, which keeps the query a superset.
     */
    public Optional<String> postgresPrefilter() {
        StringJoiner all = new StringJoiner(" & ");
        List<Set<List<PrefilterKey>>> search = searchClauses(root, rarity);
        List<Set<List<PrefilterKey>>> searchClauses = search == null
                ? List.of()
                : search.stream()
                        .sorted(Comparator.comparingDouble(clause -> searchCost(clause, rarity)))
                        .limit(MAX_CLAUSES)
                        .toList();
        for (Set<List<PrefilterKey>> clause : searchClauses) {
            Set<String> alternatives = new TreeSet<>();
            for (List<PrefilterKey> conjunction : clause) {
                List<Set<String>> groups = new ArrayList<>();
                for (PrefilterKey key : conjunction) {
                    Set<String> lexemes = lexemes(key);
                    if (lexemes != null) {
                        groups.add(lexemes);
                    }
                }
                if (groups.isEmpty()) {
                    alternatives = null;
                    break;
                }
                if (groups.size() == 1) {
                    alternatives.addAll(groups.get(0));
                } else {
                    StringJoiner and = new StringJoiner(" & ", "(", ")");
                    for (Set<String> group : groups) {
                        and.add(group.size() == 1 ? group.iterator().next() : "(" + String.join(" | ", group) + ")");
                    }
                    alternatives.add(and.toString());
                }
            }
            if (alternatives != null) {
                all.add("(" + String.join(" | ", alternatives) + ")");
            }
        }
        return all.length() == 0 ? Optional.empty() : Optional.of(all.toString());
    }

    /**
     * The lexemes, any of which PostgreSQL holds for an article Vigil finds the key in; null when the key cannot be
     * written safely.
     */
    private static Set<String> lexemes(PrefilterKey key) {
        String lexeme = postgresLexeme(key);
        if (lexeme == null) {
            return null;
        }
        Set<String> lexemes = new TreeSet<>();
        lexemes.add(lexeme);
        lexemes.addAll(hyphenatedForms(key));
        if (key.kind() == PrefilterKey.Kind.STEM) {
            // "harbor" is also written "harbour": the British stems read as this one need their own prefix.
            for (String british : EnglishStemming.britishStemsOf(key.text())) {
                String alternative = postgresLexeme(PrefilterKey.stem(british));
                if (alternative == null) {
                    return null;
                }
                lexemes.add(alternative);
            }
        }
        return lexemes;
    }

    /**
     * Words in more of the articles than this are left out of a several-word alternative's AND in the archive's
     * prefilter (unless the rarest): the built-in table counts them in short news items, so "at" (0.21) and "by"
     * (0.15) are out and "into" (0.04) stays.
     */
    static final double MAX_CONJUNCT_SHARE = 0.1;

    /** At most this many words of a several-word alternative are sent, the rarest first. */
    private static final int MAX_CONJUNCTS = 3;

    /**
     * Hyphen prefixes PostgreSQL may find on their own, at most this share of articles: "anti", "non", "cyber", "e"
     * are in; "a", "in", "on" (a word's split there, "on-board", stays a limit) would make the query read long lists.
     */
    private static final double MAX_HYPHEN_PREFIX_SHARE = 0.05;

    /**
     * The single letters news writes before a hyphen in a word also written joined: e-mail, e-bike, x-ray, u-turn,
     * U-boat, t-shirt, h-bomb. Other letters are vocabulary words too (initials), but "b-order" or "w-all" never
     * occur, and their splits made a wide concept's query several times as long (docs/benchmarks.md, "Hyphen splits
     * in the prefilter").
     */
    private static final Set<String> ONE_LETTER_HYPHEN_PREFIXES = Set.of("e", "x", "u", "t", "h");

    /** Shortest remainder after a hyphen prefix, so that "anti" + "d" never sends a one-letter prefix. */
    private static final int MIN_HYPHEN_REMAINDER = 3;

    /**
     * The rule word as PostgreSQL indexes it when an article writes it with a hyphen. Vigil reads "anti-aircraft" as
     * {@code antiaircraft} too, but the archive's vector holds {@code anti-aircraft}, {@code anti} and {@code aircraft}:
     * so {@code antiaircraft} also sends {@code 'anti' <-> 'aircraft':*}, for every split whose left part is a word
     * of the built-in vocabulary that is not too common, a single letter only if news writes it so
     * ({@link #ONE_LETTER_HYPHEN_PREFIXES}). The right part is not checked: the vocabulary lacks many words ("mail" of
     * "e-mail"), so "concertina" also sends {@code 'concert' <-> 'ina':*}, a longer query but never a missed
     * article. Words of capitals are never joined that way.
     */
    private static List<String> hyphenatedForms(PrefilterKey key) {
        if (key.kind() == PrefilterKey.Kind.CAPITALS) {
            return List.of();
        }
        String text = lexemeText(key);
        if (!text.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return List.of();
        }
        TermRarity vocabulary = TermRarity.defaults();
        List<String> forms = new ArrayList<>();
        for (int split = 1; split <= text.length() - MIN_HYPHEN_REMAINDER; split++) {
            String left = text.substring(0, split);
            if (split == 1 && !ONE_LETTER_HYPHEN_PREFIXES.contains(left)) {
                continue;
            }
            String leftStem = EnglishStemming.stem(left);
            String right = text.substring(split);
            if (vocabulary.knows(leftStem) && vocabulary.frequency(leftStem) <= MAX_HYPHEN_PREFIX_SHARE) {
                forms.add("('" + left + "' <-> '" + right + "':*)");
            }
        }
        return forms;
    }

    private static String lexemeText(PrefilterKey key) {
        return switch (key.kind()) {
            // Porter2 turns a final y into i ("fortify" → "fortifi"); the shared prefix drops it.
            case STEM ->
                key.text().endsWith("i") ? key.text().substring(0, key.text().length() - 1) : key.text();
            // "US", "US's", "U.S." and "U.S.-led": the archive's vector reads the dotted ones as single
            // letters.
            case CAPITALS -> key.text().toLowerCase(Locale.ROOT);
            case PREFIX -> key.text();
        };
    }

    private static String postgresLexeme(PrefilterKey key) {
        String text = lexemeText(key);
        if (text.isEmpty() || !text.chars().allMatch(Character::isLetterOrDigit)) {
            // "Qur'an" is one word to Vigil and two to PostgreSQL's parser; skip the clause.
            return null;
        }
        if (!text.chars().allMatch(c -> c < 0x80)) {
            // Arabic and other scripts: Vigil's folding and stemming of them are not PostgreSQL's.
            return null;
        }
        String lexeme = "'" + text + "':*";
        if (key.kind() != PrefilterKey.Kind.CAPITALS || !text.chars().allMatch(Character::isLetter)) {
            return lexeme;
        }
        // The last letter is a prefix too: "U.S.-led" leaves the hyphenated "s-led" right after "u".
        StringJoiner dotted = new StringJoiner(" <-> ", "(", ":*)");
        text.chars().forEach(letter -> dotted.add("'" + (char) letter + "'"));
        return lexeme + " | " + dotted;
    }

    @Override
    public String toString() {
        return "QueryRule[" + expression + "]";
    }

    private static double cost(Set<PrefilterKey> clause, TermRarity rarity) {
        double sum = 0;
        for (PrefilterKey key : clause) {
            sum += rarity.frequency(key);
        }
        return sum;
    }

    /** Clauses (sets of keys, one of which must be present) that every match satisfies, or null when none can be said. */
    private static List<Set<PrefilterKey>> clauses(QueryNode node, TermRarity rarity) {
        return switch (node) {
            case Term term -> leafClauses(term.pattern(), rarity);
            case Phrase phrase -> leafClauses(phrase.pattern(), rarity);
            case Wildcard wildcard -> leafClauses(wildcard.pattern(), rarity);
            case And and -> conjunction(and.operands(), rarity);
            case All all -> conjunction(all.operands(), rarity);
            case Near near -> conjunction(List.of(near.left(), near.right()), rarity);
            case Or or -> {
                Set<PrefilterKey> union = new LinkedHashSet<>();
                for (QueryNode operand : or.operands()) {
                    List<Set<PrefilterKey>> operandClauses = clauses(operand, rarity);
                    if (operandClauses == null) {
                        yield null;
                    }
                    // Each match satisfies one operand, hence that operand's cheapest clause.
                    union.addAll(operandClauses.stream()
                            .min(Comparator.comparingDouble(clause -> cost(clause, rarity)))
                            .orElseThrow());
                }
                yield List.of(union);
            }
            case Not not -> null;
            case Scoped scoped -> scoped.field() == QueryNode.Field.SOURCE ? null : clauses(scoped.operand(), rarity);
        };
    }

    private static List<Set<PrefilterKey>> conjunction(List<QueryNode> operands, TermRarity rarity) {
        List<Set<PrefilterKey>> all = new ArrayList<>();
        for (QueryNode operand : operands) {
            List<Set<PrefilterKey>> operandClauses = clauses(operand, rarity);
            if (operandClauses != null) {
                all.addAll(operandClauses);
            }
        }
        return all.isEmpty() ? null : all;
    }

    /**
     * The archive prefilter's clauses (every match satisfies each), each an OR of conjunctions of keys; null when none
     * can be said. Like {@link #clauses} but an alternative of several words keeps its selective words, and an OR's
     * operand of several required words is one conjunction ({@code (Blair AND election) OR (Brown AND vote)} asks for
     * both words of one side).
     */
    private static List<Set<List<PrefilterKey>>> searchClauses(QueryNode node, TermRarity rarity) {
        return switch (node) {
            case Term term -> searchLeaf(term.pattern(), rarity);
            case Phrase phrase -> searchLeaf(phrase.pattern(), rarity);
            case Wildcard wildcard -> searchLeaf(wildcard.pattern(), rarity);
            case And and -> searchConjunction(and.operands(), rarity);
            case All all -> searchConjunction(all.operands(), rarity);
            case Near near -> searchConjunction(List.of(near.left(), near.right()), rarity);
            case Or or -> {
                Set<List<PrefilterKey>> union = new LinkedHashSet<>();
                for (QueryNode operand : or.operands()) {
                    List<Set<List<PrefilterKey>>> operandClauses = searchClauses(operand, rarity);
                    if (operandClauses == null) {
                        yield null;
                    }
                    if (operandClauses.stream().allMatch(clause -> clause.size() == 1)) {
                        // Required words alone: a match of this operand has all of them.
                        List<PrefilterKey> words = new ArrayList<>();
                        operandClauses.forEach(
                                clause -> words.addAll(clause.iterator().next()));
                        union.add(selective(words, rarity));
                    } else {
                        union.addAll(operandClauses.stream()
                                .min(Comparator.comparingDouble(clause -> searchCost(clause, rarity)))
                                .orElseThrow());
                    }
                }
                yield List.of(withoutImplied(union));
            }
            case Not not -> null;
            case Scoped scoped ->
                scoped.field() == QueryNode.Field.SOURCE ? null : searchClauses(scoped.operand(), rarity);
        };
    }

    private static List<Set<List<PrefilterKey>>> searchConjunction(List<QueryNode> operands, TermRarity rarity) {
        List<Set<List<PrefilterKey>>> all = new ArrayList<>();
        for (QueryNode operand : operands) {
            List<Set<List<PrefilterKey>>> operandClauses = searchClauses(operand, rarity);
            if (operandClauses != null) {
                all.addAll(operandClauses);
            }
        }
        return all.isEmpty() ? null : all;
    }

    private static List<Set<List<PrefilterKey>>> searchLeaf(TermPattern pattern, TermRarity rarity) {
        if (pattern.alternatives().size() == 1) {
            List<Set<List<PrefilterKey>>> clauses = new ArrayList<>();
            for (WordTest test : pattern.alternatives().get(0).words()) {
                clauses.add(Set.of(List.of(test.indexKey())));
            }
            return clauses;
        }
        Set<List<PrefilterKey>> any = new LinkedHashSet<>();
        for (List<WordTest> alternative : pattern.sequences()) {
            any.add(selective(alternative.stream().map(WordTest::indexKey).toList(), rarity));
        }
        return List.of(withoutImplied(any));
    }

    /**
     * The words of an alternative worth sending, all of which a match has, rarest first: the rarest, and up to
     * {@link #MAX_CONJUNCTS} in all of those in at most {@link #MAX_CONJUNCT_SHARE} of articles.
     */
    private static List<PrefilterKey> selective(List<PrefilterKey> words, TermRarity rarity) {
        List<PrefilterKey> byRarity = words.stream()
                .distinct()
                .sorted(Comparator.comparingDouble((PrefilterKey word) -> rarity.frequency(word))
                        .thenComparing(PrefilterKey::text)
                        .thenComparing(PrefilterKey::kind))
                .toList();
        List<PrefilterKey> kept = new ArrayList<>();
        for (PrefilterKey word : byRarity) {
            if (kept.isEmpty() || (kept.size() < MAX_CONJUNCTS && rarity.frequency(word) <= MAX_CONJUNCT_SHARE)) {
                kept.add(word);
            }
        }
        return List.copyOf(kept);
    }

    /** The conjunctions no other one of the set implies: {@code bomb} implies {@code car AND bomb}, which goes. */
    private static Set<List<PrefilterKey>> withoutImplied(Set<List<PrefilterKey>> conjunctions) {
        Set<List<PrefilterKey>> kept = new LinkedHashSet<>();
        for (List<PrefilterKey> conjunction : conjunctions) {
            boolean implied = false;
            for (List<PrefilterKey> other : conjunctions) {
                if (other.size() < conjunction.size() && conjunction.containsAll(other)) {
                    implied = true;
                    break;
                }
            }
            if (!implied) {
                kept.add(conjunction);
            }
        }
        return kept;
    }

    /** The estimated share of articles a clause lets through: each conjunction's words taken as independent. */
    private static double searchCost(Set<List<PrefilterKey>> clause, TermRarity rarity) {
        double sum = 0;
        for (List<PrefilterKey> conjunction : clause) {
            double share = 1;
            for (PrefilterKey key : conjunction) {
                share *= rarity.frequency(key);
            }
            sum += share;
        }
        return sum;
    }

    private static List<Set<PrefilterKey>> leafClauses(TermPattern pattern, TermRarity rarity) {
        if (pattern.alternatives().size() == 1) {
            // One spelling: every one of its words is required, each its own clause.
            List<Set<PrefilterKey>> clauses = new ArrayList<>();
            for (WordTest test : pattern.alternatives().get(0).words()) {
                clauses.add(Set.of(test.indexKey()));
            }
            return clauses;
        }
        Set<PrefilterKey> any = new LinkedHashSet<>();
        for (List<WordTest> alternative : pattern.sequences()) {
            any.add(alternative.stream()
                    .map(WordTest::indexKey)
                    .min(Comparator.comparingDouble(rarity::frequency))
                    .orElseThrow());
        }
        return List.of(any);
    }
}
