package dev.p2pchat.traversal;

import dev.p2pchat.traversal.check.Credentials;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.stun.StunClient;
import dev.p2pchat.traversal.stun.StunResult;
import dev.p2pchat.traversal.turn.RelayedEndpoint;

/**
 * Candidate gathering for the shared endpoint (RFC 8445 §5.1.1): host candidates from the interfaces,
 * server-reflexive ones from STUN. Runs on the agent's loop.
 */
final class Gatherer {
    private static final System.Logger LOG = System.getLogger(Gatherer.class.getName());

    private final DatagramNetwork network;
    private final TraversalAgent agent;
    private final StunClient stun;
    private final Map<InetSocketAddress, InetSocketAddress> reflexive = new ConcurrentHashMap<>();
    private Cancellable keepalive = Cancellable.NONE;

    Gatherer(DatagramNetwork network, TraversalAgent agent, StunClient stun) {
        this.network = network;
        this.agent = agent;
        this.stun = stun;
    }

    /** Host candidates now, server-reflexive ones as STUN answers, complete at the last answer or the timeout. */
    void gather(Credentials credentials, CompletableFuture<PeerDescription> result) {
        gather(credentials, result, agent.endpoint(), stun);
    }

    /**
     * Gathers for {@code socket}: the shared endpoint, or a fresh one with its own STUN client (see
     * {@link TraversalAgent#gather()} on fresh ports after a loss).
     */
    void gather(Credentials credentials, CompletableFuture<PeerDescription> result, DatagramEndpoint socket,
                StunClient stun) {
        boolean shared = socket == agent.endpoint();
        List<Candidate> candidates = new ArrayList<>();
        try {
            candidates.addAll(hostCandidates(socket.localAddress()));
        } catch (IOException e) {
            result.completeExceptionally(e);
            return;
        }
        Integer[] ports = new Integer[2];
        Runnable complete = () -> result.complete(new PeerDescription(credentials.ufrag().toString(),
                credentials.key().encode(), candidates, mappedPorts(ports)));
        List<InetSocketAddress> servers = agent.config().stunServers();
        CompletableFuture<Optional<RelayedEndpoint>> relayed = agent.relay().forGathering();
        if (servers.isEmpty() && relayed.isDone()) {
            relayed.join().ifPresent(r -> candidates.add(relayCandidate(r)));
            complete.run();
            return;
        }
        Cancellable deadline = agent.loop().schedule(agent.config().gatherTimeout(), complete);
        int[] outstanding = {servers.size() + 1};
        Runnable oneDone = () -> {
            if (--outstanding[0] == 0 && !result.isDone()) {
                deadline.cancel();
                complete.run();
            }
        };
        for (InetSocketAddress server : servers) {
            boolean first = server.equals(servers.getFirst());
            stun.binding(server).thenAccept(r -> agent.loop().execute(() -> {
                learn(server, r, shared).ifPresent(c -> addUnlessRedundant(candidates, c));
                if (first) {
                    mappedPort(r).ifPresent(p -> ports[0] = p);
                    otherAddress(r).ifPresent(other -> {
                        outstanding[0]++;
                        stun.binding(other).thenAccept(r2 -> agent.loop().execute(() -> {
                            mappedPort(r2).ifPresent(p -> ports[1] = p);
                            oneDone.run();
                        }));
                    });
                }
                oneDone.run();
            }));
        }
        relayed.thenAccept(r -> agent.loop().execute(() -> {
            r.ifPresent(endpoint -> candidates.add(relayCandidate(endpoint)));
            oneDone.run();
        }));
    }

    /** RFC 8445 §5.1.1.2: the relayed address, based on the TURN server it came from. */
    private Candidate relayCandidate(RelayedEndpoint r) {
        return Candidate.of(CandidateType.RELAY, r.localAddress(), Priorities.MAX_LOCAL_PREFERENCE,
                foundation(CandidateType.RELAY, agent.localAddress().getAddress(), r.server()));
    }

    /**
     * RFC 5780 §4.3, the first step: the port mapped toward the server and toward its alternate address tell
     * an endpoint-independent mapping (equal) from an address-dependent one, which the peer must know to
     * punch it (see {@link HardNatPlan}).
     */
    private static List<Integer> mappedPorts(Integer[] ports) {
        return ports[0] == null || ports[1] == null ? List.of() : List.of(ports[0], ports[1]);
    }

    private static Optional<Integer> mappedPort(StunResult r) {
        return r instanceof StunResult.Success s ? s.mapped().map(InetSocketAddress::getPort) : Optional.empty();
    }

