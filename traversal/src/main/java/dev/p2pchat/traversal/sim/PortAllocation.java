package dev.p2pchat.traversal.sim;

/** How a NAT picks the external port of a new mapping (RFC 4787 §4.2.1). */
public enum PortAllocation {
    /** The internal port if it is free, else the next free one (Linux MASQUERADE's default). */
    PRESERVING,
    /** The next free port after the last one given out. */
    SEQUENTIAL,
    /** A random free port ({@code --random-fully}). */
    RANDOM
}
