package dev.p2pchat.traversal.nat;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ChangeRequest;
import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramNetwork;
import dev.p2pchat.traversal.stun.StunClient;
import dev.p2pchat.traversal.stun.StunResult;
import dev.p2pchat.traversal.stun.StunTiming;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * NAT behaviour discovery against a STUN server with an alternate address (RFC 5780 §4): mapping by
 * comparing the mapped addresses toward the primary and the alternate address (§4.3), filtering by asking
 * the server to answer from another address or port with CHANGE-REQUEST (§4.4, from a fresh socket so that
 * the mapping tests have not opened the filter already), and hairpinning (§4.5). A test that gets no
 * answer ends on {@link #PROBE_TIMING}, so the whole probe takes seconds, not the minutes of RFC timing.
 */
public final class NatProbe {
    /** Silence is an answer in these tests: retransmit twice, then wait 1.2 s (about 2 s per test). */
    public static final StunTiming PROBE_TIMING = new StunTiming(Duration.ofMillis(300), 3, 4);

    private final DatagramNetwork network;
    private final TaskLoop loop;
    private final RandomGenerator random;
    private final StunTiming timing;
    private final List<DatagramEndpoint> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    public NatProbe(DatagramNetwork network, TaskLoop loop, RandomGenerator random, StunTiming timing) {
        this.network = network;
        this.loop = loop;
        this.random = random;
        this.timing = timing;
    }

    /** Runs every test; the report's empty fields say what could not be tested. Sockets are closed at the end. */
    public CompletableFuture<NatReport> probe(InetSocketAddress server) {
        Client main;
        try {
            main = open();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return main.stun.binding(server).thenCompose(first -> {
            if (!(first instanceof StunResult.Success s) || s.mapped().isEmpty()) {
                return CompletableFuture.completedFuture(new NatReport(main.local(), false, Optional.empty(),
                        true, Optional.empty(), Optional.empty(), Optional.empty()));
            }
            InetSocketAddress mapped = s.mapped().get();
            Optional<InetSocketAddress> other = s.response().first(AddressAttribute.OtherAddress.class)
                    .map(AddressAttribute::address);
            boolean behindNat = !isLocal(mapped, main.local());
            CompletableFuture<Optional<MappingBehavior>> mapping = other.isEmpty()
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : behindNat ? mapping(main, server, other.get(), mapped)
                    : CompletableFuture.completedFuture(Optional.of(MappingBehavior.ENDPOINT_INDEPENDENT));
            return mapping.thenCompose(m -> filtering(server, other).thenCompose(f -> hairpin(main, mapped)
                    .thenApply(h -> new NatReport(main.local(), true, Optional.of(mapped), behindNat, m, f, h))));
        }).whenComplete((r, e) -> closeAll());
    }

    /** RFC 5780 §4.3: toward (alternate IP, primary port), then the full alternate address. */
    private CompletableFuture<Optional<MappingBehavior>> mapping(Client c, InetSocketAddress server,
                                                                 InetSocketAddress other, InetSocketAddress x1) {
        InetSocketAddress altIp = new InetSocketAddress(other.getAddress(), server.getPort());
        return c.stun.binding(altIp).thenCompose(r2 -> {
            Optional<InetSocketAddress> x2 = mappedOf(r2);
            if (x2.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            if (x2.get().equals(x1)) {
                return CompletableFuture.completedFuture(Optional.of(MappingBehavior.ENDPOINT_INDEPENDENT));
            }
            return c.stun.binding(other).thenApply(r3 -> mappedOf(r3).map(x3 -> x3.equals(x2.get())
                    ? MappingBehavior.ADDRESS_DEPENDENT : MappingBehavior.ADDRESS_AND_PORT_DEPENDENT));
        });
    }

    /** RFC 5780 §4.4 on a fresh socket: answers from another IP and port, then from another port only. */
    private CompletableFuture<Optional<FilteringBehavior>> filtering(InetSocketAddress server,
                                                                     Optional<InetSocketAddress> other) {
        if (other.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Client c;
        try {
            c = open();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return c.stun.binding(server).thenCompose(open -> {
            if (mappedOf(open).isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<FilteringBehavior>empty());
            }
            return c.stun.binding(server, new ChangeRequest(true, true)).thenCompose(both -> mappedOf(both).isPresent()
                    ? CompletableFuture.completedFuture(Optional.of(FilteringBehavior.ENDPOINT_INDEPENDENT))
                    : c.stun.binding(server, new ChangeRequest(false, true)).thenApply(port -> Optional.of(
                            mappedOf(port).isPresent() ? FilteringBehavior.ADDRESS_DEPENDENT
                                    : FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT)));
        });
    }

    /** RFC 5780 §4.5: a request from a second socket to our own mapped address; does it come back in? */
    private CompletableFuture<Optional<Boolean>> hairpin(Client main, InetSocketAddress mapped) {
        Client probe;
        try {
            probe = open();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<Boolean>> seen = new CompletableFuture<>();
        main.stun.onRequest((request, from) -> seen.complete(Optional.of(true)));
        probe.stun.binding(mapped).thenAccept(r -> seen.complete(Optional.of(false)));
        return seen;
    }

    private static Optional<InetSocketAddress> mappedOf(StunResult r) {
        return r instanceof StunResult.Success s ? s.mapped() : Optional.empty();
    }

    private boolean isLocal(InetSocketAddress mapped, InetSocketAddress local) {
        try {
            return mapped.getPort() == local.getPort() && network.localAddresses().contains(mapped.getAddress());
        } catch (IOException e) {
            return false;
        }
    }

    private record Client(DatagramEndpoint endpoint, StunClient stun) {
        InetSocketAddress local() {
            return endpoint.localAddress();
        }
    }

    private Client open() throws IOException {
        DatagramEndpoint endpoint = network.bind(new InetSocketAddress(0));
        opened.add(endpoint);
        StunClient client = new StunClient(endpoint, loop, random, timing);
        endpoint.receive(d -> loop.execute(() -> client.onDatagram(d)));
        return new Client(endpoint, client);
    }

    private void closeAll() {
        opened.forEach(DatagramEndpoint::close);
        opened.clear();
    }
}
