package io.vigil.engine.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigil.spi.rule.AnalyzedField;
import io.vigil.spi.rule.FeatureKey;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.Token;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ArticleAnalyzerTest {

    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();

    private List<Token> tokens(String text) {
        return analyzer.analyzeField("body", text).tokens();
    }

    @Test
    void keepsTitleAndBodyAsSeparateFieldsWithOffsetsIntoTheirOwnText() {
        MatchInput article = analyzer.analyze("Iraq Fortifies Its Border", "The plan is 80% complete.", "Asharq", "en");

        AnalyzedField title = article.field(MatchInput.TITLE);
        Token border = title.tokens().get(3);
        assertThat(title.text().substring(border.start(), border.end())).isEqualTo("Border");
        assertThat(article.field(MatchInput.BODY).tokens())
                .extracting(Token::surface)
                .containsExactly("The", "plan", "is", "80", "complete");
        assertThat(article.source()).isEqualTo("Asharq");
        assertThat(article.language()).contains("en");
    }

    @Test
    void stemsWordFormsOfOneFamilyAlike() {
        assertThat(tokens("fortification fortifications fortify fortifies fortified"))
                .extracting(Token::stem)
                .containsOnly("fortif");
        assertThat(tokens("organization organ")).extracting(Token::stem).doesNotHaveDuplicates();
    }

    @Test
    void readsDottedAcronymsAsOneWordInCapitals() {
        List<Token> words = tokens("U.S. forces and the U.N. mission");

        assertThat(words).extracting(Token::surface).containsExactly("U.S.", "forces", "and", "the", "U.N.", "mission");
        assertThat(words.get(0).normalized()).isEqualTo("us");
        assertThat(TextNormalizer.capitalsKey(words.get(0).surface())).isEqualTo("US");
        assertThat(TextNormalizer.capitalsKey("us")).isNull();
        assertThat(TextNormalizer.capitalsKey("Us")).isNull();
    }

    @Test
    void splitsHyphenatedWordsAndDropsPossessives() {
        assertThat(tokens("the Iraqi-Syrian border, Iraq’s army and al-Sudani"))
                .extracting(Token::normalized)
                .containsExactly("the", "iraqi", "syrian", "border", "iraq", "army", "and", "al", "sudani");
    }

    @Test
    void foldsAccentsSoPlainSpellingsMatch() {
        assertThat(tokens("São Paulo, Türkiye, café"))
                .extracting(Token::normalized)
                .containsExactly("sao", "paulo", "turkiye", "cafe");
    }

    @Test
    void tokenisesArabicIntoWordsAndStemsThemLightly() {
        MatchInput article = analyzer.analyze(
                "العراق يعزز تحصيناته", "قالت القوات إن الوضع مستقر. وأضاف أن الحدود آمنة.", null, "ar");

        List<Token> body = article.field(MatchInput.BODY).tokens();
        assertThat(article.field(MatchInput.TITLE).tokens())
                .extracting(Token::surface)
                .containsExactly("العراق", "يعزز", "تحصيناته");
        assertThat(body).extracting(Token::sentence).contains(0, 1);
        // Lucene's Arabic light stemmer drops the article and conjunction prefixes and common suffixes.
        assertThat(body).extracting(Token::stem).contains("وضع", "حدود", "امن");
    }

    @Test
    void numbersSentencesAndParagraphs() {
        List<Token> words = tokens("Mr. Smith arrived. He left at 5.30 p.m. today.\n\nA new paragraph starts here.");

        assertThat(words.get(0).sentence()).isEqualTo(words.get(2).sentence());
        assertThat(words.get(3).sentence()).isEqualTo(1);
        assertThat(words.get(words.size() - 1).paragraph()).isEqualTo(1);
        assertThat(words.get(words.size() - 1).sentence()).isGreaterThan(1);
    }

    @Test
    void neverFailsOnOddText() {
        assertThatCode(() -> {
                    analyzer.analyze(null, null, null, null);
                    analyzer.analyze("", "\n\n\n", "", "");
                    analyzer.analyze("...", "'' -- ‘’ “” . . . U. S. A.B. 1.2.3 \uD83D\uDE00 ﷺ ـــ", "x", "fr");
                })
                .doesNotThrowAnyException();
    }

    @Test
    void computesEachFeatureOncePerArticleEvenUnderConcurrentRequests() throws Exception {
        MatchInput article = analyzer.analyze("Title", "Body text.", null, null);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        FeatureKey<Integer> key = new FeatureKey<>("test.count", Integer.class, input -> {
            computations.incrementAndGet();
            return input.body().length();
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = pool.invokeAll(List.of(
                    () -> {
                        start.await();
                        return article.feature(key);
                    },
                    () -> {
                        start.await();
                        return article.feature(key);
                    },
                    () -> {
                        start.countDown();
                        return article.feature(key);
                    }));
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(10);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(computations).hasValue(1);
        assertThat(article.feature(ArticleIndex.KEY)).isSameAs(article.feature(ArticleIndex.KEY));
    }
}
