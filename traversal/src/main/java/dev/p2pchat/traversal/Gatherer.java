package dev.p2pchat.traversal;

import dev.p2pchat.traversal.check.Credentials;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Candidate gathering for the shared endpoint (RFC 8445 §5.1.1): host candidates from the interfaces,
 * server-reflexive ones from STUN. Runs on the agent's loop.
 */
final class Gatherer {
    private final DatagramNetwork network;
    private final TraversalAgent agent;

    Gatherer(DatagramNetwork network, TraversalAgent agent) {
        this.network = network;
        this.agent = agent;
    }

    void gather(Credentials credentials, CompletableFuture<PeerDescription> result) {
        List<Candidate> host;
        try {
            host = hostCandidates();
        } catch (IOException e) {
            result.completeExceptionally(e);
            return;
        }
        result.complete(new PeerDescription(credentials.ufrag().toString(), credentials.key().encode(), host));
    }

    void startKeepalive() {}

    void stop() {}

    /**
     * One host candidate per interface address, on the shared endpoint's port. Loopback is left out unless
     * configured, or unless it is all there is (two peers on one machine without a network).
     */
    List<Candidate> hostCandidates() throws IOException {
        InetSocketAddress bound = agent.localAddress();
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
