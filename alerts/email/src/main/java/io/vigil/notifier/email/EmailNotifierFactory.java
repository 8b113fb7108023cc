package io.vigil.notifier.email;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.mail.MailSender;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Describes the {@code email} channel: alerts, updates and digests as e-mail with a plain-text and an HTML part, sent
 * through the host's mail server ({@code quarkus.mailer.*}).
 *
 * <p>Thread-safe. Its template engine is shared by every notifier it creates, so templates are parsed once.
 */
public final class EmailNotifierFactory implements NotifierFactory {

    static final String TO = "to";
    static final String SUBJECT_PREFIX = "subject-prefix";

    private final EmailComposer composer = new EmailComposer();

    @Override
    public String type() {
        return "email";
    }

    @Override
    public String label() {
        return "Email";
    }

    @Override
    public String description() {
        return "Sends each alert, update or digest as an e-mail through the mail server Vigil is configured with.";
    }

    @Override
    public Optional<String> addressField() {
        return Optional.of(TO);
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(TO, "Recipients", FieldType.EMAIL)
                        .asRequired()
                        .withHelp("One address, or several separated by commas."),
                ConfigField.of(SUBJECT_PREFIX, "Subject prefix", FieldType.STRING)
                        .withDefault("[Vigil]")
                        .withHelp("Put in front of every subject, so that mail filters can sort alerts."));
    }

    @Override
    public Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException {
        List<String> recipients = Arrays.stream(config.string(TO).split(","))
                .map(String::strip)
                .filter(address -> !address.isEmpty())
                .toList();
        MailSender mail;
        try {
            mail = context.mail();
        } catch (UnsupportedOperationException e) {
            throw new PermanentFailureException(
                    "this Vigil has no mail server configured, so it cannot send e-mail", e);
        }
        return new EmailNotifier(recipients, config.get(SUBJECT_PREFIX).orElse(""), composer, mail, context);
    }
}
