package io.vigil.spi;

import io.vigil.spi.config.ConfigSpec;

/**
 * What every factory describes about the type it makes; the platform draws forms and validates input from it.
 *
 * <p>Factories are stateless descriptions, shared by all threads; the instances they create do the work.
 */
public interface PluginFactory {

    /** A stable lowercase identifier such as {@code rss}; stored with user data, so never change it. */
    String type();

    /** A short human name for the UI, such as "RSS or Atom feed". */
    String label();

    /** One or two sentences for the UI explaining what this type does. */
    default String description() {
        return "";
    }

    /** The configuration fields this type accepts; validated by the platform before {@code create} sees them. */
    ConfigSpec configSpec();
}
