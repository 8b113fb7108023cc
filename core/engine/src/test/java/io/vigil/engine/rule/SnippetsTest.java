package io.vigil.engine.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.query.Proximity;
import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();

    @Test
    void buildsSentencePassagesWithTheMatchedTermsMarked() throws Exception {
        MatchInput article = TestArticles.load("iraq-crisis-cell");
        RuleMatch match = new QueryRuleTypeFactory()
                .compile("border fortification", Proximity.DEFAULT)
                .match(article)
                .orElseThrow();

        List<Snippet> snippets = Snippets.of(article, match.highlights(), 2);

        assertThat(snippets).hasSize(2).allSatisfy(snippet -> {
            assertThat(snippet.field()).isEqualTo(MatchInput.BODY);
            assertThat(snippet.text().length()).isBetween(40, Snippets.MAX_LENGTH + 2);
            assertThat(snippet.marks())
                    .extracting(span ->
                            snippet.text().substring(span.start(), span.end()).toLowerCase())
                    .contains("border", "fortifications");
        });
    }

    @Test
    void cutsALongSentenceAroundItsMarks() {
        String body = "word ".repeat(120) + "border " + "word ".repeat(120) + "end.";
        MatchInput article = analyzer.analyze("", body, null, null);
        int start = body.indexOf("border");

        Snippet snippet = Snippets.of(article, List.of(new Highlight("body", start, start + 6, "border")), 1)
                .get(0);

        assertThat(snippet.text()).startsWith("…").endsWith("…").contains("border");
        assertThat(snippet.text().length()).isLessThanOrEqualTo(Snippets.MAX_LENGTH + 2);
        Span mark = snippet.marks().get(0);
        assertThat(snippet.text().substring(mark.start(), mark.end())).isEqualTo("border");
    }

    @Test
    void escapesUntrustedArticleTextInHtml() {
        String body = "<script>alert('x')</script> & the \"border\" <b>wall</b>.";
        MatchInput article = analyzer.analyze("", body, null, null);
        int start = body.indexOf("border");

        Snippet snippet = Snippets.of(article, List.of(new Highlight("body", start, start + 6, "border")), 1)
                .get(0);

        assertThat(snippet.toHtml())
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; the &quot;<mark>border</mark>&quot;"
                        + " &lt;b&gt;wall&lt;/b&gt;.")
                .doesNotContain("<script>", "<b>");
    }

    @Test
    void prefersTheSentenceHoldingMostTermsAndIgnoresUnknownFields() {
        String body = "The border is long. The border wall is new. Elsewhere, a wall fell.";
        MatchInput article = analyzer.analyze("", body, null, null);
        List<Highlight> highlights = List.of(
                new Highlight("body", 4, 10, "border"),
                new Highlight("body", 24, 30, "border"),
                new Highlight("body", 31, 35, "wall"),
                new Highlight("source", 0, 3, "x"));

        List<Snippet> snippets = Snippets.of(article, highlights, 1);

        assertThat(snippets).hasSize(1);
        assertThat(snippets.get(0).marks()).extracting(Span::term).contains("border", "wall");
    }
}
