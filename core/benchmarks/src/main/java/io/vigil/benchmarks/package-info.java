/**
 * Benchmarks run on demand (never during {@code test}); each is a main class printing its figures. See
 * {@code docs/benchmarks.md} for how to run them and the recorded results.
 */
package io.vigil.benchmarks;
