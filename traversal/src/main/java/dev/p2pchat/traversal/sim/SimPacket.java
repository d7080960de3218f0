package dev.p2pchat.traversal.sim;

import java.net.InetSocketAddress;

/** A datagram in flight on the simulated internet, with its remaining IP TTL. */
record SimPacket(InetSocketAddress source, InetSocketAddress destination, byte[] data, int ttl) {
    SimPacket withSource(InetSocketAddress s) {
        return new SimPacket(s, destination, data, ttl);
    }

    SimPacket withDestination(InetSocketAddress d) {
        return new SimPacket(source, d, data, ttl);
    }

    SimPacket withTtl(int t) {
        return new SimPacket(source, destination, data, t);
    }
}
