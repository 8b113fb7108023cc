/** The host's SHA-256 digests ({@link io.vigil.engine.digest.Sha256}), one implementation for every stored hash. */
package io.vigil.engine.digest;
