package dev.p2pchat.traversal.turn;

import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * The path to the TURN server over the shared endpoint, remembering when it was last used, so that a
 * keepalive is sent only when nothing else has refreshed the NAT mapping. On the loop only.
 */
final class ToServer {
    private final DatagramEndpoint endpoint;
    private final InetSocketAddress server;
    private final TaskLoop loop;
    private Instant lastSent = Instant.MIN;

    ToServer(DatagramEndpoint endpoint, InetSocketAddress server, TaskLoop loop) {
        this.endpoint = endpoint;
        this.server = server;
        this.loop = loop;
    }

    void send(byte[] datagram) {
        endpoint.send(server, datagram);
        lastSent = loop.now();
    }

    InetSocketAddress server() {
        return server;
    }

    Instant lastSent() {
        return lastSent;
    }
}
