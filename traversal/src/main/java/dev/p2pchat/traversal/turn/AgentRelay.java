package dev.p2pchat.traversal.turn;

import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramHandler;
import dev.p2pchat.traversal.net.Demultiplexer;
import dev.p2pchat.traversal.net.PacketClass;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The traversal agent's relay: at most one TURN allocation on the agent's shared endpoint, and the
 * routing that lets connectivity checks and paths use it like a second socket.
 *
 * <ul>
 *   <li>Inbound: p2p frames that peers send to our relayed address arrive through the TURN client; they
 *       go to the agent's p2p handler as if they had come straight from the peer, and their source is
 *       remembered as reached <em>via the relay</em>.
 *   <li>Outbound: {@link #send} to an address reached via the relay goes through it (ChannelData once a
 *       channel is bound); everything else leaves the shared endpoint directly.
 *   <li>Permissions: {@link #permit} installs one for every IP of a peer's candidates when a connection
 *       starts, so that the peer's checks toward our relayed address are let through even before we
 *       have sent it anything.
 * </ul>
 *
 * A peer reached via the relay is the only kind of remote address whose frames come through it, so the
 * route is learnt from traffic and never needs configuring. Methods run on the agent's loop unless noted.
 */
public final class AgentRelay implements AutoCloseable {
    /**
     * Routes kept at most: only peers we gave a permission to can reach us through the relay, so this is
     * never reached in use; past it, new sources are still delivered but answered directly.
     */
    static final int MAX_ROUTES = 1024;

    private final DatagramEndpoint shared;
    private final Demultiplexer demux;
    private final TaskLoop loop;
    private final RandomGenerator random;
    private final TurnTiming timing;
    private final Supplier<Duration> keepaliveSpacing;
    private final DatagramHandler p2pInbound;
    private final Set<InetSocketAddress> viaRelay = ConcurrentHashMap.newKeySet();
    /** Addresses p2p frames came from straight to the shared endpoint: if one also comes through the relay, the direct way wins. */
    private final Set<InetSocketAddress> direct = ConcurrentHashMap.newKeySet();
    private final AtomicLong droppedInbound = new AtomicLong();
    private volatile TurnClient client;
    /** Those of the last {@link #allocate}; null before. */
    private volatile TurnCredentials credentials;
    /** The allocation while it stands; null before, after a loss and after close. */
    private volatile RelayedEndpoint current;
    private volatile CompletableFuture<RelayedEndpoint> allocation = CompletableFuture.failedFuture(
            new TurnException(new TurnError.Closed()));

    /**
     * @param keepaliveSpacing how far apart the allocation's keepalives may be (see
     *     {@link TurnClient#keepaliveSpacing}), asked at each one
     * @param p2pInbound the agent's handler of p2p frames (called on the loop)
     */
    public AgentRelay(DatagramEndpoint shared, Demultiplexer demux, TaskLoop loop, RandomGenerator random,
                      TurnTiming timing, Supplier<Duration> keepaliveSpacing, DatagramHandler p2pInbound) {
        this.keepaliveSpacing = keepaliveSpacing;
        this.shared = shared;
        this.demux = demux;
        this.loop = loop;
        this.random = random;
        this.timing = timing;
        this.p2pInbound = p2pInbound;
    }

    /**
     * Allocates on the server of {@code credentials}, replacing any previous allocation; any thread. The
     * relayed candidate is offered by the next gathering once this completes.
     */
    public CompletableFuture<RelayedEndpoint> allocate(TurnCredentials credentials) {
        this.credentials = credentials;
        TurnClient previous = client;
        if (previous != null) {
            previous.close();
        }
        TurnClient next = new TurnClient(shared, loop, credentials, random, timing);
        next.keepaliveSpacing(keepaliveSpacing);
        next.registerChannelData(demux);
        client = next;
        current = null;
        next.onLost(error -> {
            if (client == next) {
                current = null;
            }
        });
        CompletableFuture<RelayedEndpoint> result = next.allocate().thenApply(relayed -> {
            relayed.receive(this::fromRelay);
            if (client == next) {
                current = relayed;
            }
            return relayed;
        });
        allocation = result;
        return result;
    }

    /**
     * Our NAT mapped the shared socket to a new address: the allocation, which the server ties to the old
     * one, is out of reach (RFC 8656 §2.2, the 5-tuple). Allocates again with the same credentials, if
     * there ever was an allocation; any thread.
     */
    public void reallocate() {
        TurnCredentials last = credentials;
        if (last != null && client != null) {
            allocate(last);
        }
    }

    /** The allocation in progress or made; failed if there is none. Any thread. */
    public CompletableFuture<RelayedEndpoint> allocation() {
        return allocation;
    }

    /**
     * For a gathering: the relayed endpoint once the allocation in progress is made, empty if there is
     * none or it failed. Completes on the loop.
     */
    public CompletableFuture<Optional<RelayedEndpoint>> forGathering() {
        return allocation.handle((r, failed) -> failed == null && r == current ? Optional.of(r) : Optional.empty());
    }

    /** The relayed endpoint if the allocation is made and still stands. Any thread. */
    public Optional<RelayedEndpoint> relayed() {
        return Optional.ofNullable(current);
    }

    /** The current allocation's counters, if there is a TURN client. */
    public Optional<TurnClientStats> stats() {
        return Optional.ofNullable(client).map(TurnClient::stats);
    }

    /** A STUN-class datagram on the shared endpoint: true if it was the TURN client's. */
    public boolean onStun(Datagram d) {
        TurnClient c = client;
        return c != null && c.onStun(d);
    }

    /** Installs permissions for the IPs of {@code peers} (a connection starts); any thread. */
    public void permit(Collection<InetSocketAddress> peers) {
        relayed().ifPresent(r -> peers.stream().map(InetSocketAddress::getAddress).distinct()
                .filter(ip -> ip.getClass() == r.localAddress().getAddress().getClass())
                .forEach(r::permit));
    }

    /** Stops keeping {@code ip}'s permission (the connection ended); any thread. */
    public void forget(InetAddress ip) {
        relayed().ifPresent(r -> r.forget(ip));
    }

    /**
     * A p2p frame arrived on the shared endpoint straight from {@code peer}. If the peer also reaches us
     * through the relay (it checks our relayed address too), the direct way is the one to answer on:
     * its NAT lets our datagrams in, and the relay is the last resort.
     */
    public void heardDirectly(InetSocketAddress peer) {
        if (current != null && direct.size() < MAX_ROUTES) {
            direct.add(peer); // in either order: the relayed copy of a check may come after the direct one
        }
    }

    /** Whether datagrams to {@code peer} go through the relay; any thread. */
    public boolean routesViaRelay(InetSocketAddress peer) {
        return viaRelay.contains(peer) && !direct.contains(peer) && current != null;
    }

    /** Whether p2p frames from {@code peer} ever came through the relay: it is reachable there. */
    public boolean reachedViaRelay(InetSocketAddress peer) {
        return viaRelay.contains(peer) && current != null;
    }

    /**
     * Sends through the allocation whatever the learnt route: for answers to frames that came through it
     * and for a path that fell back to it. Dropped without an allocation, like a datagram on a dead route.
     */
    public void sendViaRelay(InetSocketAddress to, byte[] data) {
        RelayedEndpoint r = current;
        if (r != null) {
            r.send(to, data);
        }
    }

    /** Sends on the route {@code to} is reached by: the relay or the shared endpoint directly; any thread. */
    public void send(InetSocketAddress to, byte[] data) {
        RelayedEndpoint r = current;
        if (r != null && routesViaRelay(to)) {
            r.send(to, data);
        } else {
            shared.send(to, data);
        }
    }

    /** Datagrams from the relay that were not p2p frames (a peer has no business sending anything else). */
    public long droppedInbound() {
        return droppedInbound.get();
    }

    /** Addresses reached via the relay so far (each counted once). */
    public int routes() {
        return viaRelay.size();
    }

    /** Deletes the allocation; any thread. */
    @Override
    public void close() {
        current = null;
        credentials = null;
        TurnClient c = client;
        if (c != null) {
            c.close();
        }
        demux.unregister(PacketClass.CHANNEL_DATA);
    }

    private void fromRelay(Datagram d) {
        if (PacketClass.of(d.firstByte()) != PacketClass.P2P) {
            droppedInbound.incrementAndGet();
            return;
        }
        if (viaRelay.size() < MAX_ROUTES) {
            viaRelay.add(d.source());
        }
        p2pInbound.onDatagram(d);
    }
}
