package io.vigil.engine.rule;

import io.vigil.spi.rule.AnalyzedField;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.Token;
import java.util.Arrays;
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

    /** Whether title or body holds a word with this stem. */
    public boolean hasStem(String stem) {
        return fields[TITLE].byStem.containsKey(stem) || fields[BODY].byStem.containsKey(stem);
    }

    /** Whether title or body holds a word written in capitals as this key ("US", "ISIS"). */
    public boolean hasCapitals(String key) {
        return fields[TITLE].byCapitals.containsKey(key) || fields[BODY].byCapitals.containsKey(key);
    }

    /** The distinct stems of one field. */
    public Set<String> stems(int slot) {
        return fields[slot].byStem.keySet();
    }

    /** The distinct capitals keys of one field. */
    public Set<String> capitals(int slot) {
        return fields[slot].byCapitals.keySet();
    }

    /** The distinct normalized words of one field. */
    public Set<String> normalizedWords(int slot) {
        return fields[slot].normalized().keySet();
    }

    /** One field's tokens and lookups. */
    public static final class FieldIndex {
        private static final int[] NONE = new int[0];

        private final List<Token> tokens;
        private final Map<String, int[]> byStem;
        private final Map<String, int[]> byCapitals;
        /** Built on first use: only phrases and wildcards need it. Racy but idempotent initialisation. */
        private volatile Map<String, int[]> byNormalized;

        private volatile String[] sortedNormalized;
        private final int[] paragraphFirstSentence;
        private final int sentenceCount;

        FieldIndex(AnalyzedField field) {
            this.tokens = field.tokens();
            Map<String, int[]> stems = new HashMap<>();
            Map<String, int[]> caps = new HashMap<>();
            int paragraphs = 0;
            int sentences = 0;
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                append(stems, token.stem(), i);
                String capitalsKey = TextNormalizer.capitalsKey(token.surface());
                if (capitalsKey != null) {
                    append(caps, capitalsKey, i);
                }
                paragraphs = Math.max(paragraphs, token.paragraph() + 1);
                sentences = Math.max(sentences, token.sentence() + 1);
            }
            trim(stems);
            trim(caps);
            this.byStem = stems;
            this.byCapitals = caps;
            this.paragraphFirstSentence = new int[paragraphs];
            Arrays.fill(paragraphFirstSentence, Integer.MAX_VALUE);
            for (Token token : tokens) {
                paragraphFirstSentence[token.paragraph()] =
                        Math.min(paragraphFirstSentence[token.paragraph()], token.sentence());
            }
            this.sentenceCount = sentences;
        }

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
            return byStem.getOrDefault(stem, NONE);
        }

        /** Token indexes written in capitals as {@code key} ("US" for "US" and "U.S."), ascending. */
        public int[] withCapitals(String key) {
            return byCapitals.getOrDefault(key, NONE);
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
