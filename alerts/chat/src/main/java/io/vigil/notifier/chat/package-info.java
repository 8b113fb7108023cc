/**
 * Chat and push channels: one subpackage per service (ntfy, Telegram, Matrix, Discord, Microsoft Teams), each turning
 * the same {@link io.vigil.notifier.chat.ChatMessage} into its service's API call and judging the answer with the SPI's
 * {@link io.vigil.spi.http.HttpFailurePolicy}: a rate limit is retried after the wait the service asked for, refused
 * credentials stop at once with "the service refused the credentials".
 *
 * <p>Everything here is internal to the plugin; it compiles against the SPI (and Jackson) only.
 */
package io.vigil.notifier.chat;
