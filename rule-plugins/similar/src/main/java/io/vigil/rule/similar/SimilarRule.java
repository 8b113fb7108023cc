package io.vigil.rule.similar;

import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled {@code similar} rule: an article matches when one of its passages is at least {@code threshold} similar
 * (cosine of sentence embeddings) to one of the examples — the description, or a chosen article. The passage that
 * scored is the match's highlight and its score the match's score.
 */
final class SimilarRule implements CompiledRule {

    private final String reading;
    private final float[][] examples;
    private final double threshold;
    private final CompiledRule prefilter;
    private final FeatureKey<float[][]> passages;

    SimilarRule(
            String reading, float[][] examples, double threshold, CompiledRule prefilter, FeatureKey<float[][]> key) {
        this.reading = reading;
        this.examples = examples;
        this.threshold = threshold;
        this.prefilter = prefilter;
        this.passages = key;
    }

    @Override
    public Optional<RuleMatch> match(MatchInput article) {
        if (prefilter != null && prefilter.match(article).isEmpty()) {
            return Optional.empty();
        }
        float[][] vectors = article.feature(passages);
        int best = -1;
        double bestScore = -2;
        for (int p = 0; p < vectors.length; p++) {
            for (float[] example : examples) {
                double score = SentenceModel.cosine(example, vectors[p]);
                if (score > bestScore) {
                    bestScore = score;
                    best = p;
                }
            }
        }
        if (best < 0 || bestScore < threshold) {
            return Optional.empty();
        }
        List<Passage> split = Passage.of(article);
        if (best >= split.size()) {
            return Optional.empty();
        }
        Passage passage = split.get(best);
        double score = Math.round(bestScore * 1000) / 1000.0;
        String term = String.format(Locale.ROOT, "similarity %.2f", score);
        return Optional.of(new RuleMatch(
                List.of(term),
                List.of(new Highlight(passage.field(), passage.start(), passage.end(), term, reading)),
                score));
    }

    /** The best score of any passage, whatever the threshold; for measurements. */
    double score(MatchInput article) {
        float[][] vectors = article.feature(passages);
        double bestScore = -1;
        for (float[] vector : vectors) {
            for (float[] example : examples) {
                bestScore = Math.max(bestScore, SentenceModel.cosine(example, vector));
            }
        }
        return bestScore;
    }

    @Override
    public Set<String> anyOfTerms() {
        return prefilter == null ? Set.of() : prefilter.anyOfTerms();
    }

    @Override
    public Optional<String> reading() {
        return Optional.of(reading);
    }

    @Override
    public Set<FeatureKey<?>> features() {
        return Set.of(passages);
    }

    @Override
    public Optional<CompiledRule> prefilter() {
        return Optional.ofNullable(prefilter);
    }
}
