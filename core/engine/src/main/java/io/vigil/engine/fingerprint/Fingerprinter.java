package io.vigil.engine.fingerprint;

import io.vigil.engine.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fingerprints an article so that its copies, exact or edited, can be grouped into one story.
 *
 * <p>Two parts, both computed from {@linkplain StoryText#normalize normalised} text:
 *
 * <ul>
 *   <li>the <b>content hash</b>, SHA-256 of title and body, equal for copies that differ only in case, Unicode
 *       form, quote or dash style and whitespace;
 *   <li>a <b>MinHash signature</b> of the set of word {@value #SHINGLE_WORDS}-grams (shingles) of the title and of
 *       the body, {@value #HASHES} values, and its <b>LSH bands</b>: {@value #BANDS} bands of {@value #ROWS} rows
 *       (the last two values take part in no band), each hashed to one {@code long}. Texts whose shingle sets
 *       have Jaccard similarity {@code s} share at least one band with probability {@code 1 - (1 - s^3)^42}:
 *       0.04 at s = 0.1, 0.68 at 0.3, 0.98 at the threshold 0.46, 0.9999 at 0.6.
 * </ul>
 *
 * <p>The signature and bands are stored in the database and compared with ones made by other JVMs and other
 * versions, so every hash here is fixed: seeded from constants, computed over UTF-8 bytes, never from
 * {@link String#hashCode()} or collection iteration order. Changing a parameter or a seed makes every stored
 * fingerprint incomparable and needs a re-fingerprinting migration.
 *
 * <p>Immutable and thread-safe.
 */
public final class Fingerprinter {

    /**
     * The estimated Jaccard similarity of the shingle sets at or above which two articles are the same story.
     *
     * <p>Measured on near-copies generated from the BBC News corpus (edited headline, a paragraph cut, boilerplate
     * added, quotes changed, a sentence reworded, and combinations) against all pairs of distinct articles of the
     * same category; see {@code docs/stories.md}.
     */
    public static final double SAME_STORY_THRESHOLD = 0.46;

    static final int SHINGLE_WORDS = 3;
    static final int HASHES = 128;
    static final int ROWS = 3;
    static final int BANDS = HASHES / ROWS;

    /** The first seed of the fixed sequence from which every hash function's seed is drawn. */
    private static final long SEED = 0x5EED_F1A6_0000_0001L;

    private final int shingleWords;
    private final int rows;
    /** Hash function {@code i} maps a shingle {@code x} to the high 32 bits of {@code x * multiplier + addend}. */
    private final long[] hashMultipliers;

    private final long[] hashAddends;
    private final long[] bandSeeds;

    /** Creates the fingerprinter with the parameters whose results are stored. */
    public Fingerprinter() {
        this(SHINGLE_WORDS, HASHES, ROWS);
    }

    /** Creates a fingerprinter with other parameters, to measure them against the stored ones. */
    Fingerprinter(int shingleWords, int hashes, int rows) {
        if (shingleWords < 1 || rows < 1 || hashes < rows) {
            throw new IllegalArgumentException(
                    "bad parameters: " + shingleWords + " words, " + hashes + " hashes, " + rows + " rows");
        }
        this.shingleWords = shingleWords;
        this.rows = rows;
        long state = SEED;
        hashMultipliers = new long[hashes];
        hashAddends = new long[hashes];
        for (int i = 0; i < hashes; i++) {
            state += 0x9E37_79B9_7F4A_7C15L;
            hashMultipliers[i] = mix(state) | 1;
            state += 0x9E37_79B9_7F4A_7C15L;
            hashAddends[i] = mix(state);
        }
        bandSeeds = new long[hashes / rows];
        for (int i = 0; i < bandSeeds.length; i++) {
            state += 0x9E37_79B9_7F4A_7C15L;
            bandSeeds[i] = mix(state);
        }
    }

    /** Returns the fingerprint of an article; null title or body count as empty. */
    public Fingerprint of(String title, String body) {
        String normalizedTitle = StoryText.normalize(title);
        String normalizedBody = StoryText.normalize(body);
        String contentHash = Sha256.hex(normalizedTitle + "\n" + normalizedBody);
        long[] shingles = shingles(StoryText.words(normalizedTitle), StoryText.words(normalizedBody));
        if (shingles.length == 0) {
            // Nothing to compare: no bands, so an empty text is never a candidate for another story.
            return new Fingerprint(contentHash, emptySignature(hashMultipliers.length), new long[0]);
        }
        int[] minHashes = minHashes(shingles);
        return new Fingerprint(contentHash, minHashes, bands(minHashes));
    }

    /**
     * Returns the estimated Jaccard similarity of the texts behind two signatures: the share of positions at which
     * they agree, from 0 to 1.
     *
     * @throws IllegalArgumentException if the signatures differ in length, that is come from other parameters
     */
    public static double similarity(int[] minHashesA, int[] minHashesB) {
        Objects.requireNonNull(minHashesA, "minHashesA is null");
        Objects.requireNonNull(minHashesB, "minHashesB is null");
        if (minHashesA.length != minHashesB.length) {
            throw new IllegalArgumentException("signatures of different lengths cannot be compared: "
                    + minHashesA.length + " and " + minHashesB.length);
        }
        if (minHashesA.length == 0) {
            return 0;
        }
        int equal = 0;
        for (int i = 0; i < minHashesA.length; i++) {
            if (minHashesA[i] == minHashesB[i]) {
                equal++;
            }
        }
        return (double) equal / minHashesA.length;
    }

    /** Whether two fingerprints are of the same story: an exact copy, or a near copy at the threshold or above. */
    public static boolean sameStory(Fingerprint a, Fingerprint b) {
        if (a.contentHash().equals(b.contentHash())) {
            return true;
        }
        int[] minHashesA = a.minHashes();
        int[] minHashesB = b.minHashes();
        // An empty text has no shingles and is like nothing but its exact copy.
        if (isEmpty(minHashesA) || isEmpty(minHashesB)) {
            return false;
        }
        return similarity(minHashesA, minHashesB) >= SAME_STORY_THRESHOLD;
    }

    /**
     * Returns the hashed shingles of title and body: their word n-grams, each part on its own so no shingle spans
     * the two. A part shorter than n words is one shingle, so short texts still compare.
     */
    long[] shingles(List<String> titleWords, List<String> bodyWords) {
        long[] titleShingles = shingles(titleWords);
        long[] bodyShingles = shingles(bodyWords);
        long[] all = Arrays.copyOf(titleShingles, titleShingles.length + bodyShingles.length);
        System.arraycopy(bodyShingles, 0, all, titleShingles.length, bodyShingles.length);
        return all;
    }

    private long[] shingles(List<String> words) {
        if (words.isEmpty()) {
            return new long[0];
        }
        long[] wordHashes = new long[words.size()];
        for (int i = 0; i < wordHashes.length; i++) {
            wordHashes[i] = fnv1a(words.get(i).getBytes(StandardCharsets.UTF_8));
        }
        int count = Math.max(1, wordHashes.length - shingleWords + 1);
        long[] shingles = new long[count];
        for (int start = 0; start < count; start++) {
            long hash = SEED;
            for (int i = start; i < Math.min(start + shingleWords, wordHashes.length); i++) {
                hash = mix(hash ^ wordHashes[i]) + 0x9E37_79B9_7F4A_7C15L;
            }
            shingles[start] = hash;
        }
        return shingles;
    }

    private int[] minHashes(long[] shingles) {
        int[] minHashes = emptySignature(hashMultipliers.length);
        for (long shingle : shingles) {
            // Multiply-shift hashing: shingles are already well-mixed 64-bit values, so one multiply-add per hash
            // function is enough, and it keeps fingerprinting a long article well under a millisecond.
            for (int i = 0; i < hashMultipliers.length; i++) {
                int value = (int) ((shingle * hashMultipliers[i] + hashAddends[i]) >>> 32);
                if (value < minHashes[i]) {
                    minHashes[i] = value;
                }
            }
        }
        return minHashes;
    }

    /** Returns the LSH bands of a signature made by this fingerprinter. */
    long[] bands(int[] minHashes) {
        long[] bands = new long[bandSeeds.length];
        for (int band = 0; band < bands.length; band++) {
            // Seeding each band differently keeps equal rows in two different bands from colliding in the index.
            long hash = bandSeeds[band];
            for (int row = 0; row < rows; row++) {
                hash = mix(hash ^ (minHashes[band * rows + row] & 0xFFFF_FFFFL));
            }
            bands[band] = hash;
        }
        return bands;
    }

    private static int[] emptySignature(int hashes) {
        int[] signature = new int[hashes];
        Arrays.fill(signature, Integer.MAX_VALUE);
        return signature;
    }

    private static boolean isEmpty(int[] signature) {
        return Arrays.stream(signature).allMatch(value -> value == Integer.MAX_VALUE);
    }

    /** The SplitMix64 finaliser: a fixed bijection on 64 bits with good avalanche. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** 64-bit FNV-1a, fixed by its specification. */
    private static long fnv1a(byte[] bytes) {
        long hash = 0xCBF2_9CE4_8422_2325L;
        for (byte b : bytes) {
            hash ^= b & 0xFF;
            hash *= 0x0000_0100_0000_01B3L;
        }
        return hash;
    }
}
