package io.vigil.web.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.web.database.DatabaseChoice.Kind;
import io.vigil.web.database.DatabaseChoice.Mode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseChoiceTest {

    @Test
    void aConfiguredUrlAlwaysWinsWithoutLookingForAServer() {
        AtomicInteger probes = new AtomicInteger();
        DatabaseChoice choice = DatabaseChoice.decide(true, Mode.AUTO, true, "localhost:5432", () -> {
            probes.incrementAndGet();
            return false;
        });
        assertThat(choice.kind()).isEqualTo(Kind.CONFIGURED);
        assertThat(probes).hasValue(0);
    }

    @Test
    void aFirstRunUsesTheServerThatAnswersElseTheEmbeddedOne() {
        assertThat(DatabaseChoice.decide(false, Mode.AUTO, false, "localhost:5432", () -> true)
                        .kind())
                .isEqualTo(Kind.DEFAULT_SERVER);
        DatabaseChoice embedded = DatabaseChoice.decide(false, Mode.AUTO, false, "localhost:5432", () -> false);
        assertThat(embedded.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(embedded.reason())
                .isEqualTo("no PostgreSQL answers at localhost:5432 and QUARKUS_DATASOURCE_JDBC_URL is not set");
    }

    @Test
    void anInstanceOnItsEmbeddedDatabaseStaysThereWhenAServerAppearsLater() {
        assertThat(DatabaseChoice.decide(false, Mode.AUTO, true, "localhost:5432", () -> true)
                        .kind())
                .isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void neverWaitsForTheServerAsBefore() {
        assertThat(DatabaseChoice.decide(false, Mode.NEVER, true, "localhost:5432", () -> false)
                        .kind())
                .isEqualTo(Kind.DEFAULT_SERVER);
    }

    @Test
    void theModeIsAutoOrNeverAndNamesTheKeyWhenItIsNeither() {
        assertThat(Mode.parse(null)).isEqualTo(Mode.AUTO);
        assertThat(Mode.parse(" Never ")).isEqualTo(Mode.NEVER);
        assertThatThrownBy(() -> Mode.parse("sometimes"))
                .hasMessage("vigil.database.embedded must be auto or never, not 'sometimes'");
    }

    @Test
    void theDefaultAddressIsPgHostAndPgPortWithASocketFolderMeaningThisMachine() {
        assertThat(DefaultAddress.of(null, null).jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(DefaultAddress.of("db.internal", "6543")).hasToString("db.internal:6543");
        assertThat(DefaultAddress.of("/var/run/postgresql", "5433")).hasToString("localhost:5433");
        assertThatThrownBy(() -> DefaultAddress.of("db", "fifty"))
                .hasMessage("PGPORT must be a port number, not 'fifty'");
    }
}
