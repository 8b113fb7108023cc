package io.vigil.engine.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * How much one user, and everyone together, may hold or run ({@code vigil.limits.*}; docs/security.md, "Limits").
 * Each per-user cap is counted in PostgreSQL in the transaction that creates the object, so it holds across every
 * instance sharing the database.
 */
@ConfigMapping(prefix = "vigil.limits")
public interface LimitSettings {

    /** Open sign-in sessions of one user; signing in once more ends the oldest rather than refusing. */
    @WithDefault("20")
    int sessions();

    /** Live (unrevoked, unexpired) personal API tokens of one user. */
    @WithName("api-tokens")
    @WithDefault("50")
    int apiTokens();

    /** Atom feeds of one user. */
    @WithDefault("50")
    int feeds();

    /** Articles one user keeps pinned (a pin keeps an article past the archive's retention). */
    @WithDefault("1000")
    int pins();

    /**
     * Rules, everyone's together: a rule belongs to the team, not to the analyst who wrote it (each user's share is
     * {@link #rulesPerUser()}). Matching is measured up to 100,000 rules (docs/benchmarks.md).
     */
    @WithDefault("20000")
    int rules();

    /** Silences that have not ended yet, everyone's together (they belong to the team). */
    @WithDefault("10000")
    int silences();

    /**
     * How far ahead a silence may end (ISO-8601). A silence with no real end (year 9999) would mute a rule for ever
     * without saying so; a rule no one wants alerts from is disabled instead, which the rules page shows.
     */
    @WithName("silence-max")
    @WithDefault("P90D")
    Duration silenceMax();

    /** Channels, everyone's together (admins make them for the team). */
    @WithDefault("1000")
    int channels();

    /** Sources, everyone's together (admins make them for the team). */
    @WithDefault("10000")
    int sources();

    /**
     * Rules one user made (their share of {@link #rules()}), so one analyst cannot fill the team's rule book; rules made
     * before users were recorded count toward the team's cap only.
     */
    @WithName("rules-per-user")
    @WithDefault("2000")
    int rulesPerUser();

    /** Silences in force one user made (their share of {@link #silences()}). */
    @WithName("silences-per-user")
    @WithDefault("1000")
    int silencesPerUser();

    /** Channels one user made (their share of {@link #channels()}). */
    @WithName("channels-per-user")
    @WithDefault("100")
    int channelsPerUser();

    /** Sources one user made (their share of {@link #sources()}), the imports' too. */
    @WithName("sources-per-user")
    @WithDefault("1000")
    int sourcesPerUser();

    /** Rule previews one user runs at once on one instance, the API's and the editor's together. */
    @WithName("previews-per-user")
    @WithDefault("2")
    int previewsPerUser();

    /**
     * Rule previews all users together run at once on one instance. Each holds a database connection for seconds, so
     * keep it well below {@code quarkus.datasource.jdbc.max-size} (16).
     */
    @WithName("previews-per-instance")
    @WithDefault("6")
    int previewsPerInstance();

    /**
     * Documents one source's push token may push in a minute, on all instances together (a batch's lines each count;
     * the first push of a minute is taken whatever its size).
     */
    @WithName("pushes-per-token")
    @WithDefault("6000")
    int pushesPerToken();
}
