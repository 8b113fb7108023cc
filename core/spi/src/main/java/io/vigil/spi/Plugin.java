package io.vigil.spi;

import io.vigil.spi.notify.NotifierFactory;
import io.vigil.spi.rule.RuleTypeFactory;
import io.vigil.spi.source.SourceFactory;
import java.util.List;

/**
 * The entry point of a plugin jar: lists the types it contributes.
 *
 * <p>Register the implementation in {@code META-INF/services/io.vigil.spi.Plugin}. It needs a public no-argument
 * constructor and must not do work in it: Vigil instantiates it once at start-up and only asks for its factories.
 * Every getter defaults to none, so a plugin overrides only the kinds it provides.
 */
public interface Plugin {

    /** Source types: where articles come from (feeds, folders, web pages, …). */
    default List<SourceFactory> sourceFactories() {
        return List.of();
    }

    /** Rule types: how a watch rule decides that an article matches. */
    default List<RuleTypeFactory> ruleTypeFactories() {
        return List.of();
    }

    /** Notifier types: the channels alerts are delivered through (email, webhook, …). */
    default List<NotifierFactory> notifierFactories() {
        return List.of();
    }
}
