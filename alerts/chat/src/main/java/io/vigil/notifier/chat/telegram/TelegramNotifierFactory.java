package io.vigil.notifier.chat.telegram;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.notify.Notifier;
import io.vigil.spi.notify.NotifierContext;
import io.vigil.spi.notify.NotifierFactory;
import java.util.regex.Pattern;

/**
 * Describes the {@code telegram} channel: a bot posts each notification to a chat, group or channel through the Bot
 * API's {@code sendMessage}. The bot token is secret; the API URL may point at a self-hosted Bot API server.
 * Thread-safe.
 */
public final class TelegramNotifierFactory implements NotifierFactory {

    static final String BOT_TOKEN = "botToken";
    static final String CHAT_ID = "chatId";
    static final String API_URL = "apiUrl";

    /** What @BotFather hands out: the bot's number, a colon, then letters, digits, {@code _} and {@code -}. */
    private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
    /** A numeric chat id (groups and channels are negative) or a public channel's {@code @username}. */
    private static final Pattern CHAT = Pattern.compile("-?\\d+|@[A-Za-z][A-Za-z0-9_]{3,}");

    @Override
    public String type() {
        return "telegram";
    }

    @Override
    public String label() {
        return "Telegram";
    }

    @Override
    public String description() {
        return "A Telegram bot posts each alert to a chat, group or channel.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(BOT_TOKEN, "Bot token", FieldType.STRING)
                        .asRequired()
                        .asSecret()
                        .withHelp("From @BotFather, such as 123456789:AAH…; add the bot to the chat first."),
                ConfigField.of(CHAT_ID, "Chat id", FieldType.STRING)
                        .asRequired()
                        .withHelp("A numeric chat id (groups start with -100) or a public channel's @name."),
                ConfigField.of(API_URL, "API URL", FieldType.URL)
                        .withDefault("https://api.telegram.org")
                        .withHelp("Telegram's Bot API, or your own Bot API server."));
    }

    @Override
    public Notifier create(PluginConfig config, NotifierContext context) throws PermanentFailureException {
        String token = config.string(BOT_TOKEN);
        if (!TOKEN.matcher(token).matches()) {
            throw new PermanentFailureException(
                    "the bot token must look like 123456789:AAH… as @BotFather gives it (botToken)");
        }
        String chat = config.string(CHAT_ID);
        if (!CHAT.matcher(chat).matches()) {
            throw new PermanentFailureException(
                    "the chat id must be a number such as -1001234567890 or a channel's @name, not '" + chat
                            + "' (chatId)");
        }
        return new TelegramNotifier(config.url(API_URL), token, chat, context);
    }
}
