package io.vigil.notifier.chat;

import io.vigil.notifier.chat.discord.DiscordNotifierFactory;
import io.vigil.notifier.chat.matrix.MatrixNotifierFactory;
import io.vigil.notifier.chat.ntfy.NtfyNotifierFactory;
import io.vigil.notifier.chat.teams.TeamsNotifierFactory;
import io.vigil.notifier.chat.telegram.TelegramNotifierFactory;
import io.vigil.spi.Plugin;
import io.vigil.spi.notify.NotifierFactory;
import java.util.List;

/**
 * Contributes the chat and push channel types {@code ntfy}, {@code telegram}, {@code matrix}, {@code discord} and
 * {@code teams}. They live in one plugin because they share one rendering of a notification ({@link ChatMessage}) and
 * one way of reading a service's answer ({@link ServiceReply}); each speaks its service's own API.
 */
public final class ChatPlugin implements Plugin {
    @Override
    public List<NotifierFactory> notifierFactories() {
        return List.of(
                new NtfyNotifierFactory(),
                new TelegramNotifierFactory(),
                new MatrixNotifierFactory(),
                new DiscordNotifierFactory(),
                new TeamsNotifierFactory());
    }
}
