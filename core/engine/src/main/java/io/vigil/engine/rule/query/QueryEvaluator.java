package io.vigil.engine.rule.query;

import io.vigil.engine.rule.ActorNames;
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
import io.vigil.engine.rule.query.TermPattern.Alternative;
import io.vigil.engine.rule.query.TermPattern.Capitals;
import io.vigil.engine.rule.query.TermPattern.Exact;
import io.vigil.engine.rule.query.TermPattern.Origin;
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
    /** A short item (or {@code article} proximity): the whole article is one passage. */
    private final boolean whole;

    /**
     * Inside a NOT or an explicit AND: every mention counts, even one in passing (an excluding word wherever it is; an
     * AND as the classic Boolean operator).
     */
    private int negations;

    private final ActorRoles roles;
    private final ActorNames names = ActorNames.defaults();

    QueryEvaluator(ArticleIndex article, Proximity proximity) {
        this(article, proximity, ActorRoles.none());
    }

    QueryEvaluator(ArticleIndex article, Proximity proximity, ActorRoles roles) {
        this.article = article;
        this.proximity = proximity;
        this.roles = roles;
        this.passageCount = Math.max(1, article.sentenceCount());
        this.whole = proximity.kind() == Proximity.Kind.ARTICLE
                || article.field(ArticleIndex.BODY).sentenceCount() <= proximity.shortItem();
    }

    /** Whether the node holds for the article, looking in the fields of {@code fields} (a bit mask of slots). */
    boolean test(QueryNode node, int fields) {
        return switch (node) {
            case Term term -> exists(term.pattern(), fields);
            case Phrase phrase -> exists(phrase.pattern(), fields);
            case Wildcard wildcard -> exists(wildcard.pattern(), fields);
            case And and -> {
                // An explicit AND keeps its classic meaning: every word somewhere, a passing mention included.
                negations++;
                try {
                    for (QueryNode operand : and.operands()) {
                        if (!test(operand, fields)) {
                            yield false;
                        }
                    }
                    yield true;
                } finally {
                    negations--;
                }
            }
            case Or or -> {
                for (QueryNode operand : or.operands()) {
                    if (test(operand, fields)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Not not -> {
                negations++;
                try {
                    yield !test(not.operand(), fields);
                } finally {
                    negations--;
                }
            }
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
            case And and -> {
                negations++;
                try {
                    yield intersection(and.operands(), fields);
                } finally {
                    negations--;
                }
            }
            case All all -> {
                List<TermPattern> outer = siblings;
                siblings = new ArrayList<>();
                collectLeaves(all, siblings);
                try {
                    yield intersection(all.operands(), fields);
                } finally {
                    siblings = outer;
                }
            }
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

    /**
     * The spans that made a matching node match, at most {@value #MAX_HIGHLIGHTS}, with the rule term each stands for
     * and the clause it belongs to.
     *
     * @param clauses the clause of each top-level operand of the root ({@link QueryReading#clauses}), or one clause for
     *     the whole root
     */
    List<Highlight> highlights(QueryNode root, List<String> clauses) {
        List<Highlight> out = new ArrayList<>();
        highlight(root, TEXT_FIELDS, null, out, clauses.size() == 1 ? clauses.get(0) : null, clauses);
        return out;
    }

    /**
     * Highlights one node. {@code topClauses} is set only for the root, when each of its operands is a clause of its
     * own; below the root every span takes the {@code clause} of the operand it lies in.
     */
    private void highlight(
            QueryNode node, int fields, BitSet allowed, List<Highlight> out, String clause, List<String> topClauses) {
        if (out.size() >= MAX_HIGHLIGHTS) {
            return;
        }
        switch (node) {
            case Term term -> highlightLeaf(term.pattern(), term.text(), fields, allowed, out, clause);
            case Phrase phrase -> highlightLeaf(phrase.pattern(), phrase.text(), fields, allowed, out, clause);
            case Wildcard wildcard -> highlightLeaf(wildcard.pattern(), wildcard.text(), fields, allowed, out, clause);
            case And and -> {
                for (int i = 0; i < and.operands().size(); i++) {
                    highlight(and.operands().get(i), fields, allowed, out, clauseOf(i, clause, topClauses), null);
                }
            }
            case Or or -> {
                for (int i = 0; i < or.operands().size(); i++) {
                    QueryNode operand = or.operands().get(i);
                    boolean holds = allowed == null
                            ? test(operand, fields)
                            : passages(operand, fields).intersects(allowed);
                    if (holds) {
                        highlight(operand, fields, allowed, out, clauseOf(i, clause, topClauses), null);
                    }
                }
            }
            case Not not -> {}
            case All all -> {
                BitSet where = passages(all, fields);
                if (allowed != null) {
                    where.and(allowed);
                }
                for (int i = 0; i < all.operands().size(); i++) {
                    QueryNode operand = all.operands().get(i);
                    String operandClause = clauseOf(i, clause, topClauses);
                    if (operand instanceof Scoped scoped) {
                        highlight(scoped, fields, null, out, operandClause, null);
                    } else {
                        highlight(operand, fields, where, out, operandClause, null);
                    }
                }
            }
            case Near near -> {
                for (int slot : SLOTS) {
                    if ((fields & (1 << slot)) != 0 && slot != ArticleIndex.SOURCE) {
                        for (long[] pair : nearPairs(near, slot)) {
                            if (allowed == null || inAllowed(slot, pair[0], allowed)) {
                                addHighlight(slot, pair[0], textOf(near.left()), clause, out);
                                addHighlight(slot, pair[1], textOf(near.right()), clause, out);
                            }
                        }
                    }
                }
            }
            case Scoped scoped -> highlight(scoped.operand(), 1 << slot(scoped.field()), allowed, out, clause, null);
        }
    }

    private static String clauseOf(int operand, String clause, List<String> topClauses) {
        return topClauses != null && topClauses.size() > operand && topClauses.size() > 1
                ? topClauses.get(operand)
                : clause;
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

    private void highlightLeaf(
            TermPattern pattern, String text, int fields, BitSet allowed, List<Highlight> out, String clause) {
        for (int slot : SLOTS) {
            if ((fields & (1 << slot)) == 0 || slot == ArticleIndex.SOURCE) {
                continue;
            }
            int added = 0;
            for (Alternative alternative : pattern.alternatives()) {
                // An expansion says what it stands for, so an alert reads "armed group ← militants".
                String term = alternative.origin() == Origin.ALIAS || alternative.origin() == Origin.CONCEPT
                        ? text + " \u2190 " + alternative.label()
                        : text;
                for (long occurrence : occurrences(alternative, slot)) {
                    if (added >= MAX_HIGHLIGHTS_PER_TERM) {
                        break;
                    }
                    if (!roles.isEmpty()
                            && !roles.counts(
                                    pattern, article.field(slot), start(occurrence), end(occurrence), names, raw)) {
                        continue;
                    }
                    if (allowed == null || inAllowed(slot, occurrence, allowed)) {
                        if (addHighlight(slot, occurrence, term, clause, out)) {
                            added++;
                        }
                    }
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

    private boolean addHighlight(int slot, long occurrence, String term, String clause, List<Highlight> out) {
        if (out.size() >= MAX_HIGHLIGHTS) {
            return false;
        }
        List<Token> tokens = article.field(slot).tokens();
        int start = tokens.get(start(occurrence)).start();
        int end = tokens.get(end(occurrence)).end();
        for (Highlight existing : out) {
            // One span is explained once, by the first term (or expansion) that claimed it.
            if (existing.field().equals(ArticleIndex.fieldName(slot))
                    && existing.start() == start
                    && existing.end() == end) {
                return false;
            }
        }
        out.add(new Highlight(ArticleIndex.fieldName(slot), start, end, term, clause));
        return true;
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
        BitSet mates = null;
        if (!prominent(pattern)) {
            mates = sentenceMates(pattern);
            if (mates.isEmpty()) {
                return found;
            }
        }
        for (int slot : SLOTS) {
            if ((fields & (1 << slot)) != 0) {
                for (long occurrence : occurrences(pattern, slot)) {
                    if (mates != null
                            && (slot != ArticleIndex.BODY
                                    || !mates.get(article.field(slot)
                                            .tokens()
                                            .get(start(occurrence))
                                            .sentence()))) {
                        continue;
                    }
                    int low = passageLow(slot, start(occurrence));
                    int high = passageHigh(slot, start(occurrence));
                    found.set(low, high + 1);
                }
            }
        }
        return found;
    }

    /**
     * The first passage a token belongs to: passages are windows of sentences that never cross a paragraph; a short
     * item is one passage, and the title may belong to all of them.
     */
    private int passageLow(int slot, int token) {
        if (whole || (slot == ArticleIndex.TITLE && proximity.titleInEveryPassage())) {
            return 0;
        }
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
        if (whole) {
            return 0;
        }
        if (slot == ArticleIndex.TITLE && proximity.titleInEveryPassage()) {
            return passageCount - 1;
        }
        return switch (proximity.kind()) {
            case ARTICLE -> 0;
            case PARAGRAPH -> passageLow(slot, token);
            case SENTENCES ->
                article.sentenceOffset(slot)
                        + article.field(slot).tokens().get(token).sentence();
        };
    }

    /**
     * Whether a term is more than a passing mention: always in a short item; in a long article when it occurs in the
     * title, in the lead paragraph, or in at least {@value #PROMINENT_SENTENCES} sentences of the body. A long article
     * that names a rule's matter once, deep in the text ("the dollar fell... as the Fed raised rates", a quoted
     * "phishing attacks" in a report on spam), is not about it (measured: docs/rules.md, "Passing mentions"). A word
     * excluded by NOT, and a word of an explicit AND, count wherever they are.
     */
    private boolean prominent(TermPattern pattern) {
        if (whole || negations > 0 || !proximity.passingMentionsIgnored()) {
            return true;
        }
        Boolean known = prominence.get(pattern);
        if (known != null) {
            return known;
        }
        boolean result = occurrences(pattern, ArticleIndex.TITLE).length > 0;
        if (!result) {
            List<Token> tokens = article.field(ArticleIndex.BODY).tokens();
            int firstSentence = -1;
            for (long occurrence : occurrences(pattern, ArticleIndex.BODY)) {
                Token token = tokens.get(start(occurrence));
                if (token.paragraph() == 0) {
                    result = true;
                    break;
                }
                if (firstSentence < 0) {
                    firstSentence = token.sentence();
                } else if (token.sentence() != firstSentence) {
                    result = true;
                    break;
                }
            }
        }
        prominence.put(pattern, result);
        return result;
    }

    /**
     * The body sentences in which a term that is not {@link #prominent} occurs together with another word of the same
     * bare list: a sentence that states the rule's matter ("the ECB left its benchmark interest rate unchanged") is no
     * passing mention, even when each of its words occurs only there.
     */
    private BitSet sentenceMates(TermPattern pattern) {
        BitSet own = bodySentences(pattern);
        BitSet others = new BitSet();
        if (siblings != null) {
            for (TermPattern sibling : siblings) {
                if (sibling != pattern) {
                    others.or(bodySentences(sibling));
                }
            }
        }
        own.and(others);
        return own;
    }

    private BitSet bodySentences(TermPattern pattern) {
        BitSet sentences = new BitSet();
        List<Token> tokens = article.field(ArticleIndex.BODY).tokens();
        for (long occurrence : occurrences(pattern, ArticleIndex.BODY)) {
            sentences.set(tokens.get(start(occurrence)).sentence());
        }
        return sentences;
    }

    /** The leaf patterns of a bare list's positive operands, through OR, NEAR and nested lists. */
    private static void collectLeaves(QueryNode node, List<TermPattern> out) {
        switch (node) {
            case Term term -> out.add(term.pattern());
            case Phrase phrase -> out.add(phrase.pattern());
            case Wildcard wildcard -> out.add(wildcard.pattern());
            case All all -> all.operands().forEach(operand -> collectLeaves(operand, out));
            case And and -> and.operands().forEach(operand -> collectLeaves(operand, out));
            case Or or -> or.operands().forEach(operand -> collectLeaves(operand, out));
            case Near near -> {
                collectLeaves(near.left(), out);
                collectLeaves(near.right(), out);
            }
            case Not not -> {}
            case Scoped scoped -> {}
        }
    }

    /** The leaves of the bare list being evaluated, whose sentences can vouch for each other; null outside one. */
    private List<TermPattern> siblings;

    /** Sentences of a long article's body a term must occur in, outside its title and lead, to count. */
    private static final int PROMINENT_SENTENCES = 2;

    private final java.util.IdentityHashMap<TermPattern, Boolean> prominence = new java.util.IdentityHashMap<>();

    private boolean exists(TermPattern pattern, int fields) {
        if ((fields & ~(1 << ArticleIndex.SOURCE)) != 0 && !prominent(pattern)) {
            // Article-wide (AND, a single word): no list whose words could share its sentence.
            return false;
        }
        for (Alternative alternative : pattern.alternatives()) {
            List<WordTest> words = alternative.words();
            for (int slot : SLOTS) {
                if ((fields & (1 << slot)) == 0) {
                    continue;
                }
                FieldIndex field = article.field(slot);
                if (words.size() == 1) {
                    if (anyToken(field, words.get(0))) {
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
            case Stem stem -> field.withStem(stem.stem()).length > 0 || field.joinedWithStem(stem.stem()).length > 0;
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

    /**
     * Occurrences of a multi-word alternative, packed as (start, end): consecutive tokens of one paragraph, or, where
     * the alternative allows a gap before a word, that word within so many more words of the same sentence (the
     * nearest one).
     */
    private static List<Long> sequences(FieldIndex field, Alternative alternative) {
        List<WordTest> words = alternative.words();
        List<Token> tokens = field.tokens();
        List<Long> found = new ArrayList<>();
        if (!alternative.gapped()) {
            for (int first : candidates(field, words.get(0))) {
                int last = first + words.size() - 1;
                if (last >= tokens.size()) {
                    break;
                }
                boolean all = true;
                for (int k = 1; k < words.size() && all; k++) {
                    Token token = tokens.get(first + k);
                    all = token.paragraph() == tokens.get(first).paragraph() && passes(token, words.get(k));
                }
                if (all) {
                    found.add(pack(first, last));
                }
            }
            return found;
        }
        for (int first : candidates(field, words.get(0))) {
            int last = gappedEnd(tokens, alternative, 1, first);
            if (last >= 0) {
                found.add(pack(first, last));
            }
        }
        return found;
    }

    /** Where word {@code k} onwards of a gapped alternative ends after token {@code previous}, or -1. */
    private static int gappedEnd(List<Token> tokens, Alternative alternative, int k, int previous) {
        if (k == alternative.words().size()) {
            return previous;
        }
        int gap = alternative.gapsBefore().get(k);
        for (int next = previous + 1; next <= previous + 1 + gap && next < tokens.size(); next++) {
            Token token = tokens.get(next);
            if (token.paragraph() != tokens.get(previous).paragraph()
                    || (gap > 0 && token.sentence() != tokens.get(previous).sentence())) {
                break;
            }
            if (passes(token, alternative.words().get(k))) {
                int end = gappedEnd(tokens, alternative, k + 1, next);
                if (end >= 0) {
                    return end;
                }
            }
        }
        return -1;
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

    /**
     * Occurrences of a leaf pattern in one field, as packed (first token, last token) spans in text order, without
     * those its rule's {@link ActorRoles} rule out (an action of another actor, the agent as a target).
     */
    long[] occurrences(TermPattern pattern, int slot) {
        // Prominence, passages and highlights all ask for the same leaves: each is looked up once per evaluation.
        long[][] bySlot = known.computeIfAbsent(pattern, unused -> new long[SLOTS.length][]);
        long[] found = bySlot[slot];
        if (found == null) {
            found = countedOccurrences(pattern, slot);
            bySlot[slot] = found;
        }
        return found;
    }

    /** The occurrences found so far, by leaf and field slot; callers only read the arrays. */
    private final java.util.IdentityHashMap<TermPattern, long[][]> known = new java.util.IdentityHashMap<>();

    private long[] countedOccurrences(TermPattern pattern, int slot) {
        long[] found = rawOccurrences(pattern, slot);
        if (roles.isEmpty() || found.length == 0 || slot == ArticleIndex.SOURCE) {
            return found;
        }
        FieldIndex field = article.field(slot);
        int kept = 0;
        long[] out = new long[found.length];
        for (long occurrence : found) {
            if (roles.counts(pattern, field, start(occurrence), end(occurrence), names, raw)) {
                out[kept++] = occurrence;
            }
        }
        return kept == found.length ? found : java.util.Arrays.copyOf(out, kept);
    }

    /** Occurrences before roles apply, for {@link ActorRoles} to look around an occurrence. */
    private final ActorRoles.Raw raw = new ActorRoles.Raw() {
        @Override
        public long[] occurrences(TermPattern pattern, FieldIndex field) {
            for (int slot : SLOTS) {
                if (article.field(slot) == field) {
                    return rawOccurrences(pattern, slot);
                }
            }
            return NO_SPANS;
        }

        @Override
        public FieldIndex body() {
            return article.field(ArticleIndex.BODY);
        }
    };

    private long[] rawOccurrences(TermPattern pattern, int slot) {
        if (pattern.alternatives().size() == 1) {
            return occurrences(pattern.alternatives().get(0), slot);
        }
        long[] all = new long[0];
        int size = 0;
        for (Alternative alternative : pattern.alternatives()) {
            long[] found = occurrences(alternative, slot);
            if (found.length == 0) {
                continue;
            }
            if (size + found.length > all.length) {
                all = java.util.Arrays.copyOf(all, Math.max(2 * all.length, size + found.length));
            }
            System.arraycopy(found, 0, all, size, found.length);
            size += found.length;
        }
        return java.util.Arrays.stream(all, 0, size).sorted().distinct().toArray();
    }

    /** Occurrences of one alternative in one field, as packed spans in text order. */
    private long[] occurrences(Alternative alternative, int slot) {
        FieldIndex field = article.field(slot);
        List<WordTest> words = alternative.words();
        if (words.size() > 1) {
            return sequences(field, alternative).stream()
                    .mapToLong(Long::longValue)
                    .toArray();
        }
        WordTest test = words.get(0);
        int[] tokens = candidates(field, test);
        long[] joined = test instanceof Stem stem ? field.joinedWithStem(stem.stem()) : NO_SPANS;
        long[] packed = new long[tokens.length + joined.length];
        int kept = 0;
        for (int token : tokens) {
            if (!downSense(field.tokens(), token)) {
                packed[kept++] = pack(token, token);
            }
        }
        if (kept < tokens.length) {
            packed = java.util.Arrays.copyOf(packed, kept + joined.length);
        }
        if (joined.length > 0) {
            System.arraycopy(joined, 0, packed, kept, joined.length);
            java.util.Arrays.sort(packed);
        }
        return packed;
    }

    /**
     * Stems of action words that, followed by "down", mean something else: "shoot down a drone" is an interception,
     * "strikes down a law" a court's ruling, neither an attack nor a strike.
     */
    private static final java.util.Set<String> DOWN_SENSES = java.util.Set.of("shoot", "strike");

    private static boolean downSense(List<Token> tokens, int index) {
        if (index + 1 >= tokens.size()
                || !DOWN_SENSES.contains(tokens.get(index).stem())) {
            return false;
        }
        Token next = tokens.get(index + 1);
        return next.sentence() == tokens.get(index).sentence()
                && next.normalized().equals("down");
    }

    private static final long[] NO_SPANS = new long[0];

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
