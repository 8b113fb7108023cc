package io.vigil.notifier.chat.matrix;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;

/**
 * Describes the {@code matrix} channel: a Matrix account (usually a bot's) posts each notification to a room through
 * the client-server API. The access token is secret. Thread-safe.
 */
public final class MatrixNotifierFactory implements NotifierFactory {

    static final String HOMESERVER = "homeserver";
    static final String ACCESS_TOKEN = "accessToken";
    static final String ROOM_ID = "roomId";

    @Override
    public String type() {
        return "matrix";
    }

    @Override
    public String label() {
        return "Matrix";
    }

    @Override
    public String description() {
        return "Posts each alert to a Matrix room as the account whose access token it holds.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(HOMESERVER, "Homeserver", FieldType.URL)
                        .asRequired()
                        .withHelp("The account's homeserver, such as https://matrix.example.org."),
                ConfigField.of(ACCESS_TOKEN, "Access token", FieldType.STRING)
                        .asRequired()
                        .asSecret()
                        .withHelp(
                                "The access token of an account that has joined the room (Element: Settings → Help)."),
                ConfigField.of(ROOM_ID, "Room id", FieldType.STRING)
                        .asRequired()
                        .withHelp("The room's internal id, starting with ! (Element: Room settings → Advanced)."));
    }

    @Override
    public Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException {
        String room = config.string(ROOM_ID);
        if (!room.startsWith("!") || room.length() < 2 || room.chars().anyMatch(Character::isWhitespace)) {
            throw new PermanentFailureException(
                    "the room id starts with ! (Element: Room settings → Advanced → Internal"
                            + " room ID); an alias such as #news:example.org is not accepted here (roomId)");
        }
        return new MatrixNotifier(config.url(HOMESERVER), config.string(ACCESS_TOKEN), room, context);
    }
}
