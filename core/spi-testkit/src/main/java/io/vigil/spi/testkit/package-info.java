/**
 * Test support for plugin authors: hand-written fakes of the host ({@link io.vigil.spi.testkit.FakeSourceContext},
 * {@link io.vigil.spi.testkit.RecordingSink}, {@link io.vigil.spi.testkit.FakeNotifierContext}), fixtures for notifier
 * tests ({@link io.vigil.spi.testkit.Notifications}, {@link io.vigil.spi.testkit.StandardWebhooksVerifier}),
 * fuzzing on plain JUnit 5 ({@link io.vigil.spi.testkit.FuzzTries}: seeded tries as dynamic tests;
 * {@link io.vigil.spi.testkit.Mutations}: real fixtures mutated) and {@link io.vigil.spi.testkit.PluginContract}, the
 * checks every
 * plugin — built-in or third-party — must pass: it loads through {@code ServiceLoader}, its type names are unique and
 * well-formed, its configuration spec is valid and its defaults pass its own validation.
 */
package io.vigil.spi.testkit;
