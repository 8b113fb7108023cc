package io.vigil.benchmarks;

import io.vigil.engine.extract.PageDumpSplitter;
import io.vigil.engine.rule.query.Proximity;
import io.vigil.engine.rule.query.QueryRuleTypeFactory;
import io.vigil.extractor.ArticleExtractor;
import io.vigil.extractor.ListingLinks;
import io.vigil.opml.OpmlDocument;
import io.vigil.source.rss.RssSourceFactory;
import io.vigil.spi.http.HttpReply;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.DocumentSink;
import io.vigil.spi.source.PushedContent;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.testkit.FakeSourceContext;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Feeds every parser that reads untrusted input — feeds (fetched and pushed), OPML, page dumps, HTML pages, rule
 * texts — 10 MiB documents built to make a backtracking regex or a quadratic scan blow up, and prints how long each
 * took and how it ended. The goal is under 2 s each; an input that is refused quickly is as good as one that is read.
 *
 * <p>Each input runs on its own thread and is given up after {@code limit} seconds (default 60) so one runaway case
 * cannot hide the others. Run with {@code ./vigil bench hostile}, optionally with {@code size=MiB}, {@code
 * limit=seconds}, {@code only=text} (the cases whose kind and name, spaces written as {@code _}, contain it) and {@code warmup=false}.
 */
public final class HostileInputBenchmark {

    private static final URI BASE = URI.create("https://news.example/feed.xml");

    private record Case(String kind, String name, String input, Consumer<String> parser) {}

