package io.vigil.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.watch.NewestMatches.Route;
import org.junit.jupiter.api.Test;

class NewestMatchesTest {

    @Test
    void walksWhenTheMatchesOutnumberTheRowsTheWalkWouldRead() {
        // 2,001 of 15,000 matches in 100,000 articles: a walk reads about 13,340 rows, the index 15,000.
        assertThat(NewestMatches.route(15_000, 100_000, 2_001)).isEqualTo(new Route.Walk(26_680));
    }

    @Test
    void takesTheIndexWhenTheWalkWouldReadMoreRowsThanMatch() {
        // econom* in the preview benchmark: about 8,200 matches; a walk would read about 24,400 rows.
        assertThat(NewestMatches.route(8_214, 100_008, 2_001)).isEqualTo(new Route.Index());
    }

    @Test
    void aSmallArchiveAlwaysTakesTheIndex() {
        assertThat(NewestMatches.route(50, 50, 2_001)).isEqualTo(new Route.Index());
    }

    @Test
    void unknownEstimatesTakeTheIndex() {
        assertThat(NewestMatches.route(0, 100_000, 2_001)).isEqualTo(new Route.Index());
        assertThat(NewestMatches.route(5_000, 0, 2_001)).isEqualTo(new Route.Index());
    }

    @Test
    void aWalkWindowHoldsAtLeastTheWantedRows() {
        // Stale statistics may estimate more matches than articles.
        assertThat(NewestMatches.route(400_000, 100_000, 2_001)).isEqualTo(new Route.Walk(2_001));
    }

    @Test
    void readsTheTopNodesRowEstimateFromAnExplainPlan() {
        String plan =
                """
                [ { "Plan": { "Node Type": "Limit", "Plan Rows": 2001, "Plan Width": 16,
                    "Plans": [ { "Node Type": "Index Scan", "Plan Rows": 10548 } ] } } ]
                """;

        assertThat(NewestMatches.planRows(plan)).isEqualTo(2001);
        assertThat(NewestMatches.planRows("[]")).isZero();
    }
}
