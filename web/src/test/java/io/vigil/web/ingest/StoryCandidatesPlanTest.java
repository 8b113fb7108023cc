package io.vigil.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.web.testing.Archive;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Story placement's lookup ({@code story_candidates}, run for every ingested article) keeps a plan that costs what the
 * lookup costs, whatever PostgreSQL estimates: it misjudges an overlap of hash bands as a fifth of the archive, and at
 * 1,000,000 articles that made it start parallel workers for every lookup, a hundred times the lookup's own cost
 * (migration V135, docs/benchmarks.md "Ingest growth").
 */
@QuarkusTest
class StoryCandidatesPlanTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void theLookupPinsItsIndexesAndNeverPlansParallelWorkersOrJit() throws Exception {
        assertThat(functionSettings())
                .contains("enable_seqscan=off", "enable_indexscan=off", "max_parallel_workers_per_gather=0", "jit=off");
    }

    @Test
    void underTheFunctionsSettingsTheBandLookupGetsNeitherGatherNorJitEvenWhenTheServerMakesThemCheap()
            throws Exception {
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // A server tuned to parallelise and compile everything: only the function's own settings stand between
            // the lookup and both.
            statement.execute("set local parallel_setup_cost = 0");
            statement.execute("set local parallel_tuple_cost = 0");
            statement.execute("set local min_parallel_table_scan_size = 0");
            statement.execute("set local min_parallel_index_scan_size = 0");
            statement.execute("set local jit_above_cost = 0");
            for (String setting : functionSettings()) {
                String[] nameAndValue = setting.split("=", 2);
                statement.execute("set local " + nameAndValue[0] + " = '" + nameAndValue[1] + "'");
            }
            // The band lookup of story_candidates (kind 3), with bands an article of the archive has.
            try (ResultSet rows = statement.executeQuery(
                    """
                    explain select k.id, k.story_id, k.minhash from article_key k
                     where k.sketch_bands && array[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]::bigint[]
                     order by k.id desc limit 200
                    """)) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
            connection.rollback();
        }

        assertThat(String.join("\n", plan))
                .contains("article_key_bands_idx")
                .doesNotContain("Gather")
                .doesNotContain("JIT");
    }

    private List<String> functionSettings() throws Exception {
        List<String> settings = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery(
                        "select unnest(proconfig) from pg_proc where proname = 'story_candidates'")) {
            while (rows.next()) {
                settings.add(rows.getString(1));
            }
        }
        return settings;
    }
}
