package io.vigil.engine.rule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Reduces an English word to the stem that rules and articles are compared by.
 *
 * <p>The base is Snowball's English (Porter2) stemmer: it conflates the derivational forms analysts expect to match
 * ({@code fortification}, {@code fortifications} → {@code fortif}; {@code security}, {@code securities} →
 * {@code secur}), which plural-only stemmers (EnglishMinimal, KStem) do not. Porter2 leaves the verb family on a
 * different stem ({@code fortify}, {@code fortifies}, {@code fortified} → {@code fortifi}), so stems ending in
 * {@code -ifi} drop the final {@code i}; that unites {@code fortify/fortification}, {@code classify/classification},
 * {@code identify/identification}. Known over-reaches ({@code organ/organization}, {@code universe/university}) are
 * overridden by the data file {@code rule/stem-overrides.txt}.
 *
 * <p>Thread-safe: the Snowball stemmer is not, so each thread keeps its own, and results are cached.
 */
public final class EnglishStemming {

    private static final int CACHE_LIMIT = 200_000;
    private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);
    private static final Map<String, String> OVERRIDES = loadOverrides();
    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

    private EnglishStemming() {}

    /** The stem of a normalized word; words with anything but ASCII letters are returned unchanged. */
    public static String stem(String normalized) {
        if (!isStemmable(normalized)) {
            return normalized;
        }
        String cached = CACHE.get(normalized);
        if (cached != null) {
            return cached;
        }
        String stem = computeStem(normalized);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(normalized, stem);
        }
        return stem;
    }

    private static String computeStem(String word) {
        String override = OVERRIDES.get(word);
        if (override != null) {
            return override;
        }
        EnglishStemmer stemmer = STEMMER.get();
        stemmer.setCurrent(word);
        stemmer.stem();
        String stem = stemmer.getCurrent();
        if (stem.endsWith("ifi") && stem.length() > 4) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }

    private static boolean isStemmable(String word) {
        if (word.length() < 3) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if ((c < 'a' || c > 'z') && c != '\'') {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> loadOverrides() {
        Map<String, String> overrides = new HashMap<>();
        try (InputStream in = EnglishStemming.class.getResourceAsStream("/rule/stem-overrides.txt")) {
            if (in == null) {
                return Map.of();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String[] parts = content.split("\\s+");
                for (int i = 1; i < parts.length; i++) {
                    overrides.put(parts[i], parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule/stem-overrides.txt", e);
        }
        return Map.copyOf(overrides);
    }
}
