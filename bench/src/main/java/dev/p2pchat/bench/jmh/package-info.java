/**
 * JMH benchmarks of the per-packet hot paths, run by {@code bench/hot-paths} with {@code -prof gc}
 * (ops/s and bytes allocated per op). Every benchmark returns what it computed, so the JIT cannot
 * drop the work, and checks once in its setup that the work is right, so a broken codec fails the
 * run instead of timing an exception path.
 */
package dev.p2pchat.bench.jmh;
