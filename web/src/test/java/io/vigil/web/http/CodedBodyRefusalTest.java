package io.vigil.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.web.security.Role;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request body with a content coding is refused with 415 and {@code Accept-Encoding: identity} on every endpoint,
 * unread: Vigil never unpacks request bodies, so a gzip bomb pushed to {@code /api/ingest} is neither inflated nor
 * mistaken for bad text.
 */
@QuarkusTest
class CodedBodyRefusalTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    /** About 1 MB of gzip that unpacks to 1 GiB of zeros: 1,024 gzip members of 1 MiB each (RFC 1952 allows many). */
    private static byte[] gzipBomb() throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(member)) {
            gzip.write(new byte[1 << 20]);
        }
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        for (int i = 0; i < 1024; i++) {
            member.writeTo(bomb);
        }
        return bomb.toByteArray();
    }

    private static void assertRefusedAsCoded(Response answer, String coding) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(answer.header("Accept-Encoding")).isEqualTo("identity");
        assertThat(answer.jsonPath().getString("detail"))
                .contains("Content-Encoding")
                .contains("'" + coding + "'");
    }

    @Test
    void aGzipBombPushedToTheIngestEndpointIsRefusedUnread() throws IOException {
        String analyst = Users.create("coded", Role.ANALYST);
        byte[] bomb = gzipBomb();
        long before = Archive.articleCount();

        Response answer = Users.as(analyst)
                .contentType("text/plain")
                .header("Content-Encoding", "gzip")
                .body(bomb)
                .post("/api/ingest");

        assertRefusedAsCoded(answer, "gzip");
        assertThat(Archive.articleCount()).isEqualTo(before);
    }

    @Test
    void everyEndpointRefusesCodedBodiesAndIdentityIsNoCoding() throws IOException {
        String analyst = Users.create("coded", Role.ANALYST);
        String admin = Users.create("coded", Role.ADMIN);
        byte[] json = "{\"title\": \"T\", \"body\": \"b\"}".getBytes(StandardCharsets.UTF_8);

        assertRefusedAsCoded(
                Users.as(analyst)
                        .contentType("application/x-ndjson")
                        .header("Content-Encoding", "deflate")
                        .body(json)
                        .post("/api/ingest"),
                "deflate");
        assertRefusedAsCoded(
                Users.as(admin)
                        .contentType("application/json")
                        .header("Content-Encoding", "br")
                        .body("{}")
                        .post("/api/sources"),
                "br");
        assertRefusedAsCoded(
                Users.as(analyst)
                        .contentType("application/json")
                        .header("Content-Encoding", "identity, gzip")
                        .body(json)
                        .post("/api/ingest"),
                "identity, gzip");

        Response plain = Users.as(analyst)
                .contentType("application/json")
                .header("Content-Encoding", "identity")
                .body("{\"title\": \"Coded Body Refusal Identity\", \"body\": \"Sent as it is.\"}")
                .post("/api/ingest");
        assertThat(plain.statusCode()).as(plain.asString()).isEqualTo(200);
    }
}
