package io.vigil.engine.rule;

import io.vigil.spi.rule.AnalyzedField;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.Token;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each word of an article occurs, looked up by stem, by capitals key and by normalized form: the per-article
 * feature the query rules and the {@link RuleMatcher} prefilter share.
 *
 * <p>Computed once per article through {@link MatchInput#feature} ({@link #KEY}); immutable afterwards, so any number
 * of rules read it concurrently.
 */
public final class ArticleIndex {

    /** The feature key: every rule asking for it gets the same instance for an article. */
    public static final FeatureKey<ArticleIndex> KEY =
            new FeatureKey<>("vigil.article-index", ArticleIndex.class, ArticleIndex::build);

    /** The field slots, as bit flags so a rule can restrict itself to several at once. */
    public static final int TITLE = 0;

    public static final int BODY = 1;
    public static final int SOURCE = 2;

    private static final ArticleAnalyzer SOURCE_ANALYZER = new ArticleAnalyzer();

    private final FieldIndex[] fields;
    private final int[] sentenceOffsets;
    private final int sentenceCount;

    private ArticleIndex(FieldIndex[] fields) {
        this.fields = fields;
        this.sentenceOffsets = new int[fields.length];
        int offset = 0;
        for (int i = 0; i < fields.length; i++) {
            sentenceOffsets[i] = offset;
            offset += fields[i].sentenceCount();
        }
        this.sentenceCount = offset;
    }

    private static ArticleIndex build(MatchInput article) {
        AnalyzedField source;
        try {
            source = article.field(AnalyzedArticle.SOURCE);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // A host-built MatchInput may not analyse the source name; do it here, once.
            source = SOURCE_ANALYZER.analyzeField(
                    AnalyzedArticle.SOURCE, article.source() == null ? "" : article.source());
        }
        return new ArticleIndex(new FieldIndex[] {
            new FieldIndex(article.field(MatchInput.TITLE)),
            new FieldIndex(article.field(MatchInput.BODY)),
            new FieldIndex(source)
        });
    }

    /** The index of one field slot ({@link #TITLE}, {@link #BODY}, {@link #SOURCE}). */
    public FieldIndex field(int slot) {
        return fields[slot];
    }

    /** The field name of a slot, as highlights name it. */
    public static String fieldName(int slot) {
        return switch (slot) {
            case TITLE -> MatchInput.TITLE;
            case BODY -> MatchInput.BODY;
            default -> AnalyzedArticle.SOURCE;
        };
    }

    /** Where a field's sentences start in the article-wide sentence numbering passages use. */
    public int sentenceOffset(int slot) {
        return sentenceOffsets[slot];
    }

    /** The number of sentences over all fields. */
    public int sentenceCount() {
        return sentenceCount;
    }

    /** Whether title or body holds a word with this stem, or a hyphenated word whose parts run together have it. */
    public boolean hasStem(String stem) {
        return fields[TITLE].byStem.find(stem).length > 0
                || fields[BODY].byStem.find(stem).length > 0
                || fields[TITLE].byJoinedStem.containsKey(stem)
                || fields[BODY].byJoinedStem.containsKey(stem);
    }

    /** Whether title or body holds a word written in capitals as this key ("US", "ISIS"). */
    public boolean hasCapitals(String key) {
        return fields[TITLE].byCapitals.find(key).length > 0 || fields[BODY].byCapitals.find(key).length > 0;
    }

    /** The distinct stems of one field. */
    public Set<String> stems(int slot) {
        return fields[slot].byStem.all().keySet();
    }

    /** The stems of one field's hyphenated words run together ("cease-fire" → {@code ceasefir}). */
    public Set<String> joinedStems(int slot) {
        return fields[slot].byJoinedStem.keySet();
    }

    /** The distinct capitals keys of one field. */
    public Set<String> capitals(int slot) {
        return fields[slot].byCapitals.all().keySet();
    }

    /** The distinct normalized words of one field. */
    public Set<String> normalizedWords(int slot) {
        return fields[slot].normalized().keySet();
    }

    /** One field's tokens and lookups. */
    public static final class FieldIndex {
        private static final int[] NONE = new int[0];

        private final List<Token> tokens;
        private final TokenLookup byStem;
        private final TokenLookup byCapitals;
        /**
         * Hyphenated words run together, by stem, as packed (first token, last token) spans: "cease-fire" is the tokens
         * cease and fire, and also {@code ceasefir}, so a rule {@code ceasefire} finds it. Usually empty.
         */
        private final Map<String, long[]> byJoinedStem;
        /** Built on first use: only phrases and wildcards need it. Racy but idempotent initialisation. */
        private volatile Map<String, int[]> byNormalized;

        private volatile String[] sortedNormalized;
        private final int[] paragraphFirstSentence;
        private final int sentenceCount;
        /**
         * Tokens directly followed by a hyphen or dash and the next token ("Houthi-controlled", "Israel–Hamas"). Built
         * on first use, from the field's text: only rules that read who acts need it. Racy but idempotent.
         */
        private volatile BitSet dashAfter;

        private final String text;

        FieldIndex(AnalyzedField field) {
            this.tokens = field.tokens();
            int paragraphs = 0;
            int sentences = 0;
            for (Token token : tokens) {
                paragraphs = Math.max(paragraphs, token.paragraph() + 1);
                sentences = Math.max(sentences, token.sentence() + 1);
            }
            this.byStem = new TokenLookup(tokens, field.text(), false);
            this.byCapitals = new TokenLookup(tokens, field.text(), true);
            this.byJoinedStem = joinHyphenated(field.text(), tokens);
            this.text = field.text();
            this.paragraphFirstSentence = new int[paragraphs];
            Arrays.fill(paragraphFirstSentence, Integer.MAX_VALUE);
            for (Token token : tokens) {
                paragraphFirstSentence[token.paragraph()] =
                        Math.min(paragraphFirstSentence[token.paragraph()], token.sentence());
            }
            this.sentenceCount = sentences;
        }

        /**
         * Whether capitals are part of something else than an acronym: a currency ("AU$5m", "US$", "HK$") or the tail of
         * a dotted name ("Bagle.AU", "W32.Sober"). Such capitals are no organisation, so a rule {@code AU} skips them.
         */
        static boolean isCodeInsideAName(String text, Token token) {
            int end = token.end();
            if (end < text.length() && text.charAt(end) == '$') {
                return true;
            }
            int start = token.start();
            return start >= 2 && text.charAt(start - 1) == '.' && Character.isLetterOrDigit(text.charAt(start - 2));
        }

        /** The longest run of hyphen-joined words indexed as one word ("anti-aircraft", "e-mail", "ground-to-air"). */
        private static final int MAX_JOINED = 3;

        private static Map<String, long[]> joinHyphenated(String text, List<Token> tokens) {
            Map<String, long[]> joined = Map.of();
            for (int first = 0; first + 1 < tokens.size(); first++) {
                // Built only for a word followed by a hyphen: most words are not.
                StringBuilder word = null;
                for (int last = first + 1; last < tokens.size() && last - first < MAX_JOINED; last++) {
                    Token before = tokens.get(last - 1);
                    Token token = tokens.get(last);
                    if (token.start() != before.end() + 1 || !isHyphen(text.charAt(before.end()))) {
                        break;
                    }
                    if (word == null) {
                        word = new StringBuilder(tokens.get(first).normalized());
                    }
                    word.append(token.normalized());
                    if (joined.isEmpty()) {
                        joined = new HashMap<>();
                    }
                    String stem = EnglishStemming.stem(word.toString());
                    long span = ((long) first << 32) | (last & 0xffffffffL);
                    long[] where = joined.get(stem);
                    if (where == null) {
                        joined.put(stem, new long[] {span});
                    } else {
                        long[] grown = Arrays.copyOf(where, where.length + 1);
                        grown[where.length] = span;
                        joined.put(stem, grown);
                    }
                }
            }
            return joined;
        }

        private static BitSet dashes(String text, List<Token> tokens) {
            BitSet found = new BitSet();
            for (int i = 0; i + 1 < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (tokens.get(i + 1).start() == token.end() + 1 && token.end() < text.length()) {
                    char c = text.charAt(token.end());
                    if (isHyphen(c) || c == '\u2013' || c == '\u2014') {
                        found.set(i);
                    }
                }
            }
            return found;
        }

        /** Whether token {@code index} is joined to the next by a hyphen or dash, with no space. */
        public boolean dashAfter(int index) {
            BitSet dashes = dashAfter;
            if (dashes == null) {
                dashes = dashes(text, tokens);
                dashAfter = dashes;
            }
            return dashes.get(index);
        }

        /** Whether token {@code index} is directly followed by a comma ("Kharkiv, Ukraine"). */
        public boolean commaAfter(int index) {
            int end = tokens.get(index).end();
            return end < text.length() && text.charAt(end) == ',';
        }

        private static boolean isHyphen(char c) {
            return c == '-' || c == '\u2010' || c == '\u2011';
        }

        /** Spans (packed first and last token) of hyphenated words whose parts run together have this stem. */
        public long[] joinedWithStem(String stem) {
            return byJoinedStem.getOrDefault(stem, NO_SPANS);
        }

        private static final long[] NO_SPANS = new long[0];

        private static void append(Map<String, int[]> map, String key, int index) {
            int[] where = map.get(key);
            if (where == null) {
                // The first slot holds the count, so arrays grow without a separate list object per word.
                map.put(key, new int[] {1, index});
                return;
            }
            int count = where[0];
            if (count + 1 == where.length) {
                where = Arrays.copyOf(where, where.length * 2);
                map.put(key, where);
            }
            where[count + 1] = index;
            where[0] = count + 1;
        }

        private static void trim(Map<String, int[]> map) {
            map.replaceAll((key, where) -> Arrays.copyOfRange(where, 1, where[0] + 1));
        }

        /**
         * Token indexes by one key of each token (its stem, or its capitals key), answered on demand. A rule run on one
         * article (a preview's history, a search) asks for a few keys: each is found by one pass over the tokens, far
         * cheaper than hashing every word of a long article; from the {@value #SCANNED_KEYS}th distinct key on, or when
         * all keys are wanted (live matching's prefilter), the full map is built once, as it always was. Answers are the
         * same either way. Racy but idempotent publication, so it can be shared across threads.
         */
        private static final class TokenLookup {
            /** Distinct keys answered by a pass over the tokens before the map is built. */
            private static final int SCANNED_KEYS = 4;

            private final List<Token> tokens;
            private final String text;
            private final boolean capitals;
            private volatile Map<String, int[]> all;
            private volatile Map<String, int[]> asked = Map.of();

            TokenLookup(List<Token> tokens, String text, boolean capitals) {
                this.tokens = tokens;
                this.text = text;
                this.capitals = capitals;
            }

            /** The key of a token, or null when it has none (a word not in capitals). */
            private String keyOf(Token token) {
                if (!capitals) {
                    return token.stem();
                }
                String key = TextNormalizer.capitalsKey(token.surface());
                return key != null && !isCodeInsideAName(text, token) ? key : null;
            }

            /** Token indexes with this key, ascending; empty when none. */
            int[] find(String key) {
                Map<String, int[]> built = all;
                if (built != null) {
                    return built.getOrDefault(key, NONE);
                }
                Map<String, int[]> known = asked;
                int[] found = known.get(key);
                if (found != null) {
                    return found;
                }
                if (known.size() >= SCANNED_KEYS) {
                    return all().getOrDefault(key, NONE);
                }
                found = scan(key);
                Map<String, int[]> more = new HashMap<>(known);
                more.put(key, found);
                asked = more;
                return found;
            }

            private int[] scan(String key) {
                int[] where = NONE;
                int count = 0;
                for (int i = 0; i < tokens.size(); i++) {
                    if (key.equals(keyOf(tokens.get(i)))) {
                        if (count == where.length) {
                            where = Arrays.copyOf(where, Math.max(4, 2 * count));
                        }
                        where[count++] = i;
                    }
                }
                return count == where.length ? where : Arrays.copyOf(where, count);
            }

            /** Every key of the field with its token indexes. */
            Map<String, int[]> all() {
                Map<String, int[]> built = all;
                if (built == null) {
                    built = new HashMap<>();
                    for (int i = 0; i < tokens.size(); i++) {
                        String key = keyOf(tokens.get(i));
                        if (key != null) {
                            append(built, key, i);
                        }
                    }
                    trim(built);
                    all = built;
                }
                return built;
            }
        }

        public List<Token> tokens() {
            return tokens;
        }

        private Map<String, int[]> normalized() {
            Map<String, int[]> forms = byNormalized;
            if (forms == null) {
                forms = new HashMap<>();
                for (int i = 0; i < tokens.size(); i++) {
                    append(forms, tokens.get(i).normalized(), i);
                }
                trim(forms);
                byNormalized = forms;
            }
            return forms;
        }

        private String[] sortedNormalized() {
            String[] sorted = sortedNormalized;
            if (sorted == null) {
                sorted = normalized().keySet().toArray(String[]::new);
                Arrays.sort(sorted);
                sortedNormalized = sorted;
            }
            return sorted;
        }

        /** Token indexes whose stem is {@code stem}, ascending; empty when none. */
        public int[] withStem(String stem) {
            return byStem.find(stem);
        }

        /** Token indexes written in capitals as {@code key} ("US" for "US" and "U.S."), ascending. */
        public int[] withCapitals(String key) {
            return byCapitals.find(key);
        }

        /** Token indexes whose normalized form is {@code word}, ascending. */
        public int[] withNormalized(String word) {
            return normalized().getOrDefault(word, NONE);
        }

        /** Whether any token's normalized form starts with {@code prefix}. */
        public boolean hasPrefix(String prefix) {
            String[] sortedNormalized = sortedNormalized();
            int at = Arrays.binarySearch(sortedNormalized, prefix);
            int index = at >= 0 ? at : -at - 1;
            return index < sortedNormalized.length && sortedNormalized[index].startsWith(prefix);
        }

        /** Token indexes whose normalized form starts with {@code prefix}, ascending. */
        public int[] withPrefix(String prefix) {
            String[] sortedNormalized = sortedNormalized();
            int at = Arrays.binarySearch(sortedNormalized, prefix);
            int index = at >= 0 ? at : -at - 1;
            int[] all = NONE;
            for (; index < sortedNormalized.length && sortedNormalized[index].startsWith(prefix); index++) {
                int[] more = normalized().get(sortedNormalized[index]);
                int[] merged = Arrays.copyOf(all, all.length + more.length);
                System.arraycopy(more, 0, merged, all.length, more.length);
                all = merged;
            }
            Arrays.sort(all);
            return all;
        }

        /** The first sentence of the paragraph holding token {@code index}. */
        public int paragraphStartSentence(int index) {
            return paragraphFirstSentence[tokens.get(index).paragraph()];
        }

        public int sentenceCount() {
            return sentenceCount;
        }
    }
}
