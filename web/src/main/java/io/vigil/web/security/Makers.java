package io.vigil.web.security;

/**
 * Who made a team object (a rule, a silence, a channel, a source: {@code created_by}, V140), by username, as the API
 * and the pages show it, so anyone can see whose share of the caps it counts against.
 */
public final class Makers {

    private Makers() {}

    /**
     * The username of the user {@code userId}, or {@code null} when nobody is recorded (made before V140, at start-up, or
     * by a user since deleted). Reads through the persistence context, so a list made by few users reads each once.
     */
    public static String username(Long userId) {
        if (userId == null) {
            return null;
        }
        User user = User.findById(userId);
        return user == null ? null : user.username;
    }
}
