package io.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminPasswordPolicyTest {

    @Test
    void refusesAMissingPasswordWithTheVariableToSet() {
        assertThat(AdminPasswordPolicy.problem("admin", null)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("VIGIL_ADMIN_PASSWORD is not set")
                .doesNotContain("\n"));
        assertThat(AdminPasswordPolicy.problem("admin", "  ")).isPresent();
    }

    @Test
    void refusesShortWellKnownAndUsernameBasedPasswords() {
        assertThat(AdminPasswordPolicy.problem("admin", "short-1"))
                .hasValueSatisfying(p -> assertThat(p).contains("too short"));
        assertThat(AdminPasswordPolicy.problem("admin", "password1234"))
                .hasValueSatisfying(p -> assertThat(p).contains("well-known"));
        assertThat(AdminPasswordPolicy.problem("admin", "my-admin-password"))
                .hasValueSatisfying(p -> assertThat(p).contains("username"));
        assertThat(AdminPasswordPolicy.problem("admin", "aaaaaaaaaaaaaaaa"))
                .hasValueSatisfying(p -> assertThat(p).contains("different"));
    }

    @Test
    void acceptsALongUnusualPassword() {
        assertThat(AdminPasswordPolicy.problem("admin", "Correct-Horse-Battery-9"))
                .isEmpty();
    }
}
