package io.vigil.web.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.engine.watch.WatchRule;
import io.vigil.web.testing.Archive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V151 on rules of one name ({@link RulesAtVersion150}): the oldest keeps the name, each later namesake is
 * told apart by its id, and no other rule is renamed.
 */
@QuarkusTest
@TestProfile(RuleNamesMigrationTest.OwnStart.class)
@QuarkusTestResource(value = RulesAtVersion150.class, restrictToAnnotatedClass = true)
class RuleNamesMigrationTest {

    /** An application start of its own, on the database the resource left at version 150. */
    public static class OwnStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }
    }

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void laterNamesakesAreToldApartByTheirIdAndTheOthersKeepTheirNames() {
        List<String> names = QuarkusTransaction.requiringNew()
                .call(() -> WatchRule.<WatchRule>listAll(io.quarkus.panache.common.Sort.by("id")).stream()
                        .map(rule -> rule.query + " = " + rule.name.replaceAll("#\\d+", "#id-of-" + rule.query))
                        .toList());
        assertThat(names)
                .containsExactly(
                        "border = border",
                        "wall = border (2)",
                        "border fence = border (#id-of-border fence)",
                        "other = other",
                        "border wall = border (#id-of-border wall)");
        List<String> distinct = QuarkusTransaction.requiringNew().call(() -> WatchRule.<WatchRule>listAll().stream()
                .map(rule -> rule.name)
                .distinct()
                .toList());
        assertThat(distinct).hasSize(5);
    }
}
