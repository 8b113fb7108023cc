package io.vigil.engine.plugin;

/**
 * Runs a call into a plugin with the plugin's class loader as the thread's context class loader, and restores the
 * caller's afterwards. Libraries a plugin brings (JSON mappers, XML parsers, {@link java.util.ServiceLoader} users)
 * look classes up through the context loader; without this they would see the host's classes instead of their own.
 */
public final class PluginCalls {

    private PluginCalls() {}

    /** A call into a plugin that may throw what the SPI method declares. */
    @FunctionalInterface
    public interface PluginCall<T, E extends Exception> {
        T call() throws E;
    }

    /** A call into a plugin that answers nothing. */
    @FunctionalInterface
    public interface PluginAction<E extends Exception> {
        void run() throws E;
    }

    /** Calls {@code call} with the class loader of {@code plugin} (a factory or an instance it made) as context loader. */
    public static <T, E extends Exception> T call(Object plugin, PluginCall<T, E> call) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader own = plugin.getClass().getClassLoader();
        thread.setContextClassLoader(own);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Makes {@code plugin}'s class loader the thread's context loader, for a call whose checked exceptions the caller
     * catches one by one; answers the caller's loader, which {@link #leave} restores in a {@code finally}.
     */
    public static ClassLoader enter(Object plugin) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.getClass().getClassLoader());
        return previous;
    }

    /** Restores the context loader {@link #enter} answered. */
    public static void leave(ClassLoader previous) {
        Thread.currentThread().setContextClassLoader(previous);
    }

    /** Runs {@code action} with the class loader of {@code plugin} as context loader. */
    public static <E extends Exception> void run(Object plugin, PluginAction<E> action) throws E {
        call(plugin, () -> {
            action.run();
            return null;
        });
    }
}