    public static void main(String[] args) throws Exception {
        int mebibytes = 10;
        int limitSeconds = 60;
        String only = "";
        boolean warmUp = true;
        for (String arg : args) {
            if (arg.startsWith("size=")) {
                mebibytes = Integer.parseInt(arg.substring(5));
            } else if (arg.startsWith("limit=")) {
                limitSeconds = Integer.parseInt(arg.substring(6));
            } else if (arg.startsWith("only=")) {
                only = arg.substring(5);
            } else if (arg.equals("warmup=false")) {
                warmUp = false;
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException(
                        "unknown argument " + arg + "; use size=MiB limit=seconds only=text warmup=false");
            }
        }
        int size = mebibytes * 1024 * 1024;
        String selected = only;
        List<Case> cases = cases(size).stream()
                .filter(test ->
                        (test.kind() + " " + test.name()).replace(" ", "_").contains(selected))
                .toList();
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(null, runnable, "hostile-input", 0);
            thread.setDaemon(true);
            return thread;
        });
        // Warm the JIT on small versions of the same inputs, so the figures are about the algorithm.
        for (Case warm : warmUp ? cases(64 * 1024) : List.<Case>of()) {
            if ((warm.kind() + " " + warm.name()).replace(" ", "_").contains(selected)) {
                timed(threads, warm, limitSeconds);
            }
        }
        System.out.printf(
                "Hostile inputs of %d MiB, %s, %d cores, Java %s%n",
                mebibytes, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version());
        // Wall time is what a fetch thread waits; CPU time is the parser's own work, which a busy machine cannot
        // inflate.
        System.out.printf("%-10s %-44s %8s %8s  %s%n", "kind", "input", "wall s", "cpu s", "outcome");
        int slow = 0;
        for (Case test : cases) {
            long started = System.nanoTime();
            Outcome result = timed(threads, test, limitSeconds);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (result.cpuSeconds() >= 2 || result.cpuSeconds() < 0) {
                slow++;
            }
            System.out.printf(
                    "%-10s %-44s %8.3f %8.3f  %s%n",
                    test.kind(), test.name(), seconds, result.cpuSeconds(), result.text());
        }
        System.out.printf("%d of %d inputs took 2 s of CPU or more (or never finished)%n", slow, cases.size());
        System.exit(slow == 0 ? 0 : 1);
    }

    /** Runs one case on its own thread, giving up after the limit (the thread is left to finish on its own). */
    private static Outcome timed(ExecutorService threads, Case test, int limitSeconds) throws InterruptedException {
        Future<Outcome> outcome = threads.submit(() -> {
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long before = cpu.getCurrentThreadCpuTime();
            String text = runQuietly(test);
            return new Outcome(text, (cpu.getCurrentThreadCpuTime() - before) / 1e9);
        });
        try {
            return outcome.get(limitSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            return new Outcome("GAVE UP after " + limitSeconds + " s", -1);
        } catch (ExecutionException e) {
            return new Outcome("failed: " + e.getCause(), -1);
        }
    }

    private record Outcome(String text, double cpuSeconds) {}

    /** Runs one case and says how it ended; parsers may refuse an input, but only with an ordinary exception. */
    private static String runQuietly(Case test) {
        try {
            test.parser().accept(test.input());
            return "read";
        } catch (StackOverflowError e) {
            return "STACK OVERFLOW";
        } catch (OutOfMemoryError e) {
            return "OUT OF MEMORY";
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            return "refused: " + e.getClass().getSimpleName() + ": "
                    + message.substring(0, Math.min(80, message.length())).replace('\n', ' ');
        }
    }

    private static List<Case> cases(int size) {
        List<Case> cases = new ArrayList<>();
        Consumer<String> feed = HostileInputBenchmark::pushFeed;
        Consumer<String> fetched = HostileInputBenchmark::fetchFeed;
        cases.add(new Case("feed", "<!DOCTYPE[ repeated", fill("", "<!DOCTYPE[", "", size), feed));
        cases.add(new Case(
                "feed",
                "<!DOCTYPE rss [ <!ENTITY unterminated",
                fill("<!DOCTYPE rss [", "<!ENTITY a \"x", "", size),
                feed));
        cases.add(new Case("feed", "<!DOCTYPE with ] ] ] and no >", fill("<!DOCTYPE rss [", "] ", "", size), feed));
        cases.add(new Case("feed", "<!ENTITY declarations, each used", entityFeed(size), feed));
        cases.add(new Case("feed", "elements nested 10 MiB deep", fill("<rss><channel>", "<a>", "", size), feed));
        cases.add(new Case("feed", "unclosed prefixed tags <a:b", fill("<rss><channel>", "<a:b ", "", size), feed));
        cases.add(new Case(
                "feed",
                "undeclared prefixes, not well-formed",
                fill("<rss><channel><item>", "<x:y>&</x:y>", "</item></channel></rss>", size),
                feed));
        cases.add(new Case(
                "feed",
                "bare & and < in an item",
                fill("<rss><channel><item><title>", "&<", "</title></item></channel></rss>", size),
                feed));
        cases.add(new Case(
                "feed",
                "forbidden control characters",
                fill("<rss><channel><item><title>", "\u0001\u0002", "</title></item></channel></rss>", size),
                feed));
        cases.add(new Case(
                "feed",
                "one item with 10 MiB of whitespace title",
                fill("<rss><channel><item><title>", " \t\n", "x</title></item></channel></rss>", size),
                feed));
        cases.add(new Case(
                "feed",
                "many small items",
                fill(
                        "<rss><channel>",
                        "<item><title>t</title><link>https://a/</link></item>",
                        "</channel></rss>",
                        size),
                feed));
        cases.add(new Case("feed", "HTML page served as a feed", fill("<html><body>", "<p>", "", size), feed));
        cases.add(new Case("feed", "<?xml encoding= with no end", fill("<?xml ", "encoding=", "", size), feed));
        cases.add(new Case(
                "feed",
                "JSON Feed nested [[[[",
                fill("{\"version\":\"https://jsonfeed.org/version/1\"," + "\"items\":", "[", "", size),
                feed));
        cases.add(new Case(
                "feed",
                "JSON Feed unterminated string",
                fill("{\"version\":\"https://jsonfeed.org/" + "version/1\",\"title\":\"", "\\\"", "", size),
                feed));
        cases.add(new Case(
                "feed", "Link header rel=rel=rel= (fetched)", fill("<https://hub/>; ", "rel=", "", size), fetched));
        cases.add(new Case("feed", "Link header ;x;x;x (fetched)", fill("<https://hub/>", ";x", "", size), fetched));

        Consumer<String> opml = text -> {
            try {
                OpmlDocument.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
        cases.add(new Case("opml", "<!DOCTYPE[ repeated", fill("", "<!DOCTYPE[", "", size - 64), opml));
        cases.add(new Case(
                "opml", "outlines nested 10 MiB deep", fill("<opml><body>", "<outline>", "", size - 64), opml));
        cases.add(new Case(
                "opml",
                "many feeds",
                fill(
                        "<opml><body>",
                        "<outline xmlUrl=\"https://a/f\" category=\"a/b,c\"/>",
                        "</body></opml>",
                        size - 64),
                opml));
        cases.add(new Case(
                "opml",
                "one category of 10 MiB of / and ,",
                fill("<opml><body><outline xmlUrl=\"https://a/f\" category=\"", "/,", "\"/></body></opml>", size - 64),
                opml));

        PageDumpSplitter splitter = new PageDumpSplitter();
        Consumer<String> dump = splitter::split;
        cases.add(new Case("page dump", "one 10 MiB line", fill("", "word ", "", size), dump));
        cases.add(new Case(
                "page dump", "headline-like lines, one blank apart", fill("", "Short Headline\n\n", "", size), dump));
        cases.add(new Case(
                "page dump",
                "the same headline every other line",
                fill("", "Big News\nCaption (AFP)\n", "", size),
                dump));
        cases.add(new Case(
                "page dump", "two-blank gaps between headlines", fill("", "A Headline Here\n\n\n", "", size), dump));
        cases.add(new Case(
                "page dump", "caption pairs", fill("", "Photo credit (AFP)\nPhoto credit (AFP)\n", "", size), dump));
        cases.add(new Case("page dump", "blank lines only, then text", fill("", "\n", "The end of it.", size), dump));
        cases.add(new Case(
                "page dump",
                "lower-case continuation lines",
                fill("Title\n\n", "and so it goes on\n", "", size),
                dump));
        cases.add(new Case(
                "page dump", "rules and comment openers", fill("", "Title\n\n----\n3 Comments\n", "", size), dump));

        Consumer<String> html = text -> ArticleExtractor.extract(text, BASE);
        cases.add(new Case("html", "<div> nested 10 MiB deep", fill("<html><body>", "<div>", "", size), html));
        cases.add(new Case("html", "unclosed <p> paragraphs", fill("<html><body>", "<p>word ", "", size), html));
        // Under the extractor's element limit, as deep as the parser builds, every level scored and cleaned.
        String section = "<section>Some words, more words, and words again. ";
        cases.add(new Case(
                "html",
                "40,000 nested <section>s with text",
                fill("<html><body>", section, "", Math.min(size, 40_000 * section.length())),
                html));
        cases.add(new Case(
                "html", "a 10 MiB <title> of spaces", fill("<html><head><title>", " ", "x</title>", size), html));
        cases.add(new Case(
                "html", "a title of ' - ' separators", fill("<html><head><title>", " - a", "</title>", size), html));
        cases.add(new Case(
                "html",
                "JSON-LD headline unterminated",
                fill("<html><head><script type=\"application/ld+json\">{\"headline\":\"", "a\\\"", "", size),
                html));
        cases.add(new Case(
                "html",
                "JSON-LD articleBody unterminated",
                fill("<html><head><script type=\"application/ld+json\">{\"articleBody\":\"", "a\\\"", "", size),
                html));
        cases.add(new Case(
                "html",
                "JSON-LD datePublished repeated",
                fill("<html><head><script type=\"application/ld+json\">", "\"datePublished\":\"1 ", "", size),
                html));
        cases.add(new Case(
                "html", "date-like text 1 May 1 May", fill("<html><body><time>", "1 May ", "</time>", size), html));
        cases.add(new Case(
                "html", "a byline of 'By Abc' repeated", fill("<html><body><p>", "By Abc ", "</p>", size), html));
        cases.add(new Case(
                "html", "all rights reserved line", fill("<html><body><p>", "copyright a ", "</p>", size), html));
        cases.add(new Case(
                "html", "blank-line runs in one block", fill("<html><body><pre>", "\n \t", "</pre>", size), html));
        cases.add(new Case(
                "html", "unterminated <script>", fill("<html><body><script>", "<!--<script>", "", size), html));
        cases.add(new Case(
                "html",
                "links on a listing page",
                fill("<html><body>", "<a href=\"/2024/01/a-b-c-d\">" + "one two three four</a>", "", size),
                text -> ListingLinks.find(text, BASE, null)));

        QueryRuleTypeFactory rules = new QueryRuleTypeFactory();
        Consumer<String> rule = text -> {
            try {
                rules.compile(text, Proximity.DEFAULT);
            } catch (io.vigil.spi.rule.RuleSyntaxException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
        cases.add(new Case("rule", "10 MiB of ((((", fill("", "(", "", size), rule));
        cases.add(new Case("rule", "10 MiB of a OR a OR", fill("", "a OR ", "a", size), rule));
        cases.add(new Case("rule", "2,000 characters of ((((", fill("", "(", "", 2_000), rule));
        cases.add(new Case("rule", "2,000 characters of \"unterminated", fill("\"", "ab ", "", 2_000), rule));
        cases.add(new Case("rule", "2,000 characters of NEAR/9 chains", fill("a", " NEAR/9 a", "", 2_000), rule));
        cases.add(new Case("rule", "2,000 characters of NOT -x", fill("a ", "NOT -", "b", 2_000), rule));
        return cases;
    }

    /** {@code head}, then {@code unit} repeated, then {@code tail}, about {@code size} characters in all. */
    static String fill(String head, String unit, String tail, int size) {
        int times = Math.max(1, (size - head.length() - tail.length()) / unit.length());
        return head + unit.repeat(times) + tail;
    }

    private static String entityFeed(int size) {
        StringBuilder text = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [");
        for (int i = 0; i < 64; i++) {
            text.append("<!ENTITY e").append(i).append(" \"value ").append(i).append("\">");
        }
        text.append("]><rss><channel><item><title>");
        String uses = "&e1;&e2;&e63;";
        text.append(uses.repeat(Math.max(1, (size - text.length()) / uses.length())));
        return text.append("</title></item></channel></rss>").toString();
    }

    private static void pushFeed(String text) {
        try (Source source = source(null)) {
            source.receive(
                    Cursor.EMPTY,
                    new PushedContent("application/rss+xml", text.getBytes(StandardCharsets.UTF_8)),
                    new DiscardingSink());
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Fetches a small, valid feed whose answer carries the hostile text as its {@code Link} header. */
    private static void fetchFeed(String linkHeader) {
        String body = "<rss version=\"2.0\"><channel><title>t</title><item><title>a</title>"
                + "<link>https://news.example/a</link><description>b</description></item></channel></rss>";
        HttpReply reply = new HttpReply(
                200,
                Map.of("Content-Type", List.of("application/rss+xml"), "Link", List.of(linkHeader)),
                body.getBytes(StandardCharsets.UTF_8),
                BASE);
        try (Source source = source(reply)) {
            source.fetch(Cursor.EMPTY, new DiscardingSink());
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Source source(HttpReply reply) throws Exception {
        FakeSourceContext context = FakeSourceContext.in(Path.of(".")).withHttp(call -> reply);
        RssSourceFactory factory = new RssSourceFactory();
        return factory.create(factory.configSpec().validate(Map.of("url", BASE.toString())), context);
    }

    private static final class DiscardingSink implements DocumentSink {
        @Override
        public void accept(RawDocument document) {}

        @Override
        public void skip(String item, String reason) {}
    }
}
