package io.vigil.engine.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.query.Proximity;
import io.vigil.engine.rule.query.QueryRule;
import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.Token;
import org.junit.jupiter.api.Test;

/**
 * Arabic-script articles: their language is detected when the source does not say, Arabic words are normalised and
 * lightly stemmed with Lucene's Arabic analysis, and an Arabic rule term finds its word forms. The corpora of
 * ../shared hold no Arabic text, so the sentences here were written for this test by the keywords helper (they are
 * plain news-style sentences about a border wall, released with the project).
 */
class ArabicAnalysisTest {

    private static final String TITLE = "العراق يعزز حدوده مع سوريا";
    private static final String BODY = "قالت وزارة الداخلية العراقية إن القوات أكملت بناء الجدار على الحدود مع سوريا."
            + " وأضافت أن الأعمال في المناطق الحدودية مستمرة، وأن الدوريات بالحدود تعمل ليلاً ونهاراً.";

    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();
    private final QueryRuleTypeFactory factory = new QueryRuleTypeFactory(
            analyzer, TermAliases.defaults(), ConceptLexicon.defaults(), TermRarity.defaults());

    private boolean matches(String rule, String title, String body, String language) throws Exception {
        QueryRule compiled = factory.compile(rule, Proximity.DEFAULT);
        return compiled.match(analyzer.analyze(title, body, "Wire", language)).isPresent();
    }

    @Test
    void detectsArabicPersianAndUrduFromTheirLettersAndNothingForEnglish() {
        assertThat(ScriptLanguage.detect(TITLE, BODY)).contains("ar");
        assertThat(ScriptLanguage.detect("ایران پهپادهای خود را به روسیه فرستاد", ""))
                .contains("fa");
        assertThat(ScriptLanguage.detect("پاکستان کی فوج نے سرحد پر باڑ لگائی ہے", ""))
                .contains("ur");
        assertThat(ScriptLanguage.detect("Iraq fortifies its border", "The wall is finished."))
                .isEmpty();
        assertThat(ScriptLanguage.detect("", "")).isEmpty();
    }

    @Test
    void anArticleWithoutALanguageGetsTheDetectedOne() {
        MatchInput article = analyzer.analyze(TITLE, BODY, "Wire", null);

        assertThat(article.language()).contains("ar");
        assertThat(analyzer.analyze("Border wall", "Iraq built it.", "Wire", null)
                        .language())
                .isEmpty();
    }

    @Test
    void stemsArabicWordsLightlySoArticlesPrefixesAndSuffixesFall() {
        assertThat(ArabicStemming.stem(TextNormalizer.normalize("الحدود"))).isEqualTo("حدود");
        assertThat(ArabicStemming.stem(TextNormalizer.normalize("بالحدود"))).isEqualTo("حدود");
        assertThat(ArabicStemming.stem(TextNormalizer.normalize("حدوده"))).isEqualTo("حدود");
        assertThat(ArabicStemming.stem(TextNormalizer.normalize("الحدودية"))).isEqualTo("حدود");
        Token token = analyzer.analyzeField("body", "والجدار").tokens().get(0);
        assertThat(token.stem()).isEqualTo(ArabicStemming.stem(TextNormalizer.normalize("جدار")));
    }

    @Test
    void anArabicRuleTermFindsItsWordForms() throws Exception {
        assertThat(matches("الحدود", TITLE, BODY, null)).isTrue();
        assertThat(matches("حدود", "", "الدوريات بالحدود تعمل ليلاً", "ar")).isTrue();
        assertThat(matches("جدار", "", "أكملت القوات بناء الجدار", "ar")).isTrue();
        assertThat(matches("الجدار الحدود", TITLE, BODY, null))
                .as("a bare list of Arabic words")
                .isTrue();
        assertThat(matches("مطار", TITLE, BODY, null))
                .as("a word the article does not hold")
                .isFalse();
        assertThat(matches("\"الحدود مع سوريا\"", TITLE, BODY, null))
                .as("a phrase compares exact words")
                .isTrue();
    }

    @Test
    void englishRulesAndArticlesReadAsBefore() throws Exception {
        assertThat(matches("border wall", "Iraq completes border wall", "The wall runs along the border.", null))
                .isTrue();
        assertThat(analyzer.analyze("Fortifications", "", "Wire", null)
                        .field(MatchInput.TITLE)
                        .tokens()
                        .get(0)
                        .stem())
                .isEqualTo("fortif");
    }
}
