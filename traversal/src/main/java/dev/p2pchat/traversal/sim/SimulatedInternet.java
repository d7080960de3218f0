package dev.p2pchat.traversal.sim;

import java.net.InetAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * An in-memory internet for fast, deterministic tests of traversal logic (after pion's vnet and
 * Tailscale's natlab): public hosts, LANs behind NATs of every RFC 4787 behaviour, link latency and loss,
 * TTLs that routers decrement, all on virtual time ({@link #scheduler()}). Everything random draws from one
 * generator seeded here, so a seed replays a run exactly.
 *
 * <p>Single-threaded: build it, then drive it with {@code scheduler().runUntil(...)} from the test thread.
 *
 * <pre>
 *   [host 10.1.0.2] -- LAN 10.1/24 -- [NAT 198.18.1.1] --+                        +-- [public host 198.18.0.10]
 *                                                         +-- internet (1 hop) ---+
 *   [host 10.2.0.2] -- LAN 10.2/24 -- [NAT 198.18.2.1] --+                        +-- ...
 * </pre>
 */
public final class SimulatedInternet {
    /** One-way delay across the internet core. */
    public static final LinkProfile DEFAULT_INTERNET_LINK = LinkProfile.of(Duration.ofMillis(20));
    public static final LinkProfile DEFAULT_LAN_LINK = LinkProfile.of(Duration.ofMillis(1));

    private final SimScheduler scheduler = new SimScheduler();
    private final SimStats stats = new SimStats();
    private final RandomGenerator random;
    private final Realm core;
    private int lans;

    public SimulatedInternet(long seed) {
        this(seed, DEFAULT_INTERNET_LINK);
    }

    public SimulatedInternet(long seed, LinkProfile internetLink) {
        this.random = new SplittableRandom(seed);
        this.core = new Realm(this, internetLink, 1, null);
    }

    public SimScheduler scheduler() {
        return scheduler;
    }

    public SimStats stats() {
        return stats;
    }

    /** The seeded generator behind loss, jitter and random ports; agents in tests may draw from it too. */
    public RandomGenerator random() {
        return random;
    }

    /** Changes the internet core's link from now on. */
    public void setInternetLink(LinkProfile link) {
        core.setLink(link);
    }

    /** A host with a public address (e.g. "198.18.0.10"). */
    public SimHost addPublicHost(String address) {
        return new SimHost(this, core, address(address));
    }

    /** A LAN behind a NAT with public address {@code publicAddress}. */
    public SimLan addLan(String publicAddress, NatBehavior behavior) {
        return addLan(publicAddress, behavior, DEFAULT_LAN_LINK);
    }

    public SimLan addLan(String publicAddress, NatBehavior behavior, LinkProfile lanLink) {
        return addLanBehind(core, address(publicAddress), behavior, lanLink);
    }

    SimLan addLanBehind(Realm outside, InetAddress publicAddress, NatBehavior behavior, LinkProfile lanLink) {
        SimNat nat = new SimNat(this, behavior, publicAddress, outside);
        outside.attach(publicAddress, nat::inbound);
        Realm lan = new Realm(this, lanLink, 0, nat::outbound);
        nat.connectInside(lan);
        return new SimLan(this, lan, nat, ++lans);
    }

    static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
