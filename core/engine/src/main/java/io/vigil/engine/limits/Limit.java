package io.vigil.engine.limits;

import java.util.function.ToIntFunction;

/**
 * What a cap bounds: its configuration key, how to count what is held now, and the words a refusal uses. A limit
 * {@linkplain #perUser() per user} counts one owner's objects; the others count everyone's, for objects that belong to
 * the team.
 */
public enum Limit {
    API_TOKENS(
            "api-tokens",
            LimitSettings::apiTokens,
            "select count(*) from api_token where user_id = ?1 and revoked_at is null"
                    + " and (expires_at is null or expires_at > now())",
            "live API tokens",
            "revoke one first"),
    FEEDS(
            "feeds",
            LimitSettings::feeds,
            "select count(*) from alert_feed where user_id = ?1",
            "feeds",
            "remove one first"),
    PINS(
            "pins",
            LimitSettings::pins,
            "select count(*) from article where pinned_by = (select username from users where id = ?1)"
                    + " and pinned_at is not null",
            "pinned articles",
            "unpin one first"),
    RULES("rules", LimitSettings::rules, "select count(*) from rule", "rules", "delete one first"),
    SILENCES(
            "silences",
            LimitSettings::silences,
            "select count(*) from silence where until > now()",
            "silences in force",
            "end one first"),
    CHANNELS("channels", LimitSettings::channels, "select count(*) from channel", "channels", "delete one first"),
    SOURCES("sources", LimitSettings::sources, "select count(*) from source", "sources", "delete one first");

    private final String key;
    private final ToIntFunction<LimitSettings> cap;
    private final String count;
    private final String held;
    private final String remedy;

    Limit(String key, ToIntFunction<LimitSettings> cap, String count, String held, String remedy) {
        this.key = key;
        this.cap = cap;
        this.count = count;
        this.held = held;
        this.remedy = remedy;
    }

    /** The configuration key: {@code vigil.limits.api-tokens}. */
    public String key() {
        return "vigil.limits." + key;
    }

    /** Whether the cap counts one user's objects rather than everyone's. */
    public boolean perUser() {
        return count.contains("?1");
    }

    int cap(LimitSettings settings) {
        return cap.applyAsInt(settings);
    }

    /** The SQL that counts what is held now; {@code ?1} is the owner's user id for a per-user limit. */
    String countQuery() {
        return count;
    }

    String refusal(int cap) {
        return perUser()
                ? "you have " + cap + " " + held + ", the most one user may have (" + key() + "): " + remedy
                : "Vigil holds " + cap + " " + held + ", the most it is set to hold (" + key() + "): " + remedy;
    }
}
