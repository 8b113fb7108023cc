package io.vigil.web.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.engine.digest.Sha256;
import io.vigil.engine.ingest.ArticleBus;
import io.vigil.engine.ingest.DocumentOutcome;
import io.vigil.engine.ingest.Durability;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.IngestSettings;
import io.vigil.engine.ingest.IngestedArticle;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.engine.ingest.UnusableDocumentException;
import io.vigil.engine.input.TextLimits;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.RawDocument;
import io.vigil.web.http.JsonRefusals;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import io.vigil.web.security.SignedIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/ingest}: pushes content into the archive — a page dump as {@code text/plain}, split like a seed
 * file, one article as JSON {@code {title, body, url?, publishedAt?, source?}}, or many such articles as
 * {@code application/x-ndjson}, one a line. Concurrent single pushes to one source share a commit ({@link
 * PushGroupCommit}); each is still answered only once it is stored.
 *
 * <p>A request that carries a source's push token ({@code Authorization: Bearer vps_…} or
 * {@code X-Vigil-Source-Token}) is stored into that source, whatever its {@code source} field or parameter says: the
 * token's caller has only the {@link SignedIn#SOURCE_PUSH} role and names its source. A push token that does not
 * resolve never gets here (401, {@code HeaderAuthenticationMechanism}); without one, pushing needs an analyst.
 */
@Path("/api/ingest")
public class IngestResource {

    /** A batch push: one JSON article a line. */
    static final String NDJSON = "application/x-ndjson";

    /** The outlet name of pushed articles that do not say where they come from. */
    static final String DEFAULT_SOURCE = "api";

    @Inject
    IngestPipeline pipeline;

    @Inject
    IngestSettings settings;

    @Inject
    PushRate pushRate;

    @Inject
    ObjectMapper json;

    @Inject
    SecurityIdentity identity;

    @Inject
    ArticleBus bus;

    @Inject
    PushGroupCommit groupCommit;

    static final String ACCEPTED = "accepted";

    /** The answer to a push under {@code vigil.bus=kafka}: the broker has it; a matching instance stores it. */
    public record AcceptedResponse(String outcome, int documents) {}

    /** The answer to a batch push under {@code vigil.bus=kafka}: one outcome per non-blank line, and the totals. */
    public record AcceptedBatchResponse(List<LineOutcome> lines, int accepted, int refused) {}

    /** The answer: each article the push produced. */
    public record IngestResponse(List<IngestedArticle> articles) {}

