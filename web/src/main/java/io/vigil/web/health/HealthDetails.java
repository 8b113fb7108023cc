package io.vigil.web.health;

import io.smallrye.health.api.HealthContentFilter;
import io.vigil.engine.input.LoggedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps every health answer to its statuses: each check's {@code data} is dropped, whoever asks, and logged instead.
 *
 * <p>{@code /q/health} is open to anyone (load balancers, Kubernetes), and a check's data is whatever its author put
 * there: Quarkus' datasource check quotes the JDBC driver's error (host, port, database user), the archive check the
 * migration's. A check that turns {@code DOWN} is logged once with its data, and once more when it is {@code UP}
 * again, not on every probe (SmallRye's own per-probe line is off in {@code application.properties}). This filter sees
 * every answer of every health endpoint ({@code /q/health}, {@code live}, {@code ready}, {@code started}, {@code well},
 * groups), so a check added later cannot leak either.
 */
@ApplicationScoped
public class HealthDetails implements HealthContentFilter {

    private static final Logger LOG = Logger.getLogger(HealthDetails.class);

    /** The names of the checks last seen {@code DOWN}, on this instance. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    @Override
    public JsonObject filter(JsonObject payload) {
        if (!(payload.get("checks") instanceof jakarta.json.JsonArray checks)) {
            return payload;
        }
        JsonArrayBuilder statuses = Json.createArrayBuilder();
        for (JsonValue value : checks) {
            if (!(value instanceof JsonObject check)) {
                continue;
            }
            String name = check.getString("name", "");
            String status = check.getString("status", "");
            note(name, status, check.get("data"));
            statuses.add(Json.createObjectBuilder().add("name", name).add("status", status));
        }
        return Json.createObjectBuilder(payload).add("checks", statuses).build();
    }

    private void note(String name, String status, JsonValue data) {
        if ("DOWN".equals(status)) {
            if (down.add(name)) {
                LOG.warnf(
                        "Health check '%s' is DOWN: %s",
                        LoggedText.of(name), LoggedText.of(data == null ? "(no details)" : data.toString()));
            }
        } else if (down.remove(name)) {
            LOG.infof("Health check '%s' is %s again", LoggedText.of(name), LoggedText.of(status));
        }
    }
}
