/**
 * The registry: which username is bound to which keys, since when, and when it was last seen. It
 * never holds message content. {@link dev.p2pchat.server.registry.RegistryStore} is the seam: a
 * SQLite file by default, an in-memory map for tests, PostgreSQL later for several instances.
 */
package dev.p2pchat.server.registry;
