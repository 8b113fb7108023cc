package io.vigil.web.secret;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.alerts.channel.Channel;
import io.vigil.alerts.channel.ChannelNotifiers;
import io.vigil.engine.archive.ArchiveReady;
import io.vigil.engine.secret.CredentialMasks;
import io.vigil.engine.source.ConfiguredSource;
import io.vigil.engine.websub.WebSubSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The one-time start-up step that masks the error texts stored before errors were masked when recorded: a source's
 * last error and skipped items, a WebSub subscription's last error, and every delivery error of the outbox and the
 * delivery log, each with the credentials of its own channel taken out ({@link CredentialMasks#maskedText(String,
 * io.vigil.spi.config.ConfigSpec, Map)}). Runs once per database (the {@code maintenance_step} row is written in the same transaction as
 * the work, so concurrent instances do it once and a crash half way leaves it to the next start).
 */
@ApplicationScoped
public class StoredErrorTexts {

    static final String STEP = "mask-stored-error-texts-1";

    private static final Logger LOG = Logger.getLogger(StoredErrorTexts.class);

    @Inject
    ChannelNotifiers notifiers;

    void onArchiveReady(@Observes ArchiveReady ready) {
        int masked = maskOnce();
        if (masked > 0) {
            LOG.infof("masked the credentials in %d stored error text(s) recorded before errors were masked", masked);
        }
    }

    /** Masks the stored texts unless this database has had it done; answers how many texts changed. */
    public int maskOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Session session = Panache.getEntityManager().unwrap(Session.class);
            return session.doReturningWork(connection -> {
                try (PreparedStatement claim = connection.prepareStatement(
                        "insert into maintenance_step (name) values (?) on conflict do nothing")) {
                    claim.setString(1, STEP);
                    if (claim.executeUpdate() == 0) {
                        return 0;
                    }
                }
                return maskSources() + maskSubscriptions() + maskDeliveries(connection);
            });
        });
    }

    private int maskSources() {
        int changed = 0;
        for (ConfiguredSource source : ConfiguredSource.<ConfiguredSource>listAll()) {
            String error = CredentialMasks.maskedText(source.lastError);
            if (!Objects.equals(error, source.lastError)) {
                source.lastError = error;
                changed++;
            }
            List<Map<String, String>> skipped = new ArrayList<>();
            boolean skippedChanged = false;
            for (Map<String, String> item : source.skipped) {
                Map<String, String> shown = new HashMap<>(item);
                shown.replaceAll((key, value) -> key.equals("at") ? value : CredentialMasks.maskedText(value));
                skippedChanged |= !shown.equals(item);
                skipped.add(shown);
            }
            if (skippedChanged) {
                source.skipped = skipped;
                changed++;
            }
        }
        return changed;
    }

    private int maskSubscriptions() {
        int changed = 0;
        for (WebSubSubscription subscription : WebSubSubscription.<WebSubSubscription>listAll()) {
            String error = CredentialMasks.maskedText(subscription.lastError);
            if (!Objects.equals(error, subscription.lastError)) {
                subscription.lastError = error;
                changed++;
            }
        }
        return changed;
    }

    /** Every channel's delivery errors, masked with that channel's own settings; a channel gone gets the URL mask. */
    private int maskDeliveries(Connection connection) throws SQLException {
        Map<Long, UnaryOperator<String>> masks = new HashMap<>();
        for (Channel channel : Channel.<Channel>listAll()) {
            masks.put(channel.id, notifiers.errorMask(channel.type, channel.config));
        }
        UnaryOperator<String> generic = CredentialMasks::maskedText;
        return mask(connection, "outbox", "last_error", masks, generic)
                + mask(connection, "delivery_attempt", "error", masks, generic);
    }

    private static int mask(
            Connection connection,
            String table,
            String column,
            Map<Long, UnaryOperator<String>> masks,
            UnaryOperator<String> generic)
            throws SQLException {
        int changed = 0;
        try (PreparedStatement read = connection.prepareStatement(
                        "select id, channel_id, " + column + " from " + table + " where " + column + " is not null");
                PreparedStatement write =
                        connection.prepareStatement("update " + table + " set " + column + " = ? where id = ?")) {
            read.setFetchSize(1_000);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    long channel = rows.getLong(2);
                    String text = rows.getString(3);
                    String shown = masks.getOrDefault(channel, generic).apply(text);
                    if (!shown.equals(text)) {
                        write.setString(1, shown);
                        write.setLong(2, rows.getLong(1));
                        write.addBatch();
                        if (++changed % 500 == 0) {
                            write.executeBatch();
                        }
                    }
                }
            }
            write.executeBatch();
        }
        return changed;
    }
}
