package dev.p2pchat.traversal;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Events of a {@link Path}, called on the agent's loop: return quickly and never block (hand work to your
 * own executor).
 */
public interface PathListener {
    /** A p2p payload frame (first byte 0xD2–0xDF, not a check frame) arrived from the peer on this path. */
    void onFrame(Path path, byte[] frame);

    /** A keepalive was answered; {@code rtt} is that round trip. */
    default void onRtt(Path path, Duration rtt) {}

    /**
     * The path now runs on another pair; {@link Path#kind()} tells which. Either the peer's NAT rebound
     * (checked before the switch: a PING with a valid tag came from {@code to}, and {@code to} answered a
     * fresh PING of ours), or the path moved from its relayed pair to a direct one that works, or back to
     * the relayed pair when the direct one died ({@code from} and {@code to} may then be equal: the peer's
     * address reached through our own relay).
     */
    default void onPathChanged(Path path, InetSocketAddress from, InetSocketAddress to) {}

    /** The path fell silent (or was closed by the agent); no more frames will come. Reconnect to go on. */
    default void onDead(Path path, String reason) {}
}
