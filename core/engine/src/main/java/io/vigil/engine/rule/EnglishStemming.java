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
 * <p>Thread-safe: the Snowball stemmer is not, so each thread keeps its own, and results are cached (shared, and a
 * small per-thread table for the commonest words).
 */
public final class EnglishStemming {

    private static final int CACHE_LIMIT = 200_000;
    private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);
    private static final Map<String, String> OVERRIDES = loadOverrides();
    /** British stems to the American stem of the same word ({@code defenc} → {@code defens}), from rule/spellings.txt. */
    private static final Map<String, String> SPELLINGS = loadSpellings();

    private static final Map<String, java.util.List<String>> BRITISH = invert(SPELLINGS);

    private static Map<String, java.util.List<String>> invert(Map<String, String> spellings) {
        Map<String, java.util.List<String>> inverted = new HashMap<>();
        spellings.forEach((british, american) -> inverted.computeIfAbsent(american, k -> new java.util.ArrayList<>())
                .add(british));
        inverted.replaceAll((k, v) -> java.util.List.copyOf(v));
        return Map.copyOf(inverted);
    }

    private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();
    /**
     * Per thread: word and stem side by side, in slots chosen by the word's hash; a newer word replaces an older.
     * 16,384 slots (128 KiB of references per analysing thread) measured faster than 4,096.
     */
    private static final int HOT_SLOTS = 16384;

    private static final ThreadLocal<String[]> HOT = ThreadLocal.withInitial(() -> new String[2 * HOT_SLOTS]);

    private EnglishStemming() {}

    /**
     * The British stems read as this American stem ({@code harbour} for {@code harbor}), for prefix queries that must
     * also find the British spelling; empty for most stems.
     */
    public static java.util.List<String> britishStemsOf(String stem) {
        return BRITISH.getOrDefault(stem, java.util.List.of());
    }

    /** The stem of a normalized word; words with anything but ASCII letters are returned unchanged. */
    public static String stem(String normalized) {
        if (!isStemmable(normalized)) {
            return normalized;
        }
        // Most words of an article are common ones: a small per-thread table that stays in the CPU's cache answers
        // them, where the large shared cache costs several memory misses per word (two thirds of matching time at
        // 100,000 rules, by profile).
        String[] hot = HOT.get();
        int slot = (normalized.hashCode() & (HOT_SLOTS - 1)) << 1;
        String hotWord = hot[slot];
        if (hotWord != null && hotWord.equals(normalized)) {
            return hot[slot + 1];
        }
        String stem = CACHE.get(normalized);
        if (stem == null) {
            stem = computeStem(normalized);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.put(normalized, stem);
            }
        }
        hot[slot] = normalized;
        hot[slot + 1] = stem;
        return stem;
    }

    private static String computeStem(String word) {
        String stem = porterStem(word);
        String american = SPELLINGS.get(stem);
        return american != null ? american : stem;
    }

    private static String porterStem(String word) {
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

    private static Map<String, String> loadSpellings() {
        Map<String, String> spellings = new HashMap<>();
        try (InputStream in = EnglishStemming.class.getResourceAsStream("/rule/spellings.txt")) {
            if (in == null) {
                return Map.of();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
                String[] parts = content.split("\\s+");
                if (parts.length != 2) {
                    continue;
                }
                String british = porterStem(parts[0]);
                String american = porterStem(parts[1]);
                if (!british.equals(american)) {
                    spellings.put(british, american);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule/spellings.txt", e);
        }
        return Map.copyOf(spellings);
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
