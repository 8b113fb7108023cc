package io.vigil.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.BrowserSession;
import io.vigil.web.testing.SignedInAsAdmin;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Users page's form to add a user refuses what it cannot honour, saying why, and makes nobody then. */
@QuarkusTest
class UsersPageTest {

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @Test
    void aRoleThatIsNoneOfTheThreeIsRefusedAndNobodyIsMade() {
        BrowserSession admin = BrowserSession.signIn(SignedInAsAdmin.USER, SignedInAsAdmin.PASSWORD);
        String name = "boss" + UUID.randomUUID().toString().substring(0, 8);

        Response refused = admin.post("/users", "username", name, "password", "a-long-password-0987", "role", "boss");

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
        assertThat(refused.asString())
                .contains("No role boss: choose admin, analyst or viewer.")
                .contains("value=\"" + name + "\"");
        assertThat(admin.get("/users").asString()).doesNotContain(name + "<");
        assertThat(BrowserSession.canSignIn(name, "a-long-password-0987")).isFalse();
    }
}
