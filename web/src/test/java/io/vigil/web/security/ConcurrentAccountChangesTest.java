package io.vigil.web.security;

import static io.vigil.web.testing.Latches.awaitOrFail;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.web.testing.Archive;
import io.vigil.web.testing.Users;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user's own password change hashes with bcrypt inside its transaction, a long window in which an admin may change
 * that user's role. The password change must store only the password: were it to write back the whole row it read, a
 * demoted admin who was changing their password at that moment would stay an admin.
 */
@QuarkusTest
class ConcurrentAccountChangesTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @Inject
    AccountChanges changes;

    @BeforeEach
    void archiveIsReady() {
        Archive.awaitReady();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void aDemotionDuringTheUsersOwnPasswordChangeStands() throws Exception {
        String username = Users.create("demoted-while-changing", Role.ADMIN);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch demoted = new CountDownLatch(1);
        CompletableFuture<Void> passwordChange = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    User user = User.named(username).orElseThrow();
                    read.countDown();
                    awaitOrFail(demoted);
                    changes.changeOwnPassword(user, "Another-Passw0rd-For-Now");
                }),
                background);
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();

        QuarkusTransaction.requiringNew()
                .run(() -> changes.changeRole(User.named(username).orElseThrow(), Role.VIEWER));
        demoted.countDown();
        passwordChange.get(30, TimeUnit.SECONDS);

        QuarkusTransaction.requiringNew().run(() -> {
            User user = User.named(username).orElseThrow();
            assertThat(user.role()).as("the demotion").isEqualTo(Role.VIEWER);
            assertThat(user.passwordMatches("Another-Passw0rd-For-Now"))
                    .as("the new password")
                    .isTrue();
        });
    }
}
