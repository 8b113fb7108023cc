package io.vigil.web.configuration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An instance's configuration as one versioned document ({@code GET /api/export}, {@code POST /api/import}): sources,
 * channels, rules with their routes and escalation, active silences, users and their roles. Items are named, never
 * numbered — a rule's route names its channel, a silence its rule — so a document applies to any instance.
 *
 * <p>Secret settings are never in it: each one's value is a placeholder {@code ${NAME}}, and {@link #secrets} lists the
 * names, so the values can be supplied on import ({@code secretValues}, or the environment with {@code ./vigil import}).
 * Users have no password in it.
 *
 * @param kind always {@value #KIND}
 * @param version the document format, {@value #VERSION}; an import refuses any other
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigDocument(
        String kind,
        Integer version,
        Instant exportedAt,
        List<String> secrets,
        List<SourceItem> sources,
        List<ChannelItem> channels,
        List<RuleItem> rules,
        List<SilenceItem> silences,
        List<UserItem> users,
        Map<String, String> secretValues) {

    public static final String KIND = "vigil-configuration";
    public static final int VERSION = 1;

    /** A source: its plugin type, how often it is fetched ({@code 900s}, {@code 15m}; absent keeps it) and settings. */
    public record SourceItem(String name, String type, Boolean enabled, String interval, Map<String, String> config) {}

    /** A channel; {@code digest} is when its daily and weekly digests go out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelItem(String name, String type, Boolean enabled, Map<String, String> config, Digest digest) {}

    public record Digest(Integer hour, String timeZone, String day) {}

    /** A rule; each route names a channel of the document or of the instance. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleItem(
            String name,
            String type,
            String query,
            Boolean enabled,
            Boolean notifyUpdates,
            List<Route> routes,
            Escalation escalation) {}

    public record Route(String channel, String delivery) {}

    public record Escalation(Integer outlets, String within) {}

    /** A silence in force: of a rule (by name), of a query, or both, until a time. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SilenceItem(String rule, String query, Instant until, String comment) {}

    /** A user: a role, and the identity provider's subject when they sign in with OIDC. Never a password. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserItem(String username, String role, String oidcSubject) {}
}
