package io.vigil.engine.secret;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code ./vigil seal}: reads one value (a password) from standard input and prints it sealed under the secrets key,
 * as a {@code ${vigil-sealed::…}} expression to put in the configuration, such as {@code quarkus.mailer.password}.
 */
public final class SealCommand {

    private SealCommand() {}

    public static void main(String[] arguments) throws IOException {
        String value;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            value = in.readLine();
        }
        if (value == null || value.isEmpty()) {
            System.err.println("usage: printf '%s' \"$SMTP_PASSWORD\" | ./vigil seal");
            System.exit(2);
        }
        SecretsKeys keys = SecretsKeys.load(
                Optional.ofNullable(System.getenv("VIGIL_SECRETS_KEY")),
                Optional.empty(),
                Path.of(Optional.ofNullable(System.getenv("VIGIL_STATE_DIR")).orElse(".vigil")),
                System.err::println);
        System.out.println("${" + SealedConfigValues.NAME + "::" + new SealedValues(keys).seal(value) + "}");
    }
}
