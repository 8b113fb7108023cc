/**
 * Which PostgreSQL Vigil runs on, and Vigil's own one for a first run.
 *
 * <p>While Quarkus reads its configuration, {@link io.vigil.web.database.EmbeddedDatabaseConfig} makes the
 * {@link io.vigil.web.database.DatabaseChoice}: an explicitly configured datasource URL always wins; otherwise the
 * server at the {@link io.vigil.web.database.DefaultAddress} when one answers there, else the
 * {@link io.vigil.web.database.EmbeddedPostgres} of the state folder ({@code .vigil/}). The embedded server is zonky's
 * packaged PostgreSQL ({@link io.vigil.web.database.PostgresBinaries}) run by a
 * {@link io.vigil.web.database.ServerAccount} that is never root, on a free port on 127.0.0.1, stopped with the JVM.
 * {@link io.vigil.web.database.DatabaseNotice} says in the log what was chosen; the dashboard shows it.
 */
package io.vigil.web.database;
