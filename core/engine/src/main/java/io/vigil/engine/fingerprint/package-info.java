/**
 * Story fingerprints: how Vigil tells that two articles are copies of one story.
 *
 * <p>{@link io.vigil.engine.fingerprint.Fingerprinter#of} turns an article's title and body into a {@link
 * io.vigil.engine.fingerprint.Fingerprint}: a content hash for exact copies, and a MinHash signature with LSH bands
 * for near copies (an edited headline, a paragraph cut, other boilerplate around the same text). Storage looks up
 * exact copies by hash, then candidates that share a band ({@code where sketch_bands && :bands}, a GIN index), and
 * keeps a candidate when {@link io.vigil.engine.fingerprint.Fingerprinter#similarity} reaches {@link
 * io.vigil.engine.fingerprint.Fingerprinter#SAME_STORY_THRESHOLD}. {@code docs/stories.md} says how the parameters
 * and the threshold were measured.
 */
package io.vigil.engine.fingerprint;
