package io.vigil.web.testing;

import static io.restassured.RestAssured.given;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.specification.RequestSpecification;
import io.vigil.web.security.FirstAdmin;
import io.vigil.web.security.Role;
import io.vigil.web.security.User;
import java.util.concurrent.atomic.AtomicLong;

/** Test support: users with a role, written straight to the database; each name is new, so tests never meet. */
public final class Users {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    /** A password every test user has. */
    public static final String PASSWORD = "Test-User-Passw0rd";

    private Users() {}

    /** Creates a user named {@code prefix} plus a number, with {@link #PASSWORD}; answers the username. */
    public static String create(String prefix, Role role) {
        Archive.awaitReady();
        // The first admin is made only while there is no user: make sure it exists before any test user does.
        Arc.container().instance(FirstAdmin.class).get().ensureCreated();
        String username = prefix + "-" + SEQUENCE.incrementAndGet();
        QuarkusTransaction.requiringNew()
                .run(() -> User.create(username, PASSWORD, role).persist());
        return username;
    }

    /**
     * A request signed in as {@code username} with {@link #PASSWORD} by HTTP Basic, sent at once rather than after a
     * challenge, and without the test admin's sign-in ({@link SignedInAsAdmin}) or any other filter.
     */
    public static RequestSpecification as(String username) {
        return given().noFilters().auth().preemptive().basic(username, PASSWORD);
    }
}
