/**
 * The alert aggregate: one alert per (rule, story) and everything about it — the articles that joined it, who
 * acknowledged and judged it, the digests it is owed to, its escalation. {@link io.vigil.engine.alert.Alerts} is the one
 * owner of the {@code alert}, {@code alert_article} and {@code alert_digest_queue} tables (its javadoc walks through an
 * alert's life); {@link io.vigil.engine.alert.AlertNotices} reads what notifications report;
 * {@link io.vigil.engine.alert.AlertRaised} tells delivery, inside the article's transaction, that an alert opened or
 * grew.
 */
package io.vigil.engine.alert;
