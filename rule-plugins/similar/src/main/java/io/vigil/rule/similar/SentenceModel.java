package io.vigil.rule.similar;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The in-process sentence model (quantised all-MiniLM-L6-v2, 384 dimensions, ONNX weights shipped in its jar): loaded
 * on first use, once; when it cannot load, semantic rules are disabled with one log line and the reason is kept for
 * the rules page. Thread-safe.
 */
final class SentenceModel {

    private static final System.Logger LOG = System.getLogger(SentenceModel.class.getName());

    /** The model every rule of this type shares: one copy of the weights per process. */
    static final SentenceModel SHARED = new SentenceModel(AllMiniLmL6V2QuantizedEmbeddingModel::new);

    private final Supplier<EmbeddingModel> loader;
    private volatile EmbeddingModel model;
    private volatile String problem;

    SentenceModel(Supplier<EmbeddingModel> loader) {
        this.loader = Objects.requireNonNull(loader, "loader is null");
    }

    /** Why the model cannot be used, or empty when it loaded. Loads it on the first call. */
    Optional<String> problem() {
        load();
        return Optional.ofNullable(problem);
    }

    /** The unit-length embedding of a text. */
    float[] embed(String text) {
        EmbeddingModel loaded = load();
        if (loaded == null) {
            throw new IllegalStateException("the sentence model is not available: " + problem);
        }
        return normalized(loaded.embed(text).content().vector());
    }

    private EmbeddingModel load() {
        EmbeddingModel loaded = model;
        if (loaded != null || problem != null) {
            return loaded;
        }
        synchronized (this) {
            if (model == null && problem == null) {
                try {
                    model = loader.get();
                } catch (RuntimeException | LinkageError e) {
                    problem = "the sentence model (all-MiniLM-L6-v2, quantised) could not be loaded: " + e;
                    LOG.log(System.Logger.Level.ERROR, "semantic (similar) rules are disabled: " + problem);
                }
            }
            return model;
        }
    }

    static float[] normalized(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return vector;
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }

    /** The cosine of two unit vectors. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
