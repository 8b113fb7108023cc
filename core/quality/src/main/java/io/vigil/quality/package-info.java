/**
 * How well rules match what analysts mean, measured on a labelled set of real news.
 *
 * <p>The flow: {@link io.vigil.quality.LabelledSet#load} reads the rules, items and judgments from the
 * {@code quality/} resources (see its README) and the item texts from the shared corpus; each
 * {@link io.vigil.quality.MatchingSystem} — {@link io.vigil.quality.VigilMatching}, the live matcher, and the
 * baselines {@link io.vigil.quality.PostgresFullTextBaseline} and {@link io.vigil.quality.LuceneClassicBaseline} —
 * says which items each rule matches; {@link io.vigil.quality.Evaluation} compares that with the judgments for the
 * tuning part, the held-out part and all pairs; {@link io.vigil.quality.QualityBenchmark} prints the figures and the
 * items each system gets wrong.
 */
package io.vigil.quality;
