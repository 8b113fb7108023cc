package io.vigil.rule.similar;

import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import java.nio.ByteBuffer;
import java.util.List;

/** The derived feature this type reads: one unit-length embedding per {@link Passage}, stored by the host. */
final class PassageEmbeddings {

    private PassageEmbeddings() {}

    /** The stored name: a new passage split or model needs a new name, so old values are not misread. */
    static final String NAME = "embedding.all-minilm-l6-v2-q.passages.v1";

    static FeatureKey<float[][]> key(SentenceModel model) {
        return new FeatureKey<>(NAME, float[][].class, article -> compute(model, article), CODEC);
    }

    static float[][] compute(SentenceModel model, MatchInput article) {
        List<Passage> passages = Passage.of(article);
        float[][] vectors = new float[passages.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = model.embed(passages.get(i).text());
        }
        return vectors;
    }

    /** Count, dimensions, then the floats: 1.5 kB per passage. */
    static final FeatureKey.Codec<float[][]> CODEC = new FeatureKey.Codec<>() {
        @Override
        public byte[] encode(float[][] value) {
            int dimensions = value.length == 0 ? 0 : value[0].length;
            ByteBuffer buffer = ByteBuffer.allocate(8 + 4 * value.length * dimensions);
            buffer.putInt(value.length).putInt(dimensions);
            for (float[] vector : value) {
                for (float v : vector) {
                    buffer.putFloat(v);
                }
            }
            return buffer.array();
        }

        @Override
        public float[][] decode(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int count = buffer.getInt();
            int dimensions = buffer.getInt();
            float[][] value = new float[count][dimensions];
            for (float[] vector : value) {
                for (int i = 0; i < dimensions; i++) {
                    vector[i] = buffer.getFloat();
                }
            }
            return value;
        }
    };
}
