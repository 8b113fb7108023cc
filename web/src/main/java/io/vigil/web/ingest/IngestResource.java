package io.vigil.web.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.engine.ingest.IngestOutcome;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.IngestSettings;
import io.vigil.engine.ingest.IngestedArticle;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.engine.ingest.UnusableDocumentException;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.source.PushToken;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.RawDocument;
import io.vigil.web.http.Problem;
import io.vigil.web.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/ingest}: pushes content into the archive — a page dump as {@code text/plain}, split like a seed
 * file, or one article as JSON {@code {title, body, url?, publishedAt?, source?}}.
 *
 * <p>A request that carries a source's push token ({@code Authorization: Bearer vps_…} or
 * {@code X-Vigil-Source-Token}) is stored into that source, whatever its {@code source} field says; an unknown or
 * revoked push token is refused with 401. Whether a request without one is accepted is the security layer's call, not
 * this resource's.
 */
@Path("/api/ingest")
public class IngestResource {

    /** The outlet name of pushed articles that do not say where they come from. */
    static final String DEFAULT_SOURCE = "api";

    @Inject
    IngestPipeline pipeline;

    @Inject
    IngestSettings settings;

    @Inject
    ObjectMapper json;

    /** The answer: each article the push produced. */
    public record IngestResponse(List<IngestedArticle> articles) {}

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public IngestResponse ingest(
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(PushToken.HEADER) String pushTokenHeader,
            @QueryParam("source") String sourceParam,
            byte[] body) {
        SourceRef pushTarget = PushToken.fromHeaders(authorization, pushTokenHeader)
                .map(IngestResource::pushTarget)
                .orElse(null);
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty");
        }
        if (body.length > settings.maxDocumentBytes()) {
            throw new ProblemException(Problem.of(
                    413,
                    "Content Too Large",
                    "the body has " + body.length + " bytes; the limit is " + settings.maxDocumentBytes()));
        }
        String mediaType = contentType == null
                ? ""
                : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        String text = decodeUtf8(body);
        RawDocument document;
        String sourceName;
        switch (mediaType) {
            case "text/plain" -> {
                if (text.isBlank()) {
                    throw ProblemException.badRequest("the page dump is blank");
                }
                document = new RawDocument(
                        "push:" + sha256(body), null, null, text, ContentFormat.PAGE_DUMP, null, null, Map.of());
                sourceName = sourceParam;
            }
            case "application/json" -> {
                PushedArticle article = PushedArticle.parse(json, text);
                document = article.toDocument("push:" + sha256(body));
                sourceName = article.source() != null ? article.source() : sourceParam;
            }
            default ->
                throw new ProblemException(Problem.of(
                        415,
                        "Unsupported Media Type",
                        "send a page dump as text/plain or an article as application/json, not '" + mediaType + "'"));
        }
        SourceRef source = pushTarget != null ? pushTarget : sourceRef(sourceName);
        try {
            IngestOutcome outcome = pipeline.ingest(document, source);
            return new IngestResponse(outcome.articles());
        } catch (UnusableDocumentException e) {
            throw new ProblemException(Problem.of(422, "Unprocessable Content", e.getMessage()));
        }
    }

    /** The source a push token belongs to; a token that belongs to none ends the request with 401. */
    private static SourceRef pushTarget(String token) {
        return ConfiguredSource.findByPushToken(token)
                .map(source -> new SourceRef(source.id, source.name))
                .orElseThrow(() -> new ProblemException(
                        Problem.of(401, "Unauthorized", "the push token is unknown or was revoked")));
    }

    private static SourceRef sourceRef(String requested) {
        String name = requested == null || requested.isBlank() ? DEFAULT_SOURCE : requested.strip();
        if (name.length() > 200) {
            throw new ProblemException(Problem.of(400, "Bad Request", "source is longer than 200 characters")
                    .withField("source"));
        }
        Long id = ConfiguredSource.findByName(name).map(s -> s.id).orElse(null);
        return new SourceRef(id, name);
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The JSON form of a pushed article, checked field by field so a client learns exactly what is wrong. */
    record PushedArticle(String title, String body, String url, Instant publishedAt, String source, String language) {

        static PushedArticle parse(ObjectMapper json, String text) {
            JsonNode root;
            try {
                root = json.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ProblemException(Problem.of(400, "Malformed JSON", e.getOriginalMessage()));
            }
            if (root == null || !root.isObject()) {
                throw ProblemException.badRequest("expected a JSON object {title, body, url?, publishedAt?, source?}");
            }
            String title = string(root, "title", true);
            String body = string(root, "body", true);
            String url = string(root, "url", false);
            if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw field("url", "url must be an http or https URL");
            }
            String published = string(root, "publishedAt", false);
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
            return new PushedArticle(
                    title, body, url, publishedAt, string(root, "source", false), string(root, "language", false));
        }

        private static String string(JsonNode root, String name, boolean required) {
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
