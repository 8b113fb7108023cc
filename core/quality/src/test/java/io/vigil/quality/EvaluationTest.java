package io.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final LabelledRule TUNED = new LabelledRule("R1", "border fortification", Split.TUNING, "walls");
    private static final LabelledRule HELD = new LabelledRule("R2", "AU", Split.HELD_OUT, "the African Union");

    private static LabelledItem item(String id, Split split) {
        return new LabelledItem(id, "bbc_news_zitros.jsonl", split, "", "text of " + id, "BBC News");
    }

    private static final LabelledItem WALL = item("wall", Split.TUNING);
    private static final LabelledItem CASTLE = item("castle", Split.TUNING);
    private static final LabelledItem FENCE = item("fence", Split.HELD_OUT);
    private static final LabelledItem UNCLEAR = item("unclear", Split.TUNING);

    private static final LabelledSet SET = LabelledSet.of(
            List.of(TUNED, HELD),
            List.of(WALL, CASTLE, FENCE, UNCLEAR),
            Map.of(
                    "R1",
                    Map.of("wall", Judgment.RELEVANT, "fence", Judgment.RELEVANT, "unclear", Judgment.EXCLUDED),
                    "R2",
                    Map.of("castle", Judgment.RELEVANT)));

    @Test
    void countsHitsFalseAlarmsAndMissesPerPartAndLeavesExcludedPairsOut() {
        Evaluation evaluation =
                Evaluation.of(SET, Map.of("R1", Set.of("wall", "castle", "unclear"), "R2", Set.of("fence")));

        // Tuning part: R1 on the tuning items only; the excluded pair counts nowhere.
        assertThat(evaluation.counts(Part.TUNING, TUNED)).isEqualTo(new Counts(1, 1, 0));
        assertThat(evaluation.covers(Part.TUNING, HELD)).isFalse();
        // Held-out part: R1 on the held-out item, and the held-out rule on every item.
        assertThat(evaluation.counts(Part.HELD_OUT, TUNED)).isEqualTo(new Counts(0, 0, 1));
        assertThat(evaluation.counts(Part.HELD_OUT, HELD)).isEqualTo(new Counts(0, 1, 1));
        assertThat(evaluation.micro(Part.ALL)).isEqualTo(new Counts(1, 2, 2));

        assertThat(evaluation.misses(Part.ALL, TUNED)).containsExactly(FENCE);
        assertThat(evaluation.falseAlarms(Part.ALL, TUNED)).containsExactly(CASTLE);
    }

    @Test
    void derivesPrecisionRecallAndF1AndLeavesUndefinedFiguresUndefined() {
        Counts counts = new Counts(6, 2, 4);

        assertThat(counts.precision()).isEqualTo(0.75);
        assertThat(counts.recall()).isEqualTo(0.6);
        assertThat(counts.f1()).isCloseTo(2 * 0.75 * 0.6 / (0.75 + 0.6), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(new Counts(0, 0, 3).precision()).isNaN();
        assertThat(new Counts(0, 0, 3).f1()).isZero();
        assertThat(Counts.NONE.f1()).isNaN();
    }
}
