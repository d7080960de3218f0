package dev.p2pchat.traversal.sim;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One routing domain: the public internet, or a LAN behind a NAT. It knows the nodes attached to it by
 * address; a datagram for an address it does not know goes to its gateway NAT, or nowhere on the internet.
 * Crossing the internet costs {@code hops} TTL (its core routers); a LAN is one link and costs none.
 */
final class Realm {
    /** Something attached to a realm that datagrams can be delivered to: a host, or a NAT's outer side. */
    interface Node {
        void deliver(SimPacket packet);
    }

    private final SimulatedInternet internet;
    private final Map<InetAddress, Node> nodes = new HashMap<>();
    private final int hops;
    private final Node gateway;
    private LinkProfile link;

    Realm(SimulatedInternet internet, LinkProfile link, int hops, Node gateway) {
        this.internet = internet;
        this.link = link;
        this.hops = hops;
        this.gateway = gateway;
    }

    void attach(InetAddress address, Node node) {
        if (nodes.putIfAbsent(address, node) != null) {
            throw new IllegalArgumentException(address.getHostAddress() + " is already in use");
        }
    }

    boolean contains(InetAddress address) {
        return nodes.containsKey(address);
    }

    void setLink(LinkProfile link) {
        this.link = link;
    }

    LinkProfile link() {
        return link;
    }

    /** Carries {@code packet}, emitted by a node of this realm, to its next node after the link's delay. */
    void route(SimPacket packet) {
        Node target = nodes.getOrDefault(packet.destination().getAddress(), gateway);
        if (target == null) {
            internet.stats().drop(DropReason.NO_ROUTE);
            return;
        }
        int ttl = packet.ttl() - hops;
        if (ttl <= 0) {
            internet.stats().drop(DropReason.TTL_EXPIRED);
            return;
        }
        RandomGenerator random = internet.random();
        if (link.loss() > 0 && random.nextDouble() < link.loss()) {
            internet.stats().drop(DropReason.LOST);
            return;
        }
        Duration delay = link.latency();
        if (link.jitter().isPositive()) {
            delay = delay.plusNanos(random.nextLong(link.jitter().toNanos() + 1));
        }
        SimPacket forwarded = packet.withTtl(ttl);
        internet.scheduler().schedule(delay, () -> target.deliver(forwarded));
    }
}