    private static Optional<InetSocketAddress> otherAddress(StunResult r) {
        return r instanceof StunResult.Success s
                ? s.response().first(dev.p2pchat.protocol.stun.AddressAttribute.OtherAddress.class)
                        .map(dev.p2pchat.protocol.stun.AddressAttribute::address)
                : Optional.empty();
    }

    /** Our address as each STUN server last saw it. */
    Map<InetSocketAddress, InetSocketAddress> serverReflexive() {
        return Map.copyOf(reflexive);
    }

    /** Binding requests to every STUN server every {@code stunKeepaliveInterval}: keeps the srflx mapping open. */
    void startKeepalive() {
        Duration interval = agent.config().stunKeepaliveInterval();
        if (interval.isZero() || agent.config().stunServers().isEmpty()) {
            return;
        }
        if (agent.provenMappingLifetime().isPositive()) {
            interval = agent.keepaliveInterval(); // what the NAT was shown to allow, wider or narrower
        }
        keepalive = agent.loop().schedule(interval, () -> {
            checkMapping();
            startKeepalive();
        });
    }

    /** A Binding request to every STUN server from the shared socket; an answer with a new address is a changed mapping. */
    void checkMapping() {
        for (InetSocketAddress server : agent.config().stunServers()) {
            stun.binding(server).thenAccept(r -> agent.loop().execute(() -> learn(server, r)));
        }
    }

    void stop() {
        keepalive.cancel();
        stun.close();
    }

    private Optional<Candidate> learn(InetSocketAddress server, StunResult result) {
        return learn(server, result, true);
    }

    /** {@code shared}: the answer concerns the shared endpoint, whose mapping the agent tracks. */
    private Optional<Candidate> learn(InetSocketAddress server, StunResult result, boolean shared) {
        if (!(result instanceof StunResult.Success s) || s.mapped().isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "STUN " + server + ": " + result);
            return Optional.empty();
        }
        InetSocketAddress mapped = s.mapped().get();
        if (!shared) {
            return Optional.of(Candidate.of(CandidateType.SRFLX, mapped, Priorities.MAX_LOCAL_PREFERENCE,
                    foundation(CandidateType.SRFLX, agent.localAddress().getAddress(), server)));
        }
        InetSocketAddress before = reflexive.put(server, mapped);
        if (before != null && !before.equals(mapped)) {
            LOG.log(System.Logger.Level.INFO, "NAT mapping changed: " + before + " -> " + mapped + " (via " + server + ")");
            agent.mappingChanged();
        }
        return Optional.of(Candidate.of(CandidateType.SRFLX, mapped, Priorities.MAX_LOCAL_PREFERENCE,
                foundation(CandidateType.SRFLX, agent.localAddress().getAddress(), server)));
    }

    /** RFC 8445 §5.1.3: a server-reflexive candidate equal to a host one (no NAT) or another srflx adds nothing. */
    private static void addUnlessRedundant(List<Candidate> candidates, Candidate c) {
        if (candidates.stream().noneMatch(other -> other.address().equals(c.address()))) {
            candidates.add(c);
        }
    }

    /**
     * One host candidate per interface address, on the shared endpoint's port. Loopback is left out unless
     * configured, or unless it is all there is (two peers on one machine without a network).
     */
    List<Candidate> hostCandidates() throws IOException {
        return hostCandidates(agent.localAddress());
    }

    private List<Candidate> hostCandidates(InetSocketAddress bound) throws IOException {
        List<InetAddress> addresses = bound.getAddress().isAnyLocalAddress()
                ? network.localAddresses() : List.of(bound.getAddress());
        boolean onlyLoopback = addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        List<Candidate> out = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() && !onlyLoopback && !agent.config().includeLoopback()) {
                continue;
            }
            int localPreference = Math.max(0, Priorities.MAX_LOCAL_PREFERENCE - out.size());
            out.add(Candidate.of(CandidateType.HOST, new InetSocketAddress(a, bound.getPort()), localPreference,
                    foundation(CandidateType.HOST, a, null)));
        }
        return out;
    }

    /** RFC 8445 §5.1.1.3: equal for the same type, base address and STUN server. */
    static String foundation(CandidateType type, InetAddress base, InetSocketAddress server) {
        String key = type + "|" + base.getHostAddress() + "|" + (server == null ? "" : server.toString());
        return HexFormat.of().toHexDigits(key.hashCode());
    }
}