    /** An analyst's push, or a source's push token's (which may do nothing else). */
    @POST
    @RolesAllowed({"analyst", SignedIn.SOURCE_PUSH})
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Object ingest(
            @HeaderParam("Content-Type") String contentType, @QueryParam("source") String sourceParam, byte[] body) {
        String mediaType = contentType == null
                ? ""
                : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        // One method for every media type, so the route is one route to the authorization check.
        if (NDJSON.equals(mediaType)) {
            return ingestBatch(sourceParam, body);
        }
        SourceRef pushTarget = pushTarget();
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty");
        }
        if (body.length > settings.maxDocumentBytes()) {
            throw new ProblemException(Problem.of(
                    413,
                    "Content Too Large",
                    "the body has " + body.length + " bytes; the limit is " + settings.maxDocumentBytes()));
        }
        if (pushTarget != null) {
            pushRate.take(pushTarget.id(), 1);
        }
        String text = decodeUtf8(body);
        RawDocument document;
        String sourceName;
        switch (mediaType) {
            case "text/plain" -> {
                if (text.isBlank()) {
                    throw ProblemException.badRequest("the page dump is blank");
                }
                document = new RawDocument(
                        "push:" + Sha256.hex(body), null, null, text, ContentFormat.PAGE_DUMP, null, null, Map.of());
                sourceName = sourceParam;
            }
            case "application/json" -> {
                PushedArticle article = PushedArticle.parse(json, text);
                document = article.toDocument("push:" + Sha256.hex(body));
                sourceName = article.source() != null ? article.source() : sourceParam;
            }
            default ->
                throw new ProblemException(Problem.of(
                        415,
                        "Unsupported Media Type",
                        "send a page dump as text/plain, an article as application/json or many articles as " + NDJSON
                                + ", not '" + mediaType + "'"));
        }
        if (bus.active()) {
            SourceRef source = pushTarget != null ? pushTarget : sourceRef(sourceName);
            try {
                pipeline.extract(document); // refuse what no instance could store, before the broker keeps it
            } catch (UnusableDocumentException e) {
                throw unprocessable(e.getMessage());
            }
            bus.publishAll(List.of(document), source);
            return Response.status(202)
                    .entity(new AcceptedResponse(ACCEPTED, 1))
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        }
        PushGroupCommit.PushSource destination = pushTarget != null
                ? new PushGroupCommit.PushSource(pushTarget, pushTarget.name())
                : new PushGroupCommit.PushSource(null, sourceName(sourceName));
        return switch (groupCommit.store(document, destination)) {
            case DocumentOutcome.Stored stored ->
                new IngestResponse(stored.outcome().articles());
            case DocumentOutcome.Unusable unusable -> throw unprocessable(unusable.reason());
            case DocumentOutcome.Failed failed -> throw failed.error();
        };
    }

    private static ProblemException unprocessable(String reason) {
        return new ProblemException(Problem.of(422, "Unprocessable Content", reason));
    }

    /** What became of one line of a batch push. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineOutcome(
            int line, String outcome, Long id, Long storyId, String title, String field, String detail) {

        static LineOutcome of(int line, IngestedArticle article) {
            return new LineOutcome(
                    line,
                    article.duplicate() ? DUPLICATE : STORED,
                    article.id(),
                    article.storyId(),
                    article.title(),
                    null,
                    null);
        }

        static LineOutcome refused(int line, String field, String detail) {
            return new LineOutcome(line, REFUSED, null, null, null, field, detail);
        }
    }

    static final String STORED = "stored";
    static final String DUPLICATE = "duplicate";
    static final String REFUSED = "refused";
    static final String FAILED = "failed";

    /** The answer to a batch push: one outcome per non-blank line, in order, and the totals. */
    public record BatchResponse(List<LineOutcome> lines, int stored, int duplicates, int refused, int failed) {}

    /** A line that parsed, on its way to the pipeline. */
    private record Accepted(int line, RawDocument document, SourceRef source) {}

    /**
     * A batch push: one JSON article a line, each checked as a single push is, the good ones stored several at a
     * time (a transaction per {@code vigil.ingest.batch-documents} of one source) and every line answered: stored,
     * duplicate, or refused with the field and the reason. A push token stores every line under its own source. A
     * body over {@code vigil.ingest.max-batch-bytes} is refused whole, before anything is stored.
     */
    private Object ingestBatch(String sourceParam, byte[] body) {
        SourceRef pushTarget = pushTarget();
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty");
        }
        if (body.length > settings.maxBatchBytes()) {
            throw new ProblemException(Problem.of(
                    413,
                    "Content Too Large",
                    "the batch has " + body.length + " bytes; the limit is " + settings.maxBatchBytes()
                            + " (vigil.ingest.max-batch-bytes): send it in smaller batches"));
        }
        if (pushTarget != null) {
            pushRate.take(pushTarget.id(), PushRate.documentsOf(body));
        }
        String[] lines = decodeUtf8(body).split("\n", -1);
        List<LineOutcome> outcomes = new ArrayList<>();
        Map<SourceRef, List<Accepted>> bySource = new LinkedHashMap<>();
        Map<String, SourceRef> sources = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            try {
                PushedArticle article = PushedArticle.parse(json, line);
                RawDocument document = article.toDocument("push:" + Sha256.hex(line));
                SourceRef source = pushTarget != null
                        ? pushTarget
                        : sources.computeIfAbsent(
                                article.source() != null ? article.source() : String.valueOf(sourceParam),
                                name -> sourceRef(article.source() != null ? article.source() : sourceParam));
                bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(new Accepted(number, document, source));
                outcomes.add(null);
            } catch (ProblemException e) {
                outcomes.add(LineOutcome.refused(
                        number, e.problem().field(), e.problem().detail()));
            }
        }
        if (outcomes.isEmpty()) {
            throw ProblemException.badRequest("the batch holds no line");
        }
        if (bus.active()) {
            return publishBatch(lines, outcomes, bySource);
        }
        Map<Integer, LineOutcome> results = new HashMap<>();
        for (Map.Entry<SourceRef, List<Accepted>> group : bySource.entrySet()) {
            List<Accepted> accepted = group.getValue();
            for (int from = 0; from < accepted.size(); from += settings.batchDocuments()) {
                List<Accepted> chunk =
                        accepted.subList(from, Math.min(accepted.size(), from + settings.batchDocuments()));
                List<DocumentOutcome> stored = pipeline.ingestAll(
                        chunk.stream().map(Accepted::document).toList(), group.getKey(), Durability.ACKNOWLEDGED);
                for (int k = 0; k < chunk.size(); k++) {
                    int number = chunk.get(k).line();
                    results.put(
                            number,
                            switch (stored.get(k)) {
                                case DocumentOutcome.Stored done ->
                                    LineOutcome.of(
                                            number, done.outcome().articles().get(0));
                                case DocumentOutcome.Unusable unusable ->
                                    LineOutcome.refused(number, null, unusable.reason());
                                case DocumentOutcome.Failed failed ->
                                    new LineOutcome(
                                            number,
                                            FAILED,
                                            null,
                                            null,
                                            null,
                                            null,
                                            "could not be stored: "
                                                    + failed.error().getMessage());
                            });
                }
            }
        }
        List<LineOutcome> answer = inLineOrder(lines, outcomes, results);
        int storedCount = 0, duplicates = 0, refused = 0, failed = 0;
        for (LineOutcome outcome : answer) {
            switch (outcome.outcome()) {
                case STORED -> storedCount++;
                case DUPLICATE -> duplicates++;
                case REFUSED -> refused++;
                default -> failed++;
            }
        }
        return new BatchResponse(answer, storedCount, duplicates, refused, failed);
    }

    /**
     * One outcome per non-blank line, in line order: the outcome decided while parsing, or else the one the store (or
     * the broker) gave that line (keyed by its 1-based line number).
     */
    private static List<LineOutcome> inLineOrder(
            String[] lines, List<LineOutcome> outcomes, Map<Integer, LineOutcome> results) {
        List<LineOutcome> answer = new ArrayList<>(outcomes.size());
        int next = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            LineOutcome outcome = outcomes.get(next++);
            answer.add(outcome != null ? outcome : results.get(i + 1));
        }
        return answer;
    }

    /**
     * Under the bus: every parsed line that holds a storable article goes to the broker, and the answer (202) comes
     * once the broker acknowledged them all. A broker that does not acknowledge fails the whole push (503), since
     * which lines it kept is unknown; sending the batch again stores nothing twice.
     */
    private Response publishBatch(String[] lines, List<LineOutcome> outcomes, Map<SourceRef, List<Accepted>> bySource) {
        Map<Integer, LineOutcome> results = new HashMap<>();
        for (Map.Entry<SourceRef, List<Accepted>> group : bySource.entrySet()) {
            List<RawDocument> publish = new ArrayList<>();
            for (Accepted accepted : group.getValue()) {
                try {
                    pipeline.extract(accepted.document());
                    publish.add(accepted.document());
                    results.put(
                            accepted.line(),
                            new LineOutcome(
                                    accepted.line(),
                                    ACCEPTED,
                                    null,
                                    null,
                                    accepted.document().title(),
                                    null,
                                    null));
                } catch (UnusableDocumentException e) {
                    results.put(accepted.line(), LineOutcome.refused(accepted.line(), null, e.getMessage()));
                }
            }
            if (!publish.isEmpty()) {
                bus.publishAll(publish, group.getKey());
            }
        }
        List<LineOutcome> answer = inLineOrder(lines, outcomes, results);
        int acceptedCount = 0, refused = 0;
        for (LineOutcome outcome : answer) {
            if (ACCEPTED.equals(outcome.outcome())) {
                acceptedCount++;
            } else {
                refused++;
            }
        }
        return Response.status(202)
                .entity(new AcceptedBatchResponse(answer, acceptedCount, refused))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    private SourceRef pushTarget() {
        return identity.hasRole(SignedIn.SOURCE_PUSH)
                ? new SourceRef(identity.getAttribute(SignedIn.SOURCE_ID), identity.getAttribute(SignedIn.SOURCE_NAME))
                : null;
    }

    private static SourceRef sourceRef(String requested) {
        String name = sourceName(requested);
        Long id = ConfiguredSource.findByName(name).map(s -> s.id).orElse(null);
        return new SourceRef(id, name);
    }

    /** The outlet a push names, checked: {@value #DEFAULT_SOURCE} when it names none. */
    private static String sourceName(String requested) {
        String name = requested == null || requested.isBlank() ? DEFAULT_SOURCE : requested.strip();
        TextLimits.excess("source", name, TextLimits.NAME).ifPresent(tooLong -> {
            throw new ProblemException(Problem.of(400, "Bad Request", tooLong).withField("source"));
        });
        TextLimits.notOneLine("source", name).ifPresent(twoLines -> {
            throw new ProblemException(Problem.of(400, "Bad Request", twoLines).withField("source"));
        });
        return name;
    }

    private static String decodeUtf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            if (text.indexOf('\0') >= 0) {
                throw ProblemException.badRequest("the body is binary, not text (it contains NUL characters)");
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the body is not UTF-8 text");
        }
    }

    /** The JSON form of a pushed article, checked field by field so a client learns exactly what is wrong. */
    record PushedArticle(String title, String body, String url, Instant publishedAt, String source, String language) {

        /** How far ahead of the server's clock a publication time may be; pulled sources' dates share the bound. */
        static final Duration MAX_AHEAD = IngestPipeline.MAX_PUBLISHED_AHEAD;

        static PushedArticle parse(ObjectMapper json, String text) {
            JsonNode root;
            try {
                root = json.readTree(text);
            } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
                throw new ProblemException(Problem.of(400, "Malformed JSON", JsonRefusals.beyondBound(e)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ProblemException(Problem.of(400, "Malformed JSON", e.getOriginalMessage()));
            }
            if (root == null || !root.isObject()) {
                throw ProblemException.badRequest("expected a JSON object {title, body, url?, publishedAt?, source?}");
            }
            String title = string(root, "title", true, TextLimits.TITLE);
            // the body's bound is the document's, vigil.ingest.max-document-bytes, checked on the whole request
            String body = string(root, "body", true, Integer.MAX_VALUE);
            String url = string(root, "url", false, TextLimits.URL);
            if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw field("url", "url must be an http or https URL");
            }
            String published = string(root, "publishedAt", false, TextLimits.NAME);
            Instant publishedAt = null;
            if (published != null) {
                try {
                    publishedAt = OffsetDateTime.parse(published).toInstant();
                } catch (DateTimeParseException e) {
                    try {
                        publishedAt = Instant.parse(published);
                    } catch (DateTimeParseException again) {
                        throw field(
                                "publishedAt",
                                "publishedAt must be an ISO-8601 date-time such as 2025-01-31T12:00:00Z, not '"
                                        + published + "'");
                    }
                }
            }
            if (publishedAt != null && publishedAt.isAfter(Instant.now().plus(MAX_AHEAD))) {
                // it would sort as the newest article until that day: a wrong clock or a wrong field, not news
                throw field(
                        "publishedAt",
                        "publishedAt " + published + " is more than a day ahead of this server's clock ("
                                + Instant.now() + "); send when the article was published");
            }
            return new PushedArticle(
                    title,
                    body,
                    url,
                    publishedAt,
                    string(root, "source", false, TextLimits.NAME),
                    string(root, "language", false, TextLimits.LANGUAGE));
        }

        private static String string(JsonNode root, String name, boolean required, int limit) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    throw field(name, name + " is required");
                }
                return null;
            }
            if (!node.isTextual()) {
                throw field(name, name + " must be a string");
            }
            String value = node.asText();
            TextLimits.excess(name, value, limit).ifPresent(tooLong -> {
                throw field(name, tooLong);
            });
            if (required && value.isBlank()) {
                throw field(name, name + " is blank");
            }
            return value.isBlank() ? null : value;
        }

        private static ProblemException field(String name, String detail) {
            return new ProblemException(Problem.of(400, "Bad Request", detail).withField(name));
        }

        RawDocument toDocument(String externalId) {
            return new RawDocument(
                    url != null ? url : externalId,
                    url,
                    title,
                    body,
                    ContentFormat.TEXT,
                    publishedAt,
                    language,
                    Map.of());
        }
    }
}
