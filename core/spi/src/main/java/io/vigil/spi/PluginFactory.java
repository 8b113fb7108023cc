package io.vigil.spi;

import io.vigil.spi.config.ConfigSpec;
import java.util.Optional;

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

    /**
     * The config field holding the address this type reaches, if it has one: a feed's or page's URL, a channel's
     * recipients or webhook URL. For a source, the scheduler limits concurrent fetches per host of that address
     * ({@code vigil.sources.max-fetches-per-host}); sources of a type without one (a folder) are not limited. Lists show
     * its value next to the name, unless the field is secret. None unless overridden.
     */
    default Optional<String> addressField() {
        return Optional.empty();
    }

    /**
     * A fresh value for a field the user saved without one, when this type makes its own (a signing secret, say): the
     * platform fills it in before validating and shows it to the user once. Asked only of fields left blank on a new
     * configuration, or on one whose saved value is gone; never asked again for a field that has a value. Must be
     * thread-safe; none unless overridden.
     *
     * @param field a field name of {@link #configSpec()}
     */
    default Optional<String> generatedValue(String field) {
        return Optional.empty();
    }
}
