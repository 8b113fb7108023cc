package io.vigil.web.bench;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.vigil.web.rule.BenchmarkRules;
import io.vigil.web.testing.ArchiveFiller;
import io.vigil.web.testing.CorpusArticle;
import io.vigil.web.testing.VigilProcess;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Ingest at scale against the packaged Vigil, beside PostgreSQL's own rates for the same rows, in one run:
 *
 * <ol>
 *   <li>single JSON pushes from 8 clients with 1,000 live rules, against pgbench's durable single-row inserts of the
 *       same rows into a table with a full-text GIN index, from 8 connections;
 *   <li>NDJSON batch pushes (500 lines a request, 2 clients), against {@code COPY} of the same rows into such a table;
 *   <li>three instances on the one database against one (single pushes from 8 clients spread over them);
 *   <li>how long a rule made on one instance takes to match on another.
 * </ol>
 *
 * Prints figures; asserts nothing about time. Not part of the test run: {@code ./vigil bench scale} (docs/benchmarks.md).
 * {@code -Dvigil.bench.articles} (default 2,000 per phase), {@code -Dvigil.bench.rules} (default 1,000), {@code
 * -Dvigil.bench.archive} (articles in the archive before the phases, default none: {@link ArchiveFiller} loads them
 * from corpus articles the phases do not push) and {@code -Dvigil.bench.phases} (default {@code single,ndjson,three}:
 * the phases to run, so that one cell of a growth matrix is short) and {@code -Dvigil.bench.warm-up} (default 6,000:
 * BBC-like articles pushed after the 1,000 Reuters items before the phases, for the JIT; see {@link #mixes}). Besides the rates it prints the CPU time per article
 * of the Vigil process and of the PostgreSQL backends serving its database, and one Markdown row per run.
 */
@Tag("benchmark")
class ScaleBenchmark {

    private static final Map<String, String> ENVIRONMENT =
            Map.of("VIGIL_NET_ALLOW_PRIVATE", "true", "VIGIL_SESSION_KEY", "scale-benchmark-session-key-not-secret");
    private static final int CLIENTS = 8;
    /**
     * Single pushes the first instance gets before it is measured: after 200 a fresh instance still spends half as much
     * CPU again per push as a warm one (its JIT compiling), and what a deployment sees is the warm rate.
     */
    private static final int WARM_UP = 1_000;

    private static final int BATCH_LINES = 500;

    /**
     * HTTP/1.1 with keep-alive, a persistent connection per client thread as pgbench has one per connection, and the
     * protocol of the scripts and feeds that push (curl, requests). The JDK's default client upgrades plain HTTP to
     * HTTP/2 (h2c), which no push client in docs/api.md speaks and which reads each push's body as a stream.
     */
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void ingestAtScaleBesidePostgresql() throws Exception {
        int perPhase = Integer.getInteger("vigil.bench.articles", 2_000);
        int ruleCount = Integer.getInteger("vigil.bench.rules", 1_000);
        int archive = Integer.getInteger("vigil.bench.archive", 0);
        Set<String> phases = phases(System.getProperty("vigil.bench.phases", String.join(",", PHASES)));
        List<CorpusArticle> corpus = new ArrayList<>(CorpusArticle.read("bbc_news_zitros.jsonl"));
        corpus.addAll(CorpusArticle.read("reuters21578.jsonl"));
        int pushed = 5 * perPhase + 3 * WARM_UP;
        Assumptions.assumeTrue(corpus.size() >= pushed, "the corpora hold too few articles");
        List<CorpusArticle> singles = corpus.subList(0, perPhase);
        List<CorpusArticle> batched = corpus.subList(perPhase, 2 * perPhase);
        List<CorpusArticle> spread = corpus.subList(2 * perPhase, 3 * perPhase);
        System.out.printf(
                "%nScale benchmark, %s, %d cores, load average %s, %d articles a phase, %d rules, archive %d,"
                        + " phases %s%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                perPhase,
                ruleCount,
                archive,
                phases);

        try (VigilProcess a = VigilProcess.withFreshDatabase("bench_scale", ENVIRONMENT);
                VigilProcess b = VigilProcess.alongside(a, "b", ENVIRONMENT);
                VigilProcess c = VigilProcess.alongside(a, "c", ENVIRONMENT)) {
            a.start();
            if (archive > 0) {
                fillArchive(a, archive, corpus.subList(pushed, corpus.size()));
            }
            storeRules(a, ruleCount);
            String token = given().baseUri(a.baseUrl())
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "scale benchmark"))
                    .post("/api/tokens")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("token");
            pushSingles(List.of(a), token, warmUp(corpus, perPhase));
            // Then articles like the phases' (BBC text), until the JIT has compiled what the phases run: Reuters' short
            // wire items alone left a first phase of BBC articles paying 3-4 ms a push for compiling
            // (docs/benchmarks.md).
            List<CorpusArticle> bbc = corpus.subList(0, Math.min(corpus.size(), BBC_ARTICLES));
            int likePhases = Integer.getInteger("vigil.bench.warm-up", 6_000);
            pushSingles(List.of(a), token, mixes(bbc, likePhases, 0));
            Cell cell = new Cell(archive, ruleCount);
            long matchesBefore = matches(a);

            if (phases.contains("single")) {
                Duration compilerAtStart = CompilerCpu.of(a);
                Duration cpuAtStart = a.cpuTime();
                BackendCpu databaseAtStart = BackendCpu.of(a);
                WalVolume walAtStart = WalVolume.of(a);
                double single = pushSingles(List.of(a), token, singles);
                Duration cpuSingle = a.cpuTime().minus(cpuAtStart);
                Duration compilerSingle = CompilerCpu.of(a).minus(compilerAtStart);
                Duration databaseSingle = databaseAtStart.since(a);
                WalVolume walSingle = WalVolume.of(a).minus(walAtStart);
                double pgbench = pgbench(a, singles);
                System.out.printf(
                        "single pushes, 8 clients, 1 instance: %.0f articles/s; pgbench durable inserts, 8 connections:"
                                + " %.0f rows/s (%.0f %%)%n",
                        single, pgbench, 100 * single / pgbench);
                System.out.printf(
                        "of Vigil's CPU per single push, the JIT compiler's threads: %.2f ms%n",
                        perArticle(compilerSingle, singles));
                System.out.printf(
                        "WAL per article (the whole server's): %.1f kB, %.1f full-page images%n",
                        walSingle.bytes() / 1024.0 / singles.size(),
                        walSingle.fullPageImages() / (double) singles.size());
                cell = cell.withSingle(
                        single, pgbench, perArticle(cpuSingle, singles), perArticle(databaseSingle, singles));
            }
            long matchesBetween = matches(a);
            long singleMatches = matchesBetween - matchesBefore;

            if (phases.contains("ndjson")) {
                // the batch path's own warm-up: as many lines again as the phase, other mixes
                pushBatches(a, token, mixes(bbc, Math.max(2 * BATCH_LINES, batched.size()), likePhases));
                matchesBetween = matches(a);
                Duration compilerBeforeBatches = CompilerCpu.of(a);
                Duration cpuBeforeBatches = a.cpuTime();
                BackendCpu databaseBeforeBatches = BackendCpu.of(a);
                WalVolume walBeforeBatches = WalVolume.of(a);
                double ndjson = pushBatches(a, token, batched);
                Duration cpuBatches = a.cpuTime().minus(cpuBeforeBatches);
                Duration compilerBatches = CompilerCpu.of(a).minus(compilerBeforeBatches);
                Duration databaseBatches = databaseBeforeBatches.since(a);
                WalVolume walBatches = WalVolume.of(a).minus(walBeforeBatches);
                double copy = copy(a, batched);
                System.out.printf(
                        "NDJSON batches of %d, 2 clients: %.0f articles/s; COPY into a full-text-indexed table:"
                                + " %.0f rows/s (%.0f %%)%n",
                        BATCH_LINES, ndjson, copy, 100 * ndjson / copy);
                System.out.printf(
                        "of Vigil's CPU per NDJSON article, the JIT compiler's threads: %.2f ms%n",
                        perArticle(compilerBatches, batched));
                System.out.printf(
                        "WAL per article (the whole server's): %.1f kB, %.1f full-page images%n",
                        walBatches.bytes() / 1024.0 / batched.size(),
                        walBatches.fullPageImages() / (double) batched.size());
                cell = cell.withNdjson(
                        ndjson, copy, perArticle(cpuBatches, batched), perArticle(databaseBatches, batched));
            }
            System.out.printf(
                    "CPU per article: single pushes Vigil %.1f ms + PostgreSQL %.1f ms, NDJSON Vigil %.1f ms"
                            + " + PostgreSQL %.1f ms%n",
                    cell.singleVigilMillis(),
                    cell.singleDatabaseMillis(),
                    cell.ndjsonVigilMillis(),
                    cell.ndjsonDatabaseMillis());
            // What storing a hit writes (a match, its alert) is part of the PostgreSQL figures: say how many there
            // were.
            System.out.printf(
                    "rule matches per pushed article: single %.2f, NDJSON %.2f%n",
                    singleMatches / (double) singles.size(), (matches(a) - matchesBetween) / (double) batched.size());
            System.out.println(Cell.HEADER);
            System.out.println(cell.row());

            if (phases.contains("three")) {
                threeInstances(a, b, c, token, ruleCount, perPhase, corpus, spread);
            }
        }
        System.out.println();
    }

    /** The phases {@code -Dvigil.bench.phases} may name, in the order they run. */
    private static final List<String> PHASES = List.of("single", "ndjson", "three");

    private static Set<String> phases(String named) {
        Set<String> phases = new LinkedHashSet<>();
        for (String phase : named.split(",")) {
            String name = phase.strip().toLowerCase(Locale.ROOT);
            if (!PHASES.contains(name)) {
                throw new IllegalArgumentException(
                        "-Dvigil.bench.phases names " + phase + "; the phases are " + PHASES);
            }
            phases.add(name);
        }
        return phases;
    }

    /**
     * Fills the archive to {@code size} articles from corpus articles that the phases do not push, so the pushes
     * meet an archive of that size rather than copies of themselves (which would all join old stories).
     */
    private static void fillArchive(VigilProcess vigil, int size, List<CorpusArticle> unpushed) throws Exception {
        List<CorpusArticle> corpus = new ArrayList<>(unpushed);
        corpus.addAll(CorpusArticle.read("wikipedia_current_events_2025_2026.jsonl"));
        long start = System.nanoTime();
        try (Connection database = vigil.database()) {
            ArchiveFiller.fill(database, corpus, size);
            System.out.printf(
                    "archive filled to %d articles (%d distinct corpus articles) in %.0f s%n",
                    count(database, "select count(*) from article"), corpus.size(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static long matches(VigilProcess vigil) throws Exception {
        try (Connection database = vigil.database()) {
            return count(database, "select count(*) from article_match");
        }
    }

    private static double perArticle(Duration cpu, List<CorpusArticle> articles) {
        return cpu.toNanos() / 1e6 / articles.size();
    }

    /** One cell of the growth matrix: the archive's size and the rule count, and what single and NDJSON pushes did. */
    record Cell(
            int archive,
            int rules,
            double single,
            double pgbench,
            double singleVigilMillis,
            double singleDatabaseMillis,
            double ndjson,
            double copy,
            double ndjsonVigilMillis,
            double ndjsonDatabaseMillis) {

        static final String HEADER = "| archive | rules | single/s | pgbench/s | ratio | Vigil ms | PostgreSQL ms"
                + " | NDJSON/s | COPY/s | ratio | Vigil ms | PostgreSQL ms |";

        Cell(int archive, int rules) {
            this(
                    archive,
                    rules,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN);
        }

        Cell withSingle(double rate, double reference, double vigilMillis, double databaseMillis) {
            return new Cell(
                    archive,
                    rules,
                    rate,
                    reference,
                    vigilMillis,
                    databaseMillis,
                    ndjson,
                    copy,
                    ndjsonVigilMillis,
                    ndjsonDatabaseMillis);
        }

        Cell withNdjson(double rate, double reference, double vigilMillis, double databaseMillis) {
            return new Cell(
                    archive,
                    rules,
                    single,
                    pgbench,
                    singleVigilMillis,
                    singleDatabaseMillis,
                    rate,
                    reference,
                    vigilMillis,
                    databaseMillis);
        }

        /** A Markdown row for docs/benchmarks.md; a phase not run shows as NaN. */
        String row() {
            return String.format(
                    "| %,d | %,d | %,.0f | %,.0f | %.0f %% | %.1f | %.1f | %,.0f | %,.0f | %.0f %% | %.1f | %.1f |",
                    archive,
                    rules,
                    single,
                    pgbench,
                    100 * single / pgbench,
                    singleVigilMillis,
                    singleDatabaseMillis,
                    ndjson,
                    copy,
                    100 * ndjson / copy,
                    ndjsonVigilMillis,
                    ndjsonDatabaseMillis);
        }
    }

    /**
     * The CPU time so far of the PostgreSQL backends serving Vigil's database (its connection pool), read from
     * {@code /proc}: what storing costs the database, which Vigil's own CPU time leaves out. The shared processes
     * (WAL writer, checkpointer) are not in it, nor a backend that ends between two readings.
     */
    record BackendCpu(Map<Integer, Long> ticksByPid) {

        static BackendCpu of(VigilProcess vigil) throws Exception {
            Map<Integer, Long> ticks = new HashMap<>();
            try (Connection database = vigil.database();
                    Statement query = database.createStatement();
                    ResultSet backends = query.executeQuery("select pid from pg_stat_activity"
                            + " where datname = current_database() and pid <> pg_backend_pid()")) {
                while (backends.next()) {
                    int pid = backends.getInt(1);
                    try {
                        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
                        // The fields after the command, which may hold spaces: the state (field 3 of proc(5)) first,
                        // so utime (14) and stime (15) are the 12th and 13th.
                        String[] fields =
                                stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    } catch (java.io.IOException gone) {
                        // the backend ended meanwhile
                    }
                }
            }
            return new BackendCpu(Map.copyOf(ticks));
        }

        /** The CPU time the database's backends used since this reading. */
        Duration since(VigilProcess vigil) throws Exception {
            long ticks = 0;
            for (Map.Entry<Integer, Long> now : of(vigil).ticksByPid().entrySet()) {
                ticks += now.getValue() - ticksByPid.getOrDefault(now.getKey(), 0L);
            }
            return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        }

        /** USER_HZ, 100 on Linux everywhere. */
        static final long CLOCK_TICKS_PER_SECOND = 100;
    }

    /**
     * What PostgreSQL has written to its WAL so far ({@code pg_stat_wal}): the whole server's, other databases included,
     * so a figure for a phase is only as clean as the machine is quiet. Full-page images are what a page's first change
     * after a checkpoint costs: a bigger index spreads an article's changes over more pages.
     */
    record WalVolume(long bytes, long fullPageImages) {

        static WalVolume of(VigilProcess vigil) throws Exception {
            try (Connection database = vigil.database();
                    Statement query = database.createStatement();
                    ResultSet wal = query.executeQuery("select wal_bytes, wal_fpi from pg_stat_wal")) {
                wal.next();
                return new WalVolume(wal.getLong(1), wal.getLong(2));
            }
        }

        WalVolume minus(WalVolume earlier) {
            return new WalVolume(bytes - earlier.bytes, fullPageImages - earlier.fullPageImages);
        }
    }

    /** Three instances on one database against one, then how fast a rule change reaches the others. */
    private void threeInstances(
            VigilProcess a,
            VigilProcess b,
            VigilProcess c,
            String token,
            int ruleCount,
            int perPhase,
            List<CorpusArticle> corpus,
            List<CorpusArticle> spread)
            throws Exception {
        b.launch();
        c.launch();
        b.awaitReady(Duration.ofSeconds(120));
        c.awaitReady(Duration.ofSeconds(120));
        awaitRules(b, ruleCount);
        awaitRules(c, ruleCount);
        // The new instances get as many single pushes as the first one had before it was measured next to them,
        // so the comparison is not about their JIT; and one instance is measured again on the archive as it is now,
        // next to the three.
        pushSingles(List.of(b, c), token, newInstancesWarmUp(corpus, perPhase));
        List<CorpusArticle> toOne = spread.subList(0, spread.size() / 2);
        List<CorpusArticle> toThree = spread.subList(spread.size() / 2, spread.size());
        List<VigilProcess> all = List.of(a, b, c);
        Duration cpuBefore = cpuTime(all);
        double oneNow = pushSingles(List.of(a), token, toOne);
        Duration cpuOne = cpuTime(all).minus(cpuBefore);
        List<Duration> eachBefore = all.stream().map(VigilProcess::cpuTime).toList();
        double three = pushSingles(all, token, toThree);
        List<Duration> eachAfter = all.stream().map(VigilProcess::cpuTime).toList();
        Duration cpuThree = cpuTime(all).minus(cpuBefore).minus(cpuOne);
        System.out.printf(
                "single pushes, 8 clients, 3 instances: %.0f articles/s; 1 instance just before: %.0f articles/s"
                        + " (%.0f %%)%n",
                three, oneNow, 100 * three / oneNow);
        System.out.printf(
                "CPU of the Vigil processes per article: 1 instance %.1f ms, 3 instances %.1f ms%n",
                cpuOne.toNanos() / 1e6 / toOne.size(), cpuThree.toNanos() / 1e6 / toThree.size());
        for (int i = 0; i < all.size(); i++) {
            System.out.printf(
                    "  instance %d of 3: %.1f ms of CPU per article it took%n",
                    i + 1, eachAfter.get(i).minus(eachBefore.get(i)).toNanos() / 1e6 / (toThree.size() / 3.0));
        }
        try (Connection database = a.database()) {
            System.out.printf(
                    "double work: %d articles stored twice for one outlet, %d stories with a wrong count%n",
                    count(
                            database,
                            "select count(*) from (select 1 from article group by source_name,"
                                    + " content_hash having count(*) > 1) d"),
                    count(
                            database,
                            "select count(*) from story s where article_count <>"
                                    + " (select count(*) from article x where x.story_id = s.id)"));
        }
        ruleChanges(a, List.of(b, c), token);
    }

    private static Duration cpuTime(List<VigilProcess> instances) {
        return instances.stream().map(VigilProcess::cpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    /** The first instance's warm-up: {@link #WARM_UP} articles after the three phases' articles. */
    private static List<CorpusArticle> warmUp(List<CorpusArticle> corpus, int perPhase) {
        return corpus.subList(3 * perPhase, 3 * perPhase + WARM_UP);
    }

    /** How many articles the BBC corpus, which the corpus list starts with and the phases push first, holds. */
    private static final int BBC_ARTICLES = 2_095;

    /**
     * {@code count} articles like the phases' for the warm-up: each a numbered headline and four paragraphs of four
     * different BBC articles ({@code salt} shifts the choice, so two warm-ups differ). A quarter of one article's text at
     * most, none is a near copy of an article a phase pushes, so those still open stories of their own.
     */
    static List<CorpusArticle> mixes(List<CorpusArticle> bbc, int count, int salt) {
        List<String[]> paragraphs =
                bbc.stream().map(article -> article.body().split("\\n\\s*\\n")).toList();
        List<CorpusArticle> mixes = new ArrayList<>(count);
        for (int k = salt; k < salt + count; k++) {
            StringBuilder body = new StringBuilder();
            for (int j = 0; j < 4; j++) {
                String[] from = paragraphs.get(Math.floorMod(k * 4 + j * 523, paragraphs.size()));
                if (!body.isEmpty()) {
                    body.append("\n\n");
                }
                body.append(from[Math.floorMod(k / paragraphs.size() + j, from.length)].strip());
            }
            String title = bbc.get(Math.floorMod(k, bbc.size())).title();
            mixes.add(new CorpusArticle("Warm-up " + (k + 1) + ": " + title, body.toString()));
        }
        return mixes;
    }

    /**
     * The CPU time of the Vigil process's JIT compiler threads ({@code C1/C2 CompilerThread*}, from {@code
     * /proc/<pid>/task}): how much of a phase's CPU was still compiling rather than pushing.
     */
    static final class CompilerCpu {

        private CompilerCpu() {}

        static Duration of(VigilProcess vigil) throws Exception {
            long ticks = 0;
            try (var threads = Files.list(Path.of("/proc", Long.toString(vigil.pid()), "task"))) {
                for (Path thread : threads.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(thread.resolve("stat"));
                    } catch (java.io.IOException gone) {
                        continue;
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String[] fields =
                                stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                }
            }
            return Duration.ofMillis(ticks * 1000 / BackendCpu.CLOCK_TICKS_PER_SECOND);
        }
    }

    /** The two new instances' warm-up: what the first had before it was measured again, for each of them. */
    private static List<CorpusArticle> newInstancesWarmUp(List<CorpusArticle> corpus, int perPhase) {
        int from = 3 * perPhase + WARM_UP;
        return corpus.subList(from, from + 2 * (WARM_UP + perPhase));
    }

    /** Articles per second for single JSON pushes from {@link #CLIENTS} clients, round robin over the instances. */
    private double pushSingles(List<VigilProcess> instances, String token, List<CorpusArticle> articles)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                running.add(clients.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < articles.size(); ) {
                        VigilProcess target = instances.get(i % instances.size());
                        HttpResponse<String> answer = send(target, token, "application/json", line(articles.get(i)));
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return articles.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Articles per second for NDJSON batches from two clients. */
    private double pushBatches(VigilProcess vigil, String token, List<CorpusArticle> articles) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < articles.size(); from += BATCH_LINES) {
            StringBuilder body = new StringBuilder();
            for (CorpusArticle article : articles.subList(from, Math.min(articles.size(), from + BATCH_LINES))) {
                body.append(line(article)).append('\n');
            }
            bodies.add(body.toString());
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < 2; client++) {
                running.add(clients.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                        HttpResponse<String> answer = send(vigil, token, "application/x-ndjson", bodies.get(i));
                        if (answer.statusCode() != 200
                                || json.readTree(answer.body()).path("failed").asInt() != 0) {
                            throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return articles.size() / ((System.nanoTime() - start) / 1e9);
    }

    private String line(CorpusArticle article) throws Exception {
        return json.writeValueAsString(
                Map.of("title", article.title(), "body", article.body(), "source", "Bench Wire"));
    }

    private HttpResponse<String> send(VigilProcess target, String token, String type, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/ingest"))
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The same rows, loaded once, for PostgreSQL's own rates: a table like the archive's text and its GIN index, the
     * search vector made by the archive's own expression.
     */
    private static void fullTextTable(Connection database, String name) throws Exception {
        try (Statement ddl = database.createStatement()) {
            String vector;
            try (ResultSet column = ddl.executeQuery("select generation_expression from information_schema.columns"
                    + " where table_schema = current_schema() and table_name = 'article'"
                    + " and column_name = 'search_vector'")) {
                if (!column.next()) {
                    throw new IllegalStateException("the archive has no search_vector column");
                }
                vector = column.getString(1);
            }
            ddl.execute("drop table if exists " + name);
            ddl.execute("create table " + name + " (id bigserial primary key, title text not null, body text not null,"
                    + " search_vector tsvector generated always as (" + vector + ") stored)");
            ddl.execute("create index on " + name + " using gin (search_vector)");
        }
    }

    /** Rows per second of pgbench inserting the articles one a transaction, durably, from 8 connections. */
    private double pgbench(VigilProcess vigil, List<CorpusArticle> articles) throws Exception {
        try (Connection database = vigil.database()) {
            fullTextTable(database, "bench_fts");
            try (Statement ddl = database.createStatement()) {
                ddl.execute("drop table if exists bench_rows");
                ddl.execute("create table bench_rows (id integer primary key, title text, body text)");
            }
            try (PreparedStatement insert =
                    database.prepareStatement("insert into bench_rows (id, title, body) values (?, ?, ?)")) {
                for (int i = 0; i < articles.size(); i++) {
                    insert.setInt(1, i + 1);
                    insert.setString(2, articles.get(i).title());
                    insert.setString(3, articles.get(i).body());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        Path script = Files.createTempFile("vigil-pgbench", ".sql");
        Files.writeString(
                script,
                "\\set id random(1, " + articles.size() + ")\n"
                        + "insert into bench_fts (title, body) select title, body from bench_rows where id = :id;\n");
        String database = URI.create(vigil.databaseUrl().substring("jdbc:".length()))
                .getPath()
                .substring(1);
        Process pgbench = new ProcessBuilder(
                        "pgbench",
                        "-h",
                        "127.0.0.1",
                        "-U",
                        "postgres",
                        "-n",
                        "-c",
                        "8",
                        "-j",
                        "2",
                        "-T",
                        "20",
                        "-f",
                        script.toString(),
                        database)
                .redirectErrorStream(true)
                .start();
        String output = new String(pgbench.getInputStream().readAllBytes());
        pgbench.waitFor();
        Files.delete(script);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench said: " + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    /** Rows per second of COPY of the articles into a fresh full-text-indexed table. */
    private double copy(VigilProcess vigil, List<CorpusArticle> articles) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (CorpusArticle article : articles) {
            csv.append(quote(article.title()))
                    .append(',')
                    .append(quote(article.body()))
                    .append('\n');
        }
        try (Connection database = vigil.database()) {
            fullTextTable(database, "bench_copy");
            long start = System.nanoTime();
            database.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy bench_copy (title, body) from stdin with (format csv)",
                            new StringReader(csv.toString()));
            return articles.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void storeRules(VigilProcess vigil, int count) throws Exception {
        try (Connection database = vigil.database();
                PreparedStatement insert = database.prepareStatement("insert into rule (name, query) values (?, ?)")) {
            for (String rule : BenchmarkRules.generate(count)) {
                insert.setString(1, "bench: " + rule);
                insert.setString(2, rule);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        awaitRules(vigil, count);
    }

    /** Waits until the instance's live matcher holds the rules. */
    private static void awaitRules(VigilProcess vigil, int count) throws Exception {
        Pattern active = Pattern.compile("(?m)^vigil_rules_active(?:\\{[^}]*\\})? ([0-9.]+)");
        for (int i = 0; i < 600; i++) {
            String metrics = given().baseUri(vigil.baseUrl()).get("/q/metrics").asString();
            Matcher found = active.matcher(metrics);
            if (found.find() && Double.parseDouble(found.group(1)) >= count) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the rules never became live on " + vigil.baseUrl());
    }

    /** How long after a rule is saved on one instance it matches pushes on the others. */
    private void ruleChanges(VigilProcess on, List<VigilProcess> others, String token) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String word = "zorvquay" + round + System.nanoTime() % 100_000;
            long saved = System.nanoTime();
            given().baseUri(on.baseUrl())
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "propagation " + round, "query", word))
                    .post("/api/rules")
                    .then()
                    .statusCode(201);
            for (VigilProcess other : others) {
                for (int attempt = 0; ; attempt++) {
                    String body = json.writeValueAsString(Map.of(
                            "title", "The " + word + " " + attempt,
                            "body", "The " + word + " opened, attempt " + attempt + " on " + other.baseUrl() + ".",
                            "source", "Propagation Desk"));
                    HttpResponse<String> answer = send(other, token, "application/json", body);
                    long id = json.readTree(answer.body())
                            .path("articles")
                            .path(0)
                            .path("id")
                            .asLong();
                    try (Connection database = on.database()) {
                        if (count(
                                        database,
                                        "select count(*) from article_match m join rule r on r.id = m.rule_id"
                                                + " where r.query = '" + word + "' and m.article_id = " + id)
                                > 0) {
                            millis.add(
                                    Duration.ofNanos(System.nanoTime() - saved).toMillis());
                            break;
                        }
                    }
                }
            }
        }
        System.out.printf("rule made on one instance, matching on the others after (ms): %s%n", millis);
    }

    private static long count(Connection database, String sql) throws Exception {
        try (Statement statement = database.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
