package dev.p2pchat.traversal.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A NAT between a LAN and the realm outside it, with the behaviour of {@link NatBehavior}.
 *
 * <p>State is a table of <em>flows</em> (internal endpoint, remote endpoint) → external port, as a
 * connection-tracking NAT keeps it. The mapping behaviour decides when a new flow may reuse the external
 * port of an existing one; the filtering behaviour decides which inbound datagrams a port accepts. A flow
 * idle (no datagram either way) for the binding timeout is forgotten; a port lives while a flow uses it.
 */
public final class SimNat {
    private record Flow(InetSocketAddress inside, InetSocketAddress remote) {}

    private static final class Binding {
        final int port;
        Instant lastActive;

        Binding(int port, Instant lastActive) {
            this.port = port;
            this.lastActive = lastActive;
        }
    }

    private static final int FIRST_PORT = 1024;
    private static final int LAST_PORT = 65_535;

    private final SimulatedInternet internet;
    private final NatBehavior behavior;
    private final InetAddress publicAddress;
    private final Realm outside;
    private Realm inside;
    private final Map<Flow, Binding> flows = new LinkedHashMap<>();
    private final Map<Flow, Instant> unreplied = new HashMap<>();
    private int nextPort = 20_000;

    SimNat(SimulatedInternet internet, NatBehavior behavior, InetAddress publicAddress, Realm outside) {
        this.internet = internet;
        this.behavior = behavior;
        this.publicAddress = publicAddress;
        this.outside = outside;
    }

    void connectInside(Realm lan) {
        this.inside = lan;
    }

    public InetAddress publicAddress() {
        return publicAddress;
    }

    public NatBehavior behavior() {
        return behavior;
    }

    /** Forgets every mapping, as a NAT reboot or {@code conntrack -F} does. */
    public void flush() {
        flows.clear();
        unreplied.clear();
    }

    /** Live flows, for tests. */
    public int flowCount() {
        expire();
        return flows.size();
    }

    /** The external port of the live flow from {@code insideEndpoint} to {@code remote}, if any. */
    public Optional<Integer> externalPort(InetSocketAddress insideEndpoint, InetSocketAddress remote) {
        expire();
        return Optional.ofNullable(flows.get(new Flow(insideEndpoint, remote))).map(b -> b.port);
    }

    /** A datagram from the LAN for somewhere outside it (this NAT is the LAN's gateway). */
    void outbound(SimPacket packet) {
        if (packet.ttl() <= 1) { // dropped while forwarding, before the SNAT hook: no mapping is made
            internet.stats().drop(DropReason.TTL_EXPIRED);
            return;
        }
        boolean hairpin = packet.destination().getAddress().equals(publicAddress);
        if (hairpin && !behavior.hairpinning()) {
            internet.stats().drop(DropReason.NO_HAIRPIN);
            return;
        }
        expire();
        int port = portFor(packet.source(), packet.destination());
        SimPacket translated = packet.withSource(new InetSocketAddress(publicAddress, port)).withTtl(packet.ttl() - 1);
        if (hairpin) {
            inbound(translated);
        } else {
            outside.route(translated);
        }
    }

    /** A datagram that arrived at the public address. */
    void inbound(SimPacket packet) {
        expire();
        int port = packet.destination().getPort();
        InetSocketAddress owner = null;
        boolean allowed = false;
        for (Map.Entry<Flow, Binding> e : flows.entrySet()) {
            if (e.getValue().port == port) {
                owner = e.getKey().inside();
                allowed |= filterAllows(e.getKey().remote(), packet.source());
            }
        }
        if (owner == null || !allowed) {
            unreplied.put(new Flow(packet.destination(), packet.source()), internet.scheduler().now());
            internet.stats().drop(owner == null ? DropReason.NO_MAPPING : DropReason.FILTERED);
            return;
        }
        Binding exact = flows.get(new Flow(owner, packet.source()));
        if (exact != null) {
            exact.lastActive = internet.scheduler().now();
        }
        if (packet.ttl() <= 1) {
            internet.stats().drop(DropReason.TTL_EXPIRED);
            return;
        }
        inside.route(packet.withDestination(owner).withTtl(packet.ttl() - 1));
    }

    private boolean filterAllows(InetSocketAddress flowRemote, InetSocketAddress source) {
        return switch (behavior.filtering()) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS_DEPENDENT -> flowRemote.getAddress().equals(source.getAddress());
            case ADDRESS_AND_PORT_DEPENDENT -> flowRemote.equals(source);
        };
    }

    private int portFor(InetSocketAddress from, InetSocketAddress to) {
        Instant now = internet.scheduler().now();
        Flow flow = new Flow(from, to);
        Binding existing = flows.get(flow);
        if (existing != null) {
            existing.lastActive = now;
            return existing.port;
        }
        Integer reuse = reusablePort(from, to);
        int port = reuse != null && !clashes(to, reuse) ? reuse : allocate(from.getPort(), to);
        flows.put(flow, new Binding(port, now));
        return port;
    }

    /** The port a new flow shares with existing ones under this mapping behaviour, if any. */
    private Integer reusablePort(InetSocketAddress from, InetSocketAddress to) {
        for (Map.Entry<Flow, Binding> e : flows.entrySet()) {
            Flow f = e.getKey();
            boolean same = f.inside().equals(from) && switch (behavior.mapping()) {
                case ENDPOINT_INDEPENDENT -> true;
                case ADDRESS_DEPENDENT -> f.remote().getAddress().equals(to.getAddress());
                case ADDRESS_AND_PORT_DEPENDENT -> false;
            };
            if (same) {
                return e.getValue().port;
            }
        }
        return null;
    }

    private int allocate(int internalPort, InetSocketAddress remote) {
        if (behavior.allocation() == PortAllocation.PRESERVING && usable(internalPort, remote)) {
            return internalPort;
        }
        if (behavior.allocation() == PortAllocation.RANDOM) {
            for (int i = 0; i < 1000; i++) {
                int p = internet.random().nextInt(FIRST_PORT, LAST_PORT + 1);
                if (usable(p, remote)) {
                    return p;
                }
            }
        }
        for (int i = 0; i <= LAST_PORT - FIRST_PORT; i++) {
            int p = nextPort;
            nextPort = nextPort == LAST_PORT ? FIRST_PORT : nextPort + 1;
            if (usable(p, remote)) {
                return p;
            }
        }
        throw new IllegalStateException("simulated NAT " + publicAddress.getHostAddress() + " ran out of ports");
    }

    private boolean usable(int port, InetSocketAddress remote) {
        for (Binding b : flows.values()) {
            if (b.port == port) {
                return false;
            }
        }
        return !clashes(remote, port);
    }

    /** Linux conntrack: the reply tuple (remote → public:port) is taken by an unreplied inbound entry. */
    private boolean clashes(InetSocketAddress remote, int port) {
        return behavior.conntrackClash()
                && unreplied.containsKey(new Flow(new InetSocketAddress(publicAddress, port), remote));
    }

    private void expire() {
        Instant now = internet.scheduler().now();
        Duration timeout = behavior.bindingTimeout();
        for (Iterator<Binding> it = flows.values().iterator(); it.hasNext(); ) {
            if (!it.next().lastActive.plus(timeout).isAfter(now)) {
                it.remove();
            }
        }
        unreplied.values().removeIf(t -> !t.plus(NatBehavior.UNREPLIED_TIMEOUT).isAfter(now));
    }
}
