/**
 * What Vigil accepts from a caller before anything is stored: the bounds of the free texts a user, a script or a push
 * may save ({@link io.vigil.engine.input.TextLimits}). Every text column is PostgreSQL {@code text}, which holds up to
 * a gigabyte, so the bounds live here, checked at the input, not in the schema.
 */
package io.vigil.engine.input;
