package io.vigil.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Vigil's matching quality on the held-out part of the labelled set must not drop: a change that loses precision or
 * F1 there fails the build. The figures come from {@code ./vigil bench quality} (docs/benchmarks.md).
 */
class HeldOutQualityTest {

    // The floors: Vigil's held-out micro F1 and precision as recorded on 2026-12-03 after the labelled set's third
    // and fourth rounds (issue 10, precision: F1 0.8835, P 0.8505 on the enlarged held-out part of 9 rules and 335
    // items), a little below the recorded figures. They were set anew because the held-out part itself grew; on the
    // earlier part (22 rules, 790 items) the same engine scores F1 0.890, P 0.863 (before: 0.878, 0.836).
    // Measured again at 09:09 UTC the same day after the second precision round (tuning P 0.929 -> 0.945): the
    // held-out part did not move (F1 0.8835, P 0.8505), so the floors stay.
    // Raised on 2026-12-03 at 13:49 UTC after the set's fifth and sixth rounds (34 rules, 1,065 items; the held-out
    // part
    // 9 rules and 363 items) and the third precision round (a country before 'war', air strikes, dated background,
    // a group's people killed by a doer): held-out F1 0.873 -> 0.8896, P 0.829 -> 0.8571 (docs/benchmarks.md).
    // Raised on 2026-12-05 at 00:45 UTC after the reading "the agent's own country named as the place of an action is
    // its target" (36 rules, 1,101 items): held-out F1 0.892 -> 0.8934, P 0.861 -> 0.8636 (docs/benchmarks.md).
    // Set anew on 2026-12-06 because the held-out part itself grew (the set's eighth round: 79 tuning items, so 711 new
    // pairs with the 9 held-out rules; 36 rules, 1,180 items): main's engine scores F1 0.8909, P 0.8640 on the enlarged
    // part, and this branch's engine the same (286 TP, 45 FP, 25 FN); on the earlier part (1,101 items) both score
    // F1 0.893, P 0.864 (285 TP, 45 FP, 23 FN), so no change to matching lowered them. The new floors are the
    // enlarged part's figures rounded down: F1 0.893 -> 0.890 for the part's growth alone, P 0.863 -> 0.864.
    // Raised on 2026-12-06 after the set's ninth round (two tuning rules R37-R38, 35 items of which 13 held out; 38
    // rules, 1,215 items; the held-out part 9 rules and 376 items): held-out F1 0.8948, P 0.8703 (302 TP, 45 FP, 26
    // FN). main's engine scores exactly the same on it, so the rise is the enlarged part's, not a change to matching.
    // Set on 2026-12-06 after the tenth round (35 tuning items, no rules; the held-out part grew by their 315 pairs
    // with the 9 held-out rules): held-out F1 0.8938, P 0.8707 (303 TP, 45 FP, 27 FN). The new pairs brought one false
    // alarm and one miss the readings do not touch; on the ninth round's pairs the same engine scores 302 TP, 44 FP,
    // 26 FN (F1 0.896, P 0.873, above the old floors), so F1's floor goes 0.894 -> 0.893 for the part's growth alone.
    // Raised on 2026-12-06 at 22:27 UTC after the set's eleventh to thirteenth rounds (72 fresh items, a third held
    // out, and the tuning rule R39; 39 rules, 1,322 items; the held-out part 9 rules and 403 items) and six readings
    // of who acts (a stopped action, the slain's deeds and kinds, repelled attacks, a two-word generic opener as agent,
    // any article after a target preposition): held-out F1 0.8926 -> 0.9020, P 0.8686 -> 0.8920 (322 TP, 39 FP, 31
    // FN). The "before" figures are the engine before those readings on the enlarged part, below the old floors: the
    // fresh items are harder, not the matching worse.
    // Set on 2026-12-07 after the fourteenth round (tuning rules R40-R42 and 54 fresh items, 18 held out; 42 rules,
    // 1,376 items; the held-out part 9 rules and 421 items): the engine before this round's readings scores the
    // enlarged part F1 0.8904, P 0.8776 (337 TP, 47 FP, 36 FN), below the old floors: the 18 fresh held-out items
    // brought 15 relevant pairs and 8 false alarms. With the two readings (an asked-for action is not done; an action
    // word in another sense) F1 0.8927, P 0.8822 (337 TP, 45 FP, 36 FN); on the 403 earlier items no relevant pair
    // was lost. The floors follow the part's growth: F1 0.901 -> 0.892, P 0.891 -> 0.882.
    // Raised on 2026-12-07 at 15:35 UTC after two readings on the fourteenth round's tuning errors (two actors side by
    // side are a list's parties; an event after "since" with a year is background): held-out F1 0.8927 -> 0.8939, P
    // 0.8822 -> 0.8845 (337 TP, 44 FP, 36 FN), rounded down.
    // Raised on 2026-12-07 at 16:05 UTC after three readings on R42's tuning false alarms (a proposal's terms, a deed
    // done to the remains of the dead, a list of demands): held-out F1 0.8939 -> 0.8963, P 0.8845 -> 0.8892 (337 TP,
    // 42 FP, 36 FN), rounded down.
    // Set on 2026-12-07 at 18:10 UTC after the fifteenth round (three tuning rules, 14 more held-out items): held-out
    // F1 0.8942, P 0.8920 (355 TP, 43 FP, 41 FN). The F1 drop is the new pairs' alone: on the 42 earlier rules and
    // 1,376 earlier items the held-out part is unchanged (337 TP, 42 FP, 36 FN; F1 0.896, P 0.889). F1's floor
    // follows the part's growth, 0.896 -> 0.894; precision's rises, 0.889 -> 0.891.
    // Only ever raise them (after an improvement is recorded in docs/benchmarks.md); never lower them to let a
    // change through.
    static final double HELD_OUT_F1_FLOOR = 0.894;
    static final double HELD_OUT_PRECISION_FLOOR = 0.891;

    @Test
    void heldOutMicroF1AndPrecisionStayAtOrAboveTheRecordedFloor() throws Exception {
        Path corpus = LabelledSet.corpusFolder().orElse(null);
        Assumptions.assumeTrue(
                corpus != null,
                "skipped: the shared corpus is absent (vigil.shared.dir=" + System.getProperty("vigil.shared.dir")
                        + "); the held-out quality check reads the labelled items from it");
        LabelledSet set = LabelledSet.load(corpus);

        Counts heldOut = Evaluation.of(set, new VigilMatching().match(set)).micro(Part.HELD_OUT);

        String figures = String.format(
                Locale.ROOT,
                "held-out micro P %.3f R %.3f F1 %.3f (TP %d FP %d FN %d)",
                heldOut.precision(),
                heldOut.recall(),
                heldOut.f1(),
                heldOut.truePositives(),
                heldOut.falsePositives(),
                heldOut.falseNegatives());
        assertThat(heldOut.f1()).as(figures).isGreaterThanOrEqualTo(HELD_OUT_F1_FLOOR);
        assertThat(heldOut.precision()).as(figures).isGreaterThanOrEqualTo(HELD_OUT_PRECISION_FLOOR);
    }
}
