package io.vigil.engine.fingerprint;

import java.util.Arrays;
import java.util.Objects;

/**
 * What Vigil stores about an article's text to find its copies: an exact-copy hash and a near-copy sketch.
 *
 * <p>The arrays are copied in and out, so a fingerprint never changes after it is made.
 *
 * @param contentHash lowercase hex SHA-256 of the normalised title and body; equal for exact copies
 * @param minHashes the MinHash signature of the text's word shingles, one value per hash function; the share of
 *     equal positions between two signatures estimates the Jaccard similarity of the two texts
 * @param bands one value per LSH band of the signature, for a {@code bigint[]} column with a GIN index: two
 *     fingerprints that share a band are candidates for the same story
 */
public record Fingerprint(String contentHash, int[] minHashes, long[] bands) {

    public Fingerprint {
        Objects.requireNonNull(contentHash, "contentHash is null");
        minHashes = Objects.requireNonNull(minHashes, "minHashes is null").clone();
        bands = Objects.requireNonNull(bands, "bands is null").clone();
    }

    @Override
    public int[] minHashes() {
        return minHashes.clone();
    }

    @Override
    public long[] bands() {
        return bands.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that
                && contentHash.equals(that.contentHash)
                && Arrays.equals(minHashes, that.minHashes)
                && Arrays.equals(bands, that.bands);
    }

    @Override
    public int hashCode() {
        return contentHash.hashCode();
    }

    @Override
    public String toString() {
        return "Fingerprint[contentHash=" + contentHash + ", minHashes=" + minHashes.length + ", bands=" + bands.length
                + "]";
    }
}
