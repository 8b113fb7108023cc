package io.vigil.engine.rule.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.TermAliases;
import io.vigil.spi.rule.MatchInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment adds its own alias groups with a file named by {@code vigil.rules.aliases-file}. */
class DeploymentAliasesTest {

    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();

    private final MatchInput article = analyzer.analyze(
            "Fighters hold the ridge",
            "Kurdish fighters held the ridge above the town overnight, a commander said.",
            "Test Wire",
            "en");

    @AfterEach
    void forgetTheFile() {
        System.clearProperty(TermAliases.FILE_PROPERTY);
    }

    @Test
    void theBuiltInRuleTypeReadsTheDeploymentsAliasFile(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("aliases.txt");
        Files.writeString(file, "# our beat\nPeshmerga | Kurdish fighters\n");

        assertThat(new QueryRuleTypeFactory()
                        .compile("peshmerga", Proximity.DEFAULT)
                        .match(article))
                .as("without the file")
                .isEmpty();

        System.setProperty(TermAliases.FILE_PROPERTY, file.toString());
        assertThat(new QueryRuleTypeFactory()
                        .compile("peshmerga", Proximity.DEFAULT)
                        .match(article))
                .as("with the file")
                .isPresent();
    }

    @Test
    void aFileThatCannotBeReadLeavesTheBuiltInListsWorking(@TempDir Path folder) throws Exception {
        System.setProperty(
                TermAliases.FILE_PROPERTY, folder.resolve("missing.txt").toString());

        QueryRuleTypeFactory factory = new QueryRuleTypeFactory();

        MatchInput usArticle =
                analyzer.analyze("Troops move", "United States troops moved north on Monday.", "Test Wire", "en");
        assertThat(factory.compile("US troops", Proximity.DEFAULT).match(usArticle))
                .as("the built-in acronym list still applies")
                .isPresent();
    }
}
