package io.vigil.engine.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.engine.extract.ExtractedArticle;
import io.vigil.engine.extract.SeedDumps;
import io.vigil.engine.fingerprint.NearCopies.NearCopy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private final Fingerprinter fingerprinter = new Fingerprinter();

    private static final String TITLE = "Iraq Fortifies 80% of Its Border with Syria";

    private static Map<String, ExtractedArticle> seedArticles() {
        Map<String, ExtractedArticle> articles = new LinkedHashMap<>();
        SeedDumps.splitAll().forEach(article -> articles.putIfAbsent(article.title(), article));
        return articles;
    }

    private static ExtractedArticle seed(String title) {
        return seedArticles().get(title);
    }

    @Test
    void joinsAnExactCopy() {
        ExtractedArticle article = seed(TITLE);

        Fingerprint first = fingerprinter.of(article.title(), article.body());
        Fingerprint second = fingerprinter.of(article.title(), article.body());

        assertThat(second).isEqualTo(first);
        assertThat(Fingerprinter.similarity(first.minHashes(), second.minHashes()))
                .isEqualTo(1.0);
        assertThat(Fingerprinter.sameStory(first, second)).isTrue();
    }

    @Test
    void givesTheSameContentHashToCopiesThatDifferOnlyInWhitespaceCaseQuotesOrDashes() {
        String body = "He said: \"Earth mounds, fences and towers have been installed\" - and it's done.\n\nMore text.";
        String restyled = "  He said:  \u201CEarth mounds, fences and\u00A0towers have been installed\u201D \u2014 and"
                + " it\u2019s done.\r\n\r\n\r\nMORE   TEXT.\t";

        Fingerprint original = fingerprinter.of(TITLE, body);
        Fingerprint copy = fingerprinter.of("  iraq fortifies 80%  of its border with SYRIA ", restyled);

        assertThat(copy.contentHash()).isEqualTo(original.contentHash());
        assertThat(copy.minHashes()).isEqualTo(original.minHashes());
    }

    @Test
    void foldsCompatibilityCharactersBeforeHashing() {
        assertThat(fingerprinter.of("\uFB01nal", "\uFF18\uFF10% done").contentHash())
                .isEqualTo(fingerprinter.of("final", "80% done").contentHash());
    }

    @Test
    void givesDifferentContentHashesToDifferentWords() {
        assertThat(fingerprinter.of(TITLE, "Fences were built.").contentHash())
                .isNotEqualTo(fingerprinter.of(TITLE, "Fences were not built.").contentHash())
                .hasSize(64)
                .matches("[0-9a-f]{64}");
    }

    @Test
    void joinsNearCopiesOfASeedArticle() {
        ExtractedArticle article = seed(TITLE);
        Fingerprint original = fingerprinter.of(article.title(), article.body());

        List<NearCopy> copies = NearCopies.of(article.title(), article.body());

        assertThat(copies).extracting(NearCopy::kind).contains("edited headline", "paragraph cut", "boilerplate added");
        for (NearCopy copy : copies) {
            Fingerprint near = fingerprinter.of(copy.title(), copy.body());
            assertThat(Fingerprinter.sameStory(original, near)).as(copy.kind()).isTrue();
            assertThat(near.bands()).as(copy.kind()).containsAnyOf(original.bands());
        }
    }

    @Test
    void joinsACopyWithAnEditedHeadline() {
        ExtractedArticle article = seed("Iraq Forms Security Crisis Cell to Coordinate with Syria");

        Fingerprint original = fingerprinter.of(article.title(), article.body());
        Fingerprint edited = fingerprinter.of("Baghdad sets up crisis cell to work with Damascus", article.body());

        assertThat(edited.contentHash()).isNotEqualTo(original.contentHash());
        assertThat(Fingerprinter.sameStory(original, edited)).isTrue();
    }

    @Test
    void keepsTheDistinctSeedArticlesApart() {
        Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
        seedArticles().forEach((title, article) -> fingerprints.put(title, fingerprinter.of(title, article.body())));
        List<String> titles = List.copyOf(fingerprints.keySet());

        assertThat(titles).hasSize(8);
        for (int i = 0; i < titles.size(); i++) {
            for (int j = i + 1; j < titles.size(); j++) {
                Fingerprint a = fingerprints.get(titles.get(i));
                Fingerprint b = fingerprints.get(titles.get(j));
                assertThat(Fingerprinter.sameStory(a, b))
                        .as(titles.get(i) + " | " + titles.get(j))
                        .isFalse();
            }
        }
    }

    @Test
    void keepsTheThreeIraqSyriaBorderStoriesApart() {
        Fingerprint fortifies = fingerprint("Iraq Fortifies 80% of Its Border with Syria");
        Fingerprint fearing =
                fingerprint("Fearing An Invasion By Terrorists, Iraq Is Reinforcing Its Border With Syria");
        Fingerprint crisisCell = fingerprint("Iraq Forms Security Crisis Cell to Coordinate with Syria");

        assertThat(Fingerprinter.similarity(fortifies.minHashes(), fearing.minHashes()))
                .isLessThan(0.1);
        assertThat(Fingerprinter.similarity(fortifies.minHashes(), crisisCell.minHashes()))
                .isLessThan(0.1);
        assertThat(Fingerprinter.similarity(fearing.minHashes(), crisisCell.minHashes()))
                .isLessThan(0.1);
    }

    private Fingerprint fingerprint(String seedTitle) {
        ExtractedArticle article = seed(seedTitle);
        return fingerprinter.of(article.title(), article.body());
    }

    @Test
    void fingerprintsTheSameTextTheSameWayInEveryJvm() {
        Fingerprint fingerprint = fingerprinter.of("Oil exports rise", "Iraq's oil exports rose by a tenth in March.");

        assertThat(fingerprint.contentHash()).isEqualTo(GOLDEN_CONTENT_HASH);
        assertThat(Arrays.copyOf(fingerprint.minHashes(), 4)).containsExactly(GOLDEN_MIN_HASHES);
        assertThat(fingerprint.bands()[0]).isEqualTo(GOLDEN_FIRST_BAND);
    }

    // Stored fingerprints are compared with new ones: if these change, every stored fingerprint must be recomputed.
    private static final String GOLDEN_CONTENT_HASH =
            "83de3339dbcb49a4e6172f71dc64baf8ad1d0fa54e763eef8d85c0205b6c2364";
    private static final int[] GOLDEN_MIN_HASHES = {-1224681082, -2015474182, -2087757017, -1703420948};
    private static final long GOLDEN_FIRST_BAND = -1535879671587659090L;

    @Test
    void sizesTheSignatureAndBandsAsStored() {
        Fingerprint fingerprint = fingerprinter.of(TITLE, "Fences were built.");

        assertThat(fingerprint.minHashes()).hasSize(Fingerprinter.HASHES);
        assertThat(fingerprint.bands()).hasSize(Fingerprinter.BANDS).doesNotHaveDuplicates();
    }

    @Test
    void comparesTextsShorterThanAShingle() {
        Fingerprint fire = fingerprinter.of("Fire", "");
        Fingerprint fireAgain = fingerprinter.of("fire", null);
        Fingerprint flood = fingerprinter.of("Flood", "");

        assertThat(fire.bands()).isNotEmpty();
        assertThat(Fingerprinter.sameStory(fire, fireAgain)).isTrue();
        assertThat(Fingerprinter.sameStory(fire, flood)).isFalse();
        assertThat(Fingerprinter.similarity(fingerprinter.of("Two words", "").minHashes(), fire.minHashes()))
                .isZero();
    }

    @Test
    void givesAnEmptyTextNoBandsSoItIsNobodysCandidate() {
        Fingerprint empty = fingerprinter.of("", " \n ");
        Fingerprint punctuation = fingerprinter.of("", "-- !! --");

        assertThat(empty.bands()).isEmpty();
        assertThat(Fingerprinter.sameStory(empty, fingerprinter.of(TITLE, "Fences were built.")))
                .isFalse();
        assertThat(Fingerprinter.sameStory(empty, punctuation)).isFalse();
    }

    @Test
    void estimatesSimilarityBetweenZeroAndOne() {
        int[] a = fingerprinter.of(TITLE, seed(TITLE).body()).minHashes();
        int[] b = fingerprinter
                .of("Other", "Completely unrelated words about football results.")
                .minHashes();

        assertThat(Fingerprinter.similarity(a, a)).isEqualTo(1.0);
        assertThat(Fingerprinter.similarity(a, b)).isBetween(0.0, 0.05);
    }

    @Test
    void refusesToCompareSignaturesOfDifferentLengths() {
        assertThatThrownBy(() -> Fingerprinter.similarity(new int[128], new int[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128 and 64");
    }

    @Test
    void keepsAFingerprintUnchangedWhenItsArraysAreModified() {
        int[] minHashes = {1, 2, 3};
        long[] bands = {4L};
        Fingerprint fingerprint = new Fingerprint("ab", minHashes, bands);

        minHashes[0] = 99;
        fingerprint.bands()[0] = 99L;

        assertThat(fingerprint.minHashes()).containsExactly(1, 2, 3);
        assertThat(fingerprint.bands()).containsExactly(4L);
        assertThat(fingerprint).isEqualTo(new Fingerprint("ab", new int[] {1, 2, 3}, new long[] {4L}));
    }
}
