package io.vigil.engine.rule.query;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.ConceptLexicon;
import io.vigil.engine.rule.EnglishStemming;
import io.vigil.engine.rule.TermAliases;
import io.vigil.engine.rule.TermRarity;
import io.vigil.engine.rule.TextNormalizer;
import io.vigil.engine.rule.query.QueryNode.All;
import io.vigil.engine.rule.query.QueryNode.And;
import io.vigil.engine.rule.query.QueryNode.Field;
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
import io.vigil.spi.rule.RuleSyntaxException;
import io.vigil.spi.rule.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parses the {@code query} rule language into a {@link QueryNode} tree, resolving every word to the tests it will run:
 * its word forms, the other spellings and aliases of the word, and — unless switched off — the concepts it stands for.
 *
 * <p>Precedence, tightest first: {@code OR} (so {@code Iran drone OR missile} is Iran with drone or missile, as Google
 * and Lexis read it); {@code NEAR/n} and {@code ONEAR/n}; {@code NOT} and {@code -} (which take the whole OR group that
 * follows: {@code -Lebanon OR Syria} excludes both); the bare list (words side by side, which must occur close
 * together); {@code AND}. Operators are written in capitals; in lowercase they are ordinary words. A word written
 * {@code =word} finds only its own word forms. Thread-safe: each {@link #parse} call keeps its state on its own stack.
 */
public final class QueryParser {

    /** The longest rule accepted, in characters. */
    public static final int MAX_LENGTH = 2_000;

    /** The most words (terms, phrase words, wildcards) one rule may hold. */
    public static final int MAX_TERMS = 100;

    /** The deepest nesting of parentheses and operators accepted. */
    public static final int MAX_DEPTH = 32;

    /** The largest {@code NEAR/n} distance; beyond it the operator means little more than {@code AND}. */
    public static final int MAX_NEAR = 100;

    /** The shortest prefix a wildcard needs, so {@code a*} cannot wake every rule for every article. */
    public static final int MIN_WILDCARD_PREFIX = 3;

    private static final String OPERAND = "a word, a \"phrase\" or '('";
    private static final Pattern NEAR = Pattern.compile("(O?NEAR)(?:/(\\d{1,6}))?");
    private static final Pattern FIELD = Pattern.compile("([A-Za-z]+):");

    /** Words for a country's armed services that name what its "forces" name ("US military", "Israeli troops"). */
    private static final Set<String> SERVICE_KEYS = Stream.of("military", "troops", "army", "soldiers")
            .map(word -> ConceptLexicon.headKey(word).orElseThrow())
            .collect(Collectors.toUnmodifiableSet());

    private static final String FORCES_KEY = ConceptLexicon.headKey("forces").orElseThrow();

    private final ArticleAnalyzer analyzer;
    private final TermAliases aliases;
    private final ConceptLexicon concepts;
    private final Predicate<String> knownWords;

    /** A parser with aliases and no concepts. */
    public QueryParser(ArticleAnalyzer analyzer, TermAliases aliases) {
        this(analyzer, aliases, ConceptLexicon.none(), TermRarity.defaults()::knows);
    }

    /**
     * A parser.
     *
     * @param knownWords whether a stem is a word of the language, so words of a rule run together ("cyber attack" →
     *     "cyberattack") count as another spelling only when the result is a real word
     */
    public QueryParser(
            ArticleAnalyzer analyzer, TermAliases aliases, ConceptLexicon concepts, Predicate<String> knownWords) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer is null");
        this.aliases = Objects.requireNonNull(aliases, "aliases is null");
        this.concepts = Objects.requireNonNull(concepts, "concepts is null");
        this.knownWords = Objects.requireNonNull(knownWords, "knownWords is null");
    }

    /**
     * Parses one rule, expanding concepts.
     *
     * @throws RuleSyntaxException naming the zero-based character position of the problem and what was expected there
     */
    public QueryNode parse(String expression) throws RuleSyntaxException {
        return parse(expression, true);
    }

    /**
     * Parses one rule.
     *
     * @param withConcepts whether terms also find their concepts' members (the rule setting {@code concepts})
     * @throws RuleSyntaxException naming the zero-based character position of the problem and what was expected there
     */
    public QueryNode parse(String expression, boolean withConcepts) throws RuleSyntaxException {
        if (expression == null || expression.isBlank()) {
            throw new RuleSyntaxException("the rule is empty", 0, OPERAND);
        }
        if (expression.length() > MAX_LENGTH) {
            throw new RuleSyntaxException(
                    "the rule is " + expression.length() + " characters long; the limit is " + MAX_LENGTH,
                    MAX_LENGTH,
                    "the end of the rule");
        }
        return new Run(expression, withConcepts).parseAll();
    }

    private enum Kind {
        WORD,
        PHRASE,
        LEFT,
        RIGHT,
        AND,
        OR,
        NOT,
        MINUS,
        NEAR,
        FIELD,
        END
    }

    private record Lexeme(Kind kind, String text, int position, int distance, boolean ordered) {
        static Lexeme of(Kind kind, String text, int position) {
            return new Lexeme(kind, text, position, 0, false);
        }
    }

    /** The state of one parse: the lexemes and a cursor over them. */
    private final class Run {
        private final String source;
        private final List<Lexeme> lexemes;
        private final boolean withConcepts;
        private int cursor;
        private int depth;
        private int terms;

        Run(String source, boolean withConcepts) throws RuleSyntaxException {
            this.source = source;
            this.lexemes = lex(source);
            this.withConcepts = withConcepts;
        }

        QueryNode parseAll() throws RuleSyntaxException {
            QueryNode node = query();
            Lexeme next = peek();
            if (next.kind() == Kind.RIGHT) {
                throw new RuleSyntaxException("')' has no matching '('", next.position(), "an operator or a word");
            }
            if (next.kind() != Kind.END) {
                throw new RuleSyntaxException(
                        "unexpected '" + next.text() + "'", next.position(), "an operator or the end of the rule");
            }
            return node;
        }

        private Lexeme peek() {
            return lexemes.get(cursor);
        }

        private Lexeme take() {
            return lexemes.get(cursor++);
        }

        private void enter(int position) throws RuleSyntaxException {
            if (++depth > MAX_DEPTH) {
                throw new RuleSyntaxException(
                        "the rule nests deeper than " + MAX_DEPTH + " levels", position, "a simpler expression");
            }
        }

        /** Explicit {@code AND}: the loosest operator. */
        private QueryNode query() throws RuleSyntaxException {
            enter(peek().position());
            List<QueryNode> operands = new ArrayList<>();
            operands.add(list());
            while (peek().kind() == Kind.AND) {
                Lexeme operator = take();
                requireOperand(operator);
                operands.add(list());
            }
            depth--;
            return operands.size() == 1 ? operands.get(0) : new And(operands);
        }

        private QueryNode list() throws RuleSyntaxException {
            List<QueryNode> operands = new ArrayList<>();
            operands.add(unary());
            while (startsOperand(peek().kind())) {
                operands.add(unary());
            }
            if (operands.size() == 1) {
                return operands.get(0);
            }
            return new All(joinWindows(operands));
        }

        private QueryNode unary() throws RuleSyntaxException {
            Lexeme next = peek();
            if (next.kind() == Kind.NOT || next.kind() == Kind.MINUS) {
                take();
                requireOperand(next);
                enter(next.position());
                QueryNode operand = unary();
                depth--;
                return new Not(operand);
            }
            return near();
        }

        private QueryNode near() throws RuleSyntaxException {
            int leftPosition = peek().position();
            QueryNode left = orGroup();
            while (peek().kind() == Kind.NEAR) {
                Lexeme operator = take();
                requirePositional(left, leftPosition, operator);
                requireOperand(operator);
                int rightPosition = peek().position();
                QueryNode right = orGroup();
                requirePositional(right, rightPosition, operator);
                left = new Near(left, right, operator.distance(), operator.ordered());
            }
            return left;
        }

        /** {@code OR}: the tightest operator, so {@code Iran drone OR missile} reads Iran (drone OR missile). */
        private QueryNode orGroup() throws RuleSyntaxException {
            List<QueryNode> operands = new ArrayList<>();
            operands.add(primary());
            while (peek().kind() == Kind.OR) {
                Lexeme operator = take();
                requireOperand(operator);
                operands.add(orOperand());
            }
            return operands.size() == 1 ? operands.get(0) : new Or(operands);
        }

        private QueryNode orOperand() throws RuleSyntaxException {
            Lexeme next = peek();
            if (next.kind() == Kind.NOT || next.kind() == Kind.MINUS) {
                take();
                requireOperand(next);
                enter(next.position());
                QueryNode operand = orOperand();
                depth--;
                return new Not(operand);
            }
            return primary();
        }

        /**
         * Replaces runs of consecutive plain words of a bare list that name one thing together — a concept head
         * ({@code armed group}, {@code cyber attack}), another spelling ({@code cyber attack} for "cyberattack") or an
         * alias ({@code United States}) — by "these words, or what they name".
         */
        private List<QueryNode> joinWindows(List<QueryNode> operands) {
            int longest = Math.max(3, withConcepts ? concepts.longestHead() : 3);
            List<QueryNode> out = new ArrayList<>();
            int i = 0;
            while (i < operands.size()) {
                QueryNode joined = null;
                int taken = 0;
                for (int length = Math.min(longest, operands.size() - i); length >= 2 && joined == null; length--) {
                    joined = window(operands.subList(i, i + length));
                    taken = length;
                }
                if (joined != null) {
                    out.add(joined);
                    i += taken;
                } else {
                    out.add(operands.get(i++));
                }
            }
            return out;
        }

        /** The run of words as one term with its expansions, or null when the words name nothing together. */
        private QueryNode window(List<QueryNode> run) {
            List<String> keys = new ArrayList<>();
            List<String> words = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (QueryNode node : run) {
                String written;
                String word;
                if (node instanceof Term term && !term.text().startsWith("=")) {
                    written = term.text();
                    word = written.startsWith("~") ? written.substring(1) : written;
                } else if (node instanceof Wildcard wildcard && !wildcard.text().startsWith("=")) {
                    written = wildcard.text();
                    word = written.substring(written.startsWith("~") ? 1 : 0, written.length() - 1);
                } else {
                    return null;
                }
                Optional<String> key = ConceptLexicon.headKey(word);
                if (key.isEmpty()) {
                    return null;
                }
                keys.add(key.get());
                words.add(word);
                text.append(text.isEmpty() ? "" : " ").append(written);
            }
            String headKey = String.join(" ", keys);
            List<Alternative> alternatives = new ArrayList<>();
            Set<List<WordTest>> seen = new LinkedHashSet<>();
            String compact =
                    TermAliases.compactKey(List.of(String.join("", words).split("[\\s\\-]+")));
            boolean capitals = words.stream().anyMatch(w -> TextNormalizer.capitalsKey(w) != null);
            // The words run together as one known word ("cyberattack", "ceasefire", "airstrike"): the same thing.
            if (!capitals && knownWords.test(compact)) {
                seen.add(List.of(new Stem(compact)));
                alternatives.add(new Alternative(List.of(new Stem(compact)), String.join("", words), Origin.VARIANT));
            }
            if (!capitals) {
                for (String member : aliases.aliasesOf(compact, null)) {
                    addMember(member, String.join(" ", words), alternatives, seen);
                }
            }
            boolean named = !alternatives.isEmpty();
            if (withConcepts) {
                for (String key : new LinkedHashSet<>(List.of(headKey, asForces(keys, headKey)))) {
                    if (concepts.hasHead(key)) {
                        for (String member : concepts.membersOf(key)) {
                            addConceptMember(member, alternatives, seen);
                        }
                        named = true;
                    }
                }
            }
            if (!named) {
                return null;
            }
            int position = run.get(0) instanceof Term term ? term.position() : ((Wildcard) run.get(0)).position();
            return new Or(List.of(new All(run), new Term(text.toString(), position, new TermPattern(alternatives))));
        }

        /**
         * A country's forces by another service word: "US military", "Israeli troops", "Russian army" name what "US
         * forces", "Israeli forces", "Russian forces" name (their services and commands by name), when that head exists.
         */
        private String asForces(List<String> keys, String headKey) {
            if (keys.size() < 2 || !SERVICE_KEYS.contains(keys.get(keys.size() - 1))) {
                return headKey;
            }
            String forces = String.join(" ", keys.subList(0, keys.size() - 1)) + " " + FORCES_KEY;
            return concepts.hasHead(forces) ? forces : headKey;
        }

        private QueryNode primary() throws RuleSyntaxException {
            Lexeme next = take();
            return switch (next.kind()) {
                case WORD -> word(next);
                case PHRASE -> phrase(next);
                case LEFT -> {
                    enter(next.position());
                    QueryNode inner = query();
                    depth--;
                    if (peek().kind() != Kind.RIGHT) {
                        throw new RuleSyntaxException("'(' is never closed", next.position(), "')'");
                    }
                    take();
                    yield inner;
                }
                case FIELD -> {
                    requireOperand(next);
                    Field field = Field.valueOf(
                            next.text().substring(0, next.text().length() - 1).toUpperCase(Locale.ROOT));
                    yield new Scoped(field, primary());
                }
                case END ->
                    throw new RuleSyntaxException("the rule ends where a term was expected", next.position(), OPERAND);
                case RIGHT -> throw new RuleSyntaxException("')' where a term was expected", next.position(), OPERAND);
                default ->
                    throw new RuleSyntaxException(
                            "'" + next.text() + "' where a term was expected", next.position(), OPERAND);
            };
        }

        private boolean startsOperand(Kind kind) {
            return switch (kind) {
                case WORD, PHRASE, LEFT, NOT, MINUS, FIELD -> true;
                default -> false;
            };
        }

        /** Adds an alias or variant member; one whose words run together like the term's is another spelling. */
        private void addMember(String member, String term, List<Alternative> alternatives, Set<List<WordTest>> seen) {
            List<Token> memberTokens = analyzer.analyzeField("alias", member).tokens();
            List<WordTest> sequence = new ArrayList<>();
            for (Token memberToken : memberTokens) {
                sequence.add(wordTest(memberToken, false, memberTokens.size() > 1));
            }
            if (sequence.isEmpty() || !seen.add(sequence)) {
                return;
            }
            boolean spelling = TermAliases.compactKey(List.of(member.split("[\\s\\-]+")))
                    .equals(TermAliases.compactKey(List.of(term.split("[\\s\\-]+"))));
            alternatives.add(new Alternative(sequence, member, spelling ? Origin.VARIANT : Origin.ALIAS));
        }

        /** Adds a concept member: its words in their word forms, a prefix for a final '*', and its own aliases. */
        private void addConceptMember(String member, List<Alternative> alternatives, Set<List<WordTest>> seen) {
            if (member.contains(ConceptLexicon.GAP)) {
                addGappedMember(member, alternatives, seen);
                return;
            }
            boolean prefix = member.endsWith("*");
            String words = prefix ? member.substring(0, member.length() - 1) : member;
            List<Token> memberTokens = analyzer.analyzeField("concept", words).tokens();
            if (memberTokens.isEmpty()) {
                return;
            }
            List<WordTest> sequence = new ArrayList<>();
            for (int k = 0; k < memberTokens.size(); k++) {
                Token memberToken = memberTokens.get(k);
                if (prefix && k == memberTokens.size() - 1) {
                    sequence.add(new Prefix(memberToken.normalized()));
                } else {
                    sequence.add(wordTest(memberToken, false, false));
                }
            }
            if (seen.add(sequence)) {
                alternatives.add(new Alternative(sequence, member, Origin.CONCEPT));
            }
            if (!prefix && memberTokens.size() > 1) {
                // A member opening with a name reads with the name's aliases too: "US strike" is also "United
                // States strike" and "American strike".
                Token name = memberTokens.get(0);
                for (String alias : aliases.aliasesOf(name.stem(), TextNormalizer.capitalsKey(name.surface()))) {
                    List<Token> aliasTokens =
                            analyzer.analyzeField("alias", alias).tokens();
                    List<WordTest> aliasSequence = new ArrayList<>();
                    for (Token aliasToken : aliasTokens) {
                        aliasSequence.add(wordTest(aliasToken, false, aliasTokens.size() > 1));
                    }
                    if (aliasSequence.isEmpty()) {
                        continue;
                    }
                    aliasSequence.addAll(sequence.subList(1, sequence.size()));
                    if (seen.add(aliasSequence)) {
                        Matcher rest = Pattern.compile("[\\s\\-]").matcher(member);
                        String label = rest.find() ? alias + member.substring(rest.start()) : alias;
                        alternatives.add(new Alternative(aliasSequence, label, Origin.CONCEPT));
                    }
                }
            }
            if (!prefix && memberTokens.size() == 1) {
                Token only = memberTokens.get(0);
                for (String alias : aliases.aliasesOf(only.stem(), TextNormalizer.capitalsKey(only.surface()))) {
                    List<Token> aliasTokens =
                            analyzer.analyzeField("alias", alias).tokens();
                    List<WordTest> aliasSequence = new ArrayList<>();
                    for (Token aliasToken : aliasTokens) {
                        aliasSequence.add(wordTest(aliasToken, false, aliasTokens.size() > 1));
                    }
                    if (!aliasSequence.isEmpty() && seen.add(aliasSequence)) {
                        alternatives.add(new Alternative(aliasSequence, alias, Origin.CONCEPT));
                    }
                }
            }
        }

        /**
         * Adds a concept member whose parts stand apart, {@code launch … missile at}: each part's words in their word
         * forms, a part within {@link ConceptLexicon#GAP_WORDS} words of the same sentence after the one before
         * ("launches over 40 ballistic missiles at").
         */
        private void addGappedMember(String member, List<Alternative> alternatives, Set<List<WordTest>> seen) {
            List<WordTest> sequence = new ArrayList<>();
            List<Integer> gaps = new ArrayList<>();
            for (String part : member.split(Pattern.quote(ConceptLexicon.GAP))) {
                List<Token> partTokens = analyzer.analyzeField("concept", part).tokens();
                for (int k = 0; k < partTokens.size(); k++) {
                    gaps.add(k == 0 && !sequence.isEmpty() ? ConceptLexicon.GAP_WORDS : 0);
                    sequence.add(wordTest(partTokens.get(k), false, false));
                }
            }
            if (!sequence.isEmpty() && seen.add(sequence)) {
                alternatives.add(new Alternative(sequence, member, Origin.CONCEPT, gaps));
            }
        }

        private void requireOperand(Lexeme operator) throws RuleSyntaxException {
            Lexeme next = peek();
            if (!startsOperand(next.kind()) || (operator.kind() == Kind.MINUS && next.kind() == Kind.MINUS)) {
                String where = next.kind() == Kind.END ? "the rule ends" : "'" + next.text() + "' follows";
                throw new RuleSyntaxException(
                        "'" + operator.text() + "' needs a term after it, but " + where, next.position(), OPERAND);
            }
        }

        private void requirePositional(QueryNode node, int position, Lexeme operator) throws RuleSyntaxException {
            if (!isPositional(node)) {
                throw new RuleSyntaxException(
                        operator.text() + " joins words, phrases, wildcards or (a OR b) groups of them",
                        position,
                        "a word, a \"phrase\" or a parenthesised OR of words");
            }
        }

        private boolean isPositional(QueryNode node) {
            return switch (node) {
                case Term term -> true;
                case Phrase phrase -> true;
                case Wildcard wildcard -> true;
                case Near near -> true;
                case Or or -> or.operands().stream().allMatch(this::isPositional);
                case All all -> false;
                case And and -> false;
                case Not not -> false;
                case Scoped scoped -> false;
            };
        }

        private QueryNode word(Lexeme lexeme) throws RuleSyntaxException {
            String text = lexeme.text();
            int position = lexeme.position();
            boolean exact = text.startsWith("=");
            boolean anyCase = !exact && text.startsWith("~");
            String word = exact || anyCase ? text.substring(1) : text;
            int offset = text.length() - word.length();
            if (word.startsWith("~") || word.startsWith("=")) {
                throw new RuleSyntaxException(
                        "'" + text.substring(0, 2) + "' : write ~ or = once, before the word", position, OPERAND);
            }
            int star = word.indexOf('*');
            if (star >= 0 && star != word.length() - 1) {
                throw new RuleSyntaxException(
                        "'*' is allowed only at the end of a word", position + offset + star, "a prefix");
            }
            if (star >= 0) {
                return wildcard(text, word.substring(0, star), position, exact);
            }
            List<Token> tokens = analyzer.analyzeField("rule", word).tokens();
            if (tokens.isEmpty()) {
                throw new RuleSyntaxException("'" + text + "' has no letters or digits to match", position, OPERAND);
            }
            count(tokens.size(), position);
            List<Alternative> alternatives = new ArrayList<>();
            Set<List<WordTest>> seen = new LinkedHashSet<>();
            List<WordTest> own = new ArrayList<>();
            for (Token token : tokens) {
                own.add(wordTest(token, anyCase, false));
            }
            // "al-Sudani" or "Iraqi-Syrian": the parts in order, as the article analyser splits them.
            seen.add(own);
            alternatives.add(new Alternative(own, word, Origin.TERM));
            if (exact) {
                return new Term(text, position, new TermPattern(alternatives));
            }
            String capitalsKey = tokens.size() == 1 && !anyCase
                    ? TextNormalizer.capitalsKey(tokens.get(0).surface())
                    : null;
            String key = tokens.size() == 1
                    ? tokens.get(0).stem()
                    : TermAliases.compactKey(
                            tokens.stream().map(Token::normalized).toList());
            if (tokens.size() > 1 && capitalsKey == null) {
                // "e-mail" is also written "email", "cease-fire" "ceasefire".
                List<WordTest> compact = List.of(new Stem(key));
                if (seen.add(compact)) {
                    alternatives.add(new Alternative(
                            compact, tokens.stream().map(Token::surface).reduce("", String::concat), Origin.VARIANT));
                }
            }
            for (String member : aliases.aliasesOf(key, capitalsKey)) {
                addMember(member, word, alternatives, seen);
            }
            if (withConcepts) {
                Optional<String> head = ConceptLexicon.headKey(anyCase ? word.toLowerCase(Locale.ROOT) : word);
                if (head.isPresent()) {
                    for (String member : concepts.membersOf(head.get())) {
                        addConceptMember(member, alternatives, seen);
                    }
                }
            }
            return new Term(text, position, new TermPattern(alternatives));
        }

        private QueryNode wildcard(String text, String prefix, int position, boolean exact) throws RuleSyntaxException {
            List<Token> tokens = analyzer.analyzeField("rule", prefix).tokens();
            if (tokens.size() > 1) {
                throw new RuleSyntaxException(
                        "a wildcard applies to one word, not '" + prefix + "'", position, "a single word before '*'");
            }
            String normalized = tokens.isEmpty() ? "" : tokens.get(0).normalized();
            if (normalized.codePointCount(0, normalized.length()) < MIN_WILDCARD_PREFIX) {
                throw new RuleSyntaxException(
                        "a wildcard needs at least " + MIN_WILDCARD_PREFIX + " letters before '*', as in fortif*",
                        position,
                        "at least " + MIN_WILDCARD_PREFIX + " letters before '*'");
            }
            count(1, position);
            List<Alternative> alternatives = new ArrayList<>();
            Set<List<WordTest>> seen = new LinkedHashSet<>();
            List<WordTest> own = List.of(new Prefix(normalized));
            seen.add(own);
            alternatives.add(new Alternative(own, prefix + "*", Origin.TERM));
            // violation* is written on a whole word whose ending the stemmer removes (violat-ion): the analyst means
            // that word in its forms too, 'violating', 'violated', which the letters alone do not reach. A prefix
            // that is its own stem (strike*, fortif*) gains nothing from this.
            String stem = tokens.isEmpty() ? normalized : tokens.get(0).stem();
            if (!exact && stem.length() < normalized.length() && stem.length() >= MIN_WILDCARD_PREFIX) {
                List<WordTest> forms = List.of(new Stem(stem));
                if (seen.add(forms)) {
                    alternatives.add(new Alternative(forms, prefix, Origin.VARIANT));
                }
            }
            if (withConcepts && !exact) {
                // strike* means the analyst's strikes, airstrikes among them: the concept of the prefix as a word.
                for (String member : concepts.membersOf(EnglishStemming.stem(normalized))) {
                    addConceptMember(member, alternatives, seen);
                }
            }
            return new Wildcard(text, position, new TermPattern(alternatives));
        }

        private QueryNode phrase(Lexeme lexeme) throws RuleSyntaxException {
            List<Token> tokens = analyzer.analyzeField("rule", lexeme.text()).tokens();
            if (tokens.isEmpty()) {
                throw new RuleSyntaxException("the phrase has no words", lexeme.position(), "words between the quotes");
            }
            count(tokens.size(), lexeme.position());
            List<WordTest> sequence = new ArrayList<>();
            for (Token token : tokens) {
                sequence.add(wordTest(token, false, true));
            }
            return new Phrase("\"" + lexeme.text() + "\"", lexeme.position(), TermPattern.of(lexeme.text(), sequence));
        }

        private WordTest wordTest(Token token, boolean anyCase, boolean exact) {
            String capitalsKey = anyCase ? null : TextNormalizer.capitalsKey(token.surface());
            if (capitalsKey != null) {
                return new Capitals(capitalsKey);
            }
            return exact ? new Exact(token.normalized(), token.stem()) : new Stem(token.stem());
        }

        private void count(int words, int position) throws RuleSyntaxException {
            terms += words;
            if (terms > MAX_TERMS) {
                throw new RuleSyntaxException(
                        "the rule has more than " + MAX_TERMS + " words", position, "at most " + MAX_TERMS + " words");
            }
        }
    }

    private static List<Lexeme> lex(String source) throws RuleSyntaxException {
        List<Lexeme> lexemes = new ArrayList<>();
        int length = source.length();
        int i = 0;
        while (i < length) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '(') {
                lexemes.add(Lexeme.of(Kind.LEFT, "(", i++));
                continue;
            }
            if (c == ')') {
                lexemes.add(Lexeme.of(Kind.RIGHT, ")", i++));
                continue;
            }
            if (isQuote(c)) {
                int close = i + 1;
                while (close < length && !isQuote(source.charAt(close))) {
                    close++;
                }
                if (close >= length) {
                    throw new RuleSyntaxException("the quote opened here is never closed", i, "a closing '\"'");
                }
                lexemes.add(Lexeme.of(Kind.PHRASE, source.substring(i + 1, close), i));
                i = close + 1;
                continue;
            }
            if (c == '-' && i + 1 < length && !Character.isWhitespace(source.charAt(i + 1))) {
                lexemes.add(Lexeme.of(Kind.MINUS, "-", i++));
                continue;
            }
            int end = i;
            while (end < length) {
                char d = source.charAt(end);
                if (Character.isWhitespace(d) || d == '(' || d == ')' || isQuote(d)) {
                    break;
                }
                end++;
            }
            String word = source.substring(i, end);
            Matcher field = FIELD.matcher(word);
            if (field.lookingAt()) {
                String name = field.group(1).toLowerCase(Locale.ROOT);
                if (!name.equals("title") && !name.equals("body") && !name.equals("source")) {
                    throw new RuleSyntaxException(
                            "unknown field '" + field.group(1) + "'", i, "title:, body: or source:");
                }
                lexemes.add(Lexeme.of(Kind.FIELD, name + ":", i));
                i += field.end();
                continue;
            }
            Matcher near = NEAR.matcher(word);
            if (word.equals("AND")) {
                lexemes.add(Lexeme.of(Kind.AND, word, i));
            } else if (word.equals("OR")) {
                lexemes.add(Lexeme.of(Kind.OR, word, i));
            } else if (word.equals("NOT")) {
                lexemes.add(Lexeme.of(Kind.NOT, word, i));
            } else if (near.matches()) {
                if (near.group(2) == null) {
                    throw new RuleSyntaxException(
                            near.group(1) + " needs a distance, as in " + near.group(1) + "/5",
                            i + word.length(),
                            "'/' and a number from 1 to " + MAX_NEAR);
                }
                int distance = Integer.parseInt(near.group(2));
                if (distance < 1 || distance > MAX_NEAR) {
                    throw new RuleSyntaxException(
                            near.group(1) + " distance must be between 1 and " + MAX_NEAR + ", not " + distance,
                            i + near.start(2),
                            "a number from 1 to " + MAX_NEAR);
                }
                lexemes.add(new Lexeme(
                        Kind.NEAR,
                        near.group(1) + "/" + distance,
                        i,
                        distance,
                        near.group(1).equals("ONEAR")));
            } else if (word.startsWith("NEAR/") || word.startsWith("ONEAR/")) {
                throw new RuleSyntaxException(
                        "'" + word + "' is not a distance",
                        i + word.indexOf('/') + 1,
                        "a number from 1 to " + MAX_NEAR);
            } else {
                lexemes.add(Lexeme.of(Kind.WORD, word, i));
            }
            i = end;
        }
        lexemes.add(Lexeme.of(Kind.END, "", length));
        return lexemes;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\u201c' || c == '\u201d';
    }
}
