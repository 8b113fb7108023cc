package io.vigil.engine.rule;

import io.vigil.spi.rule.MatchInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How often a stem occurs in news articles, as the share of articles that contain it; the {@link RuleMatcher} indexes
 * each rule under its rarest required word so that an article wakes up as few rules as possible.
 *
 * <p>The built-in table ({@code rule/term-frequencies.txt}) holds the document frequency of every stem found in at
 * least three items of the Wikipedia Current Events corpus 2025–2026 (CC BY-SA; about 6,000 stems), computed with
 * {@link ArticleAnalyzer}. A deployment learns
 * better figures from its own archive with {@link #fromArticles}. Words absent from the table count as rare, which is
 * right for names and places, the usual key terms of watch rules.
 *
 * <p>Immutable and thread-safe.
 */
public final class TermRarity {

    private static final TermRarity DEFAULTS = loadDefaults();

    private final Map<String, Float> frequencies;

    private TermRarity(Map<String, Float> frequencies) {
        this.frequencies = Map.copyOf(frequencies);
    }

    /** The built-in table. */
    public static TermRarity defaults() {
        return DEFAULTS;
    }

    /** Document frequencies measured on a sample of articles, such as the most recent few thousand of the archive. */
    public static TermRarity fromArticles(Iterable<MatchInput> articles) {
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (MatchInput article : articles) {
            total++;
            ArticleIndex index = article.feature(ArticleIndex.KEY);
            java.util.Set<String> stems = new java.util.HashSet<>(index.stems(ArticleIndex.TITLE));
            stems.addAll(index.stems(ArticleIndex.BODY));
            for (String stem : stems) {
                counts.merge(stem, 1, Integer::sum);
            }
        }
        Map<String, Float> frequencies = new HashMap<>();
        int articleCount = Math.max(1, total);
        counts.forEach((stem, count) -> {
            if (count > 1) {
                frequencies.put(stem, count / (float) articleCount);
            }
        });
        return new TermRarity(frequencies);
    }

    /** Whether the table knows the stem: a word of the language as its articles write it. */
    public boolean knows(String stem) {
        return frequencies.containsKey(stem);
    }

    /** The share of articles containing the stem, from 0 (unknown, so assumed rare) to 1. */
    public double frequency(String stem) {
        Float frequency = frequencies.get(stem);
        return frequency == null ? 0.0 : frequency;
    }

    /** The estimated share of articles an index key would wake a rule for. */
    public double frequency(PrefilterKey key) {
        return switch (key.kind()) {
            case STEM -> frequency(key.text());
            // Capitals keys are rarer than the lowercase word ("US" vs "us"); half is a cautious guess.
            case CAPITALS -> frequency(EnglishStemming.stem(key.text().toLowerCase(java.util.Locale.ROOT))) / 2;
            // A prefix covers at least its own stem and usually a few more words.
            case PREFIX -> Math.min(1.0, 2 * frequency(key.text()) + 0.001);
        };
    }

    private static TermRarity loadDefaults() {
        Map<String, Float> frequencies = new HashMap<>();
        try (InputStream in = TermRarity.class.getResourceAsStream("/rule/term-frequencies.txt")) {
            if (in == null) {
                return new TermRarity(Map.of());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                frequencies.put(line.substring(0, tab), Float.parseFloat(line.substring(tab + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule/term-frequencies.txt", e);
        }
        return new TermRarity(frequencies);
    }
}
