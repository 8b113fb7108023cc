package io.vigil.engine.rule.query;

import io.vigil.engine.rule.ArticleIndex;
import io.vigil.engine.rule.ArticleIndex.FieldIndex;
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
import io.vigil.engine.rule.query.TermPattern.Capitals;
import io.vigil.engine.rule.query.TermPattern.Exact;
import io.vigil.engine.rule.query.TermPattern.Prefix;
import io.vigil.engine.rule.query.TermPattern.Stem;
import io.vigil.engine.rule.query.TermPattern.WordTest;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.Token;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Evaluates one rule tree against one article's {@link ArticleIndex}: whether it matches, in which passages, and which
 * spans to highlight.
 *
 * <p>Two modes meet here. Article-wide evaluation ({@link #test}) answers {@code AND}, {@code OR}, {@code NOT}. Passage
 * evaluation ({@link #passages}) answers the bare list: each leaf yields the set of passages (windows of sentences,
 * numbered over title and body) it occurs in, a bare list intersects its operands' sets, and the list matches when the
 * intersection is not empty. Negations and field scopes inside a bare list are article-wide conditions.
 *
 * <p>One instance per (rule, article) evaluation; not shared between threads.
 */
final class QueryEvaluator {

    /** Title and body: where unscoped terms look. */
    static final int TEXT_FIELDS = (1 << ArticleIndex.TITLE) | (1 << ArticleIndex.BODY);

    private static final int MAX_HIGHLIGHTS = 64;

    /** Explaining a match needs a few spans per term, not every "said" of a long article. */
    private static final int MAX_HIGHLIGHTS_PER_TERM = 8;

    private static final int[] SLOTS = {ArticleIndex.TITLE, ArticleIndex.BODY, ArticleIndex.SOURCE};

    private final ArticleIndex article;
    private final Proximity proximity;
    private final int passageCount;

    QueryEvaluator(ArticleIndex article, Proximity proximity) {
        this.article = article;
        this.proximity = proximity;
        this.passageCount = Math.max(1, article.sentenceCount());
    }

    /** Whether the node holds for the article, looking in the fields of {@code fields} (a bit mask of slots). */
    boolean test(QueryNode node, int fields) {
        return switch (node) {
            case Term term -> exists(term.pattern(), fields);
            case Phrase phrase -> exists(phrase.pattern(), fields);
            case Wildcard wildcard -> exists(wildcard.pattern(), fields);
            case And and -> {
                for (QueryNode operand : and.operands()) {
                    if (!test(operand, fields)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Or or -> {
                for (QueryNode operand : or.operands()) {
                    if (test(operand, fields)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Not not -> !test(not.operand(), fields);
            case All all -> !passages(all, fields).isEmpty();
            case Near near -> {
                for (int slot : SLOTS) {
                    if ((fields & (1 << slot)) != 0 && !nearPairs(near, slot).isEmpty()) {
                        yield true;
                    }
                }
                yield false;
            }
            case Scoped scoped -> test(scoped.operand(), 1 << slot(scoped.field()));
        };
    }

    /** The passages in which the node holds. */
    BitSet passages(QueryNode node, int fields) {
        return switch (node) {
            case Term term -> leafPassages(term.pattern(), fields);
            case Phrase phrase -> leafPassages(phrase.pattern(), fields);
            case Wildcard wildcard -> leafPassages(wildcard.pattern(), fields);
            case And and -> intersection(and.operands(), fields);
            case All all -> intersection(all.operands(), fields);
            case Or or -> {
                BitSet union = new BitSet(passageCount);
                for (QueryNode operand : or.operands()) {
                    union.or(passages(operand, fields));
                }
                yield union;
            }
            case Not not -> everywhereIf(test(not, fields));
            case Scoped scoped -> everywhereIf(test(scoped, fields));
            case Near near -> {
                BitSet found = new BitSet(passageCount);
                for (int slot : SLOTS) {
                    if ((fields & (1 << slot)) != 0) {
                        for (long[] pair : nearPairs(near, slot)) {
                            int low = Math.max(passageLow(slot, start(pair[0])), passageLow(slot, end(pair[1])));
                            int high = Math.min(passageHigh(slot, start(pair[0])), passageHigh(slot, end(pair[1])));
                            if (low <= high) {
                                found.set(low, high + 1);
                            }
                        }
                    }
                }
                yield found;
            }
        };
    }

    /** The spans that made a matching node match, at most {@value #MAX_HIGHLIGHTS}, with the rule term each stands for. */
    List<Highlight> highlights(QueryNode root) {
        List<Highlight> out = new ArrayList<>();
        highlight(root, TEXT_FIELDS, null, out);
        return out;
    }

    private void highlight(QueryNode node, int fields, BitSet allowed, List<Highlight> out) {
        if (out.size() >= MAX_HIGHLIGHTS) {
            return;
        }
        switch (node) {
            case Term term -> highlightLeaf(term.pattern(), term.text(), fields, allowed, out);
            case Phrase phrase -> highlightLeaf(phrase.pattern(), phrase.text(), fields, allowed, out);
            case Wildcard wildcard -> highlightLeaf(wildcard.pattern(), wildcard.text(), fields, allowed, out);
            case And and -> and.operands().forEach(operand -> highlight(operand, fields, allowed, out));
            case Or or -> {
                for (QueryNode operand : or.operands()) {
                    boolean holds = allowed == null
                            ? test(operand, fields)
                            : passages(operand, fields).intersects(allowed);
                    if (holds) {
                        highlight(operand, fields, allowed, out);
                    }
                }
            }
            case Not not -> {}
            case All all -> {
                BitSet where = passages(all, fields);
                if (allowed != null) {
                    where.and(allowed);
                }
                for (QueryNode operand : all.operands()) {
                    if (operand instanceof Scoped scoped) {
                        highlight(scoped, fields, null, out);
                    } else {
                        highlight(operand, fields, where, out);
                    }
                }
            }
            case Near near -> {
                for (int slot : SLOTS) {
                    if ((fields & (1 << slot)) != 0 && slot != ArticleIndex.SOURCE) {
                        for (long[] pair : nearPairs(near, slot)) {
                            if (allowed == null || inAllowed(slot, pair[0], allowed)) {
                                addHighlight(slot, pair[0], textOf(near.left()), out);
                                addHighlight(slot, pair[1], textOf(near.right()), out);
                            }
                        }
                    }
                }
            }
            case Scoped scoped -> highlight(scoped.operand(), 1 << slot(scoped.field()), allowed, out);
        }
    }

    private static String textOf(QueryNode node) {
        return switch (node) {
            case Term term -> term.text();
            case Phrase phrase -> phrase.text();
            case Wildcard wildcard -> wildcard.text();
            case Near near -> textOf(near.left()) + " " + textOf(near.right());
            case Or or ->
                String.join(
                        " OR ",
                        or.operands().stream().map(QueryEvaluator::textOf).toList());
            case All all -> "";
            case And and -> "";
            case Not not -> "";
            case Scoped scoped -> textOf(scoped.operand());
        };
    }

    private void highlightLeaf(TermPattern pattern, String text, int fields, BitSet allowed, List<Highlight> out) {
        for (int slot : SLOTS) {
            if ((fields & (1 << slot)) == 0 || slot == ArticleIndex.SOURCE) {
                continue;
            }
            int added = 0;
            for (long occurrence : occurrences(pattern, slot)) {
                if (added >= MAX_HIGHLIGHTS_PER_TERM) {
                    break;
                }
                if (allowed == null || inAllowed(slot, occurrence, allowed)) {
                    addHighlight(slot, occurrence, text, out);
                    added++;
                }
            }
        }
    }

    private boolean inAllowed(int slot, long occurrence, BitSet allowed) {
        int low = passageLow(slot, start(occurrence));
        int high = passageHigh(slot, start(occurrence));
        int next = allowed.nextSetBit(low);
        return next >= 0 && next <= high;
    }

    private void addHighlight(int slot, long occurrence, String term, List<Highlight> out) {
        if (out.size() >= MAX_HIGHLIGHTS) {
            return;
        }
        List<Token> tokens = article.field(slot).tokens();
        Highlight highlight = new Highlight(
                ArticleIndex.fieldName(slot),
                tokens.get(start(occurrence)).start(),
                tokens.get(end(occurrence)).end(),
                term);
        if (!out.contains(highlight)) {
            out.add(highlight);
        }
    }

    private BitSet intersection(List<QueryNode> operands, int fields) {
        BitSet result = null;
        for (QueryNode operand : operands) {
            BitSet where = passages(operand, fields);
            if (result == null) {
                result = where;
            } else {
                result.and(where);
            }
            if (result.isEmpty()) {
                return result;
            }
        }
        return result == null ? new BitSet() : result;
    }

    private BitSet everywhereIf(boolean holds) {
        BitSet all = new BitSet(passageCount);
        if (holds) {
            all.set(0, passageCount);
        }
        return all;
    }

    private BitSet leafPassages(TermPattern pattern, int fields) {
        BitSet found = new BitSet(passageCount);
        for (int slot : SLOTS) {
            if ((fields & (1 << slot)) != 0) {
                for (long occurrence : occurrences(pattern, slot)) {
                    int low = passageLow(slot, start(occurrence));
                    int high = passageHigh(slot, start(occurrence));
                    found.set(low, high + 1);
                }
            }
        }
        return found;
    }

    /** The first passage a token belongs to: passages are windows of sentences that never cross a paragraph. */
    private int passageLow(int slot, int token) {
        FieldIndex field = article.field(slot);
        Token word = field.tokens().get(token);
        int offset = article.sentenceOffset(slot);
        return switch (proximity.kind()) {
            case ARTICLE -> 0;
            case PARAGRAPH -> offset + field.paragraphStartSentence(token);
            case SENTENCES ->
                offset + Math.max(field.paragraphStartSentence(token), word.sentence() - proximity.sentences() + 1);
        };
    }

    private int passageHigh(int slot, int token) {
        return switch (proximity.kind()) {
            case ARTICLE -> 0;
            case PARAGRAPH -> passageLow(slot, token);
            case SENTENCES ->
                article.sentenceOffset(slot)
                        + article.field(slot).tokens().get(token).sentence();
        };
    }

    private boolean exists(TermPattern pattern, int fields) {
        for (List<WordTest> alternative : pattern.alternatives()) {
            for (int slot : SLOTS) {
                if ((fields & (1 << slot)) == 0) {
                    continue;
                }
                FieldIndex field = article.field(slot);
                if (alternative.size() == 1) {
                    if (anyToken(field, alternative.get(0))) {
                        return true;
                    }
                } else if (!sequences(field, alternative).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyToken(FieldIndex field, WordTest test) {
        return switch (test) {
            case Stem stem -> field.withStem(stem.stem()).length > 0;
            case Capitals capitals -> field.withCapitals(capitals.key()).length > 0;
            case Exact exact -> field.withNormalized(exact.normalized()).length > 0;
            case Prefix prefix -> field.hasPrefix(prefix.prefix());
        };
    }

    private static int[] candidates(FieldIndex field, WordTest test) {
        return switch (test) {
            case Stem stem -> field.withStem(stem.stem());
            case Capitals capitals -> field.withCapitals(capitals.key());
            case Exact exact -> field.withNormalized(exact.normalized());
            case Prefix prefix -> field.withPrefix(prefix.prefix());
        };
    }

    private static boolean passes(Token token, WordTest test) {
        return switch (test) {
            case Stem stem -> token.stem().equals(stem.stem());
            case Capitals capitals -> capitals.key().equals(TextNormalizer.capitalsKey(token.surface()));
            case Exact exact -> token.normalized().equals(exact.normalized());
            case Prefix prefix -> token.normalized().startsWith(prefix.prefix());
        };
    }

    /** Occurrences of a multi-word alternative: consecutive tokens of one paragraph, packed as (start, end). */
    private static List<Long> sequences(FieldIndex field, List<WordTest> alternative) {
        List<Long> found = new ArrayList<>();
        List<Token> tokens = field.tokens();
        for (int first : candidates(field, alternative.get(0))) {
            int last = first + alternative.size() - 1;
            if (last >= tokens.size()) {
                break;
            }
            boolean all = true;
            for (int k = 1; k < alternative.size() && all; k++) {
                Token token = tokens.get(first + k);
                all = token.paragraph() == tokens.get(first).paragraph() && passes(token, alternative.get(k));
            }
            if (all) {
                found.add(pack(first, last));
            }
        }
        return found;
    }

    /** Every occurrence of a positional node (leaf, OR of leaves, NEAR) in one field, as packed token spans. */
    private List<Long> positions(QueryNode node, int slot) {
        return switch (node) {
            case Term term -> boxed(occurrences(term.pattern(), slot));
            case Phrase phrase -> boxed(occurrences(phrase.pattern(), slot));
            case Wildcard wildcard -> boxed(occurrences(wildcard.pattern(), slot));
            case Or or -> {
                List<Long> all = new ArrayList<>();
                for (QueryNode operand : or.operands()) {
                    all.addAll(positions(operand, slot));
                }
                yield all;
            }
            case Near near -> {
                List<Long> spans = new ArrayList<>();
                for (long[] pair : nearPairs(near, slot)) {
                    spans.add(pack(Math.min(start(pair[0]), start(pair[1])), Math.max(end(pair[0]), end(pair[1]))));
                }
                yield spans;
            }
            // The parser admits only positional operands under NEAR.
            case All all -> List.of();
            case And and -> List.of();
            case Not not -> List.of();
            case Scoped scoped -> List.of();
        };
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long value : values) {
            list.add(value);
        }
        return list;
    }

    /** Pairs of (left, right) occurrences within the NEAR distance in one paragraph of one field. */
    private List<long[]> nearPairs(Near near, int slot) {
        List<long[]> pairs = new ArrayList<>();
        List<Long> lefts = positions(near.left(), slot);
        if (lefts.isEmpty()) {
            return pairs;
        }
        List<Long> rights = positions(near.right(), slot);
        List<Token> tokens = article.field(slot).tokens();
        for (long left : lefts) {
            for (long right : rights) {
                if (tokens.get(start(left)).paragraph()
                        != tokens.get(start(right)).paragraph()) {
                    continue;
                }
                int gap;
                if (end(left) < start(right)) {
                    gap = start(right) - end(left);
                } else if (!near.ordered() && end(right) < start(left)) {
                    gap = start(left) - end(right);
                } else {
                    continue;
                }
                if (gap <= near.distance()) {
                    pairs.add(new long[] {left, right});
                }
            }
        }
        return pairs;
    }

    /** Occurrences of a leaf pattern in one field, as packed (first token, last token) spans in text order. */
    long[] occurrences(TermPattern pattern, int slot) {
        FieldIndex field = article.field(slot);
        if (pattern.alternatives().size() == 1 && pattern.alternatives().get(0).size() == 1) {
            int[] tokens = candidates(field, pattern.alternatives().get(0).get(0));
            long[] packed = new long[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                packed[i] = pack(tokens[i], tokens[i]);
            }
            return packed;
        }
        List<Long> found = new ArrayList<>();
        for (List<WordTest> alternative : pattern.alternatives()) {
            if (alternative.size() == 1) {
                for (int token : candidates(field, alternative.get(0))) {
                    found.add(pack(token, token));
                }
            } else {
                found.addAll(sequences(field, alternative));
            }
        }
        return found.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    }

    private static int slot(QueryNode.Field field) {
        return switch (field) {
            case TITLE -> ArticleIndex.TITLE;
            case BODY -> ArticleIndex.BODY;
            case SOURCE -> ArticleIndex.SOURCE;
        };
    }

    private static long pack(int start, int end) {
        return ((long) start << 32) | (end & 0xffffffffL);
    }

    private static int start(long packed) {
        return (int) (packed >>> 32);
    }

    private static int end(long packed) {
        return (int) packed;
    }
}
