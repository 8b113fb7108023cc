package io.vigil.engine.ingest;

import java.util.List;

/** The articles one document produced, new or already known; empty when the document held no article. */
public record IngestOutcome(List<IngestedArticle> articles) {
    public IngestOutcome {
        articles = List.copyOf(articles);
    }

    public long newCount() {
        return articles.stream().filter(a -> !a.duplicate()).count();
    }

    public long duplicateCount() {
        return articles.stream().filter(IngestedArticle::duplicate).count();
    }
}
