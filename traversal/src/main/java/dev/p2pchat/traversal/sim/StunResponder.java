package dev.p2pchat.traversal.sim;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal STUN Binding responder for tests of the traversal layer, on simulated or real endpoints: it
 * answers Binding requests with XOR-MAPPED-ADDRESS and, given four endpoints (two addresses × two
 * ports), the RFC 5780 attributes OTHER-ADDRESS and RESPONSE-ORIGIN and honours CHANGE-REQUEST. It honours
 * RESPONSE-PORT (RFC 5780 §7.5, what the mapping-lifetime test of §4.6 needs) in every mode. It is no
 * server (the real one lives in the server module): everything but a Binding request is ignored.
 * Endpoints must be bound to specific addresses, not the wildcard.
 */
public final class StunResponder implements AutoCloseable {
    /** Indexes: [address][port], primary is [0][0]. */
    private final DatagramEndpoint[][] endpoints;
    private final AtomicInteger answered = new AtomicInteger();

    private StunResponder(DatagramEndpoint[][] endpoints) {
        this.endpoints = endpoints;
        for (int a = 0; a < endpoints.length; a++) {
            for (int p = 0; p < endpoints[a].length; p++) {
                int ai = a;
                int pi = p;
                endpoints[a][p].receive(d -> answer(ai, pi, d));
            }
        }
    }

    /** Plain STUN on one endpoint. */
    public static StunResponder single(DatagramEndpoint primary) {
        return new StunResponder(new DatagramEndpoint[][] {{primary}});
    }

    /** RFC 5780 behaviour discovery: the endpoints at (IP1, P1), (IP1, P2), (IP2, P1), (IP2, P2). */
    public static StunResponder withAlternate(DatagramEndpoint ip1p1, DatagramEndpoint ip1p2,
                                              DatagramEndpoint ip2p1, DatagramEndpoint ip2p2) {
        return new StunResponder(new DatagramEndpoint[][] {{ip1p1, ip1p2}, {ip2p1, ip2p2}});
    }

    public DatagramEndpoint primary() {
        return endpoints[0][0];
    }

    /** Binding requests answered so far. */
    public int answered() {
        return answered.get();
    }

    private void answer(int addressIndex, int portIndex, Datagram d) {
        StunMessage request;
        try {
            request = Stun.decode(d.data());
        } catch (StunParseException e) {
            return;
        }
        if (!request.type().equals(StunMessageType.BINDING_REQUEST)) {
            return;
        }
        Optional<NatBehaviorAttribute.ChangeRequest> change = request.first(NatBehaviorAttribute.ChangeRequest.class);
        boolean alternate = endpoints.length == 2;
        int a = alternate && change.map(NatBehaviorAttribute.ChangeRequest::changeIp).orElse(false) ? 1 - addressIndex : addressIndex;
        int p = alternate && change.map(NatBehaviorAttribute.ChangeRequest::changePort).orElse(false) ? 1 - portIndex : portIndex;
        DatagramEndpoint from = endpoints[a][p];
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(new AddressAttribute.XorMappedAddress(d.source()));
        if (alternate) {
            attributes.add(new AddressAttribute.OtherAddress(endpoints[1 - addressIndex][1 - portIndex].localAddress()));
            attributes.add(new AddressAttribute.ResponseOrigin(from.localAddress()));
        }
        StunMessage response = new StunMessage(StunMessageType.BINDING_SUCCESS, request.transactionId(), attributes);
        // RFC 5780 §6.1: RESPONSE-PORT sends the answer to that port of the request's source IP
        InetSocketAddress to = request.first(NatBehaviorAttribute.ResponsePort.class)
                .map(r -> new InetSocketAddress(d.source().getAddress(), r.port())).orElse(d.source());
        from.send(to, Stun.encode(response));
        answered.incrementAndGet();
    }

    @Override
    public void close() {
        for (DatagramEndpoint[] row : endpoints) {
            for (DatagramEndpoint e : row) {
                e.close();
            }
        }
    }
}
