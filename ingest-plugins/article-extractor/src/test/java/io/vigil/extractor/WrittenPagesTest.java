package io.vigil.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the extractor over news pages written for this module ({@code src/test/resources/pages}), each built around
 * one way real templates split or surround an article: ads, figures, inline related links, a pull quote and a
 * newsletter box between the paragraphs; the opening paragraphs outside a subscriber-only container; an article in
 * several sections with subheadings and a list; teaser columns with summaries beside the article; comments, an author
 * box and a drop cap on a blog. Their expected texts hold the article body only (no headline, byline, captions or
 * related links), as the published extraction benchmark's do; the figures use its metric.
 */
class WrittenPagesTest {

    private static final double MIN_PAGE_F1 = 0.95;

    @Test
    void extractsTheArticleBodyOfEachWrittenPage() throws IOException, URISyntaxException {
        Path root = Path.of(WrittenPagesTest.class.getResource("/pages").toURI());
        List<Path> pages;
        try (Stream<Path> list = Files.list(root)) {
            pages = list.filter(Files::isDirectory).sorted().toList();
        }
        List<ShingleScore> scores = new ArrayList<>();
        StringBuilder report = new StringBuilder("written page                    precision recall  F1\n");
        List<String> belowFloor = new ArrayList<>();
        for (Path page : pages) {
            String html = Files.readString(page.resolve("page.html"), StandardCharsets.UTF_8);
            String expected = Files.readString(page.resolve("expected.txt"), StandardCharsets.UTF_8);
            String text = ArticleExtractor.extract(html, URI.create("https://news.example/article"))
                    .text();
            ShingleScore score = ShingleScore.of(expected, text);
            scores.add(score);
            double f1 = ShingleScore.Summary.of(List.of(score)).f1();
            report.append(String.format(
                    Locale.ROOT,
                    "%-31s %6.3f %6.3f %6.3f%n",
                    page.getFileName(),
                    score.precision(),
                    score.recall(),
                    f1));
            if (f1 < MIN_PAGE_F1) {
                belowFloor.add(page.getFileName() + " (F1 " + String.format(Locale.ROOT, "%.3f", f1) + "):\n" + text);
            }
        }
        ShingleScore.Summary all = ShingleScore.Summary.of(scores);
        report.append(String.format(
                Locale.ROOT,
                "WRITTEN %d pages: precision %.3f, recall %.3f, F1 %.3f%n",
                all.pages(),
                all.precision(),
                all.recall(),
                all.f1()));
        System.out.println(report);

        assertThat(pages).as("written pages").hasSizeGreaterThanOrEqualTo(5);
        assertThat(belowFloor).as("pages below F1 " + MIN_PAGE_F1).isEmpty();
    }
}
