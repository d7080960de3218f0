package dev.p2pchat.traversal.net;

import java.net.InetSocketAddress;

/**
 * One bound UDP socket. Sending never throws: like the wire it stands for, it may lose a datagram, and
 * failures are counted rather than raised to protocol logic.
 */
public interface DatagramEndpoint extends AutoCloseable {

    /** The default IP TTL/hop limit of a datagram sent without one. */
    int DEFAULT_TTL = 64;

    /** The bound address; the wildcard address when bound to all interfaces. */
    InetSocketAddress localAddress();

    /** Sends {@code data} to {@code destination} with the default TTL. */
    void send(InetSocketAddress destination, byte[] data);

    /**
     * Sends with the given IP TTL (1–255), e.g. 2 for priming packets that must open the sender's own NAT
     * mapping but die before the peer's. Where the platform cannot set it, sends with the default TTL.
     */
    void send(InetSocketAddress destination, byte[] data, int ttl);

    /** Whether {@link #send(InetSocketAddress, byte[], int)} really sets the TTL here. */
    boolean supportsTtl();

    /**
     * Sets the handler of received datagrams (replacing any previous one). Datagrams that arrive while no
     * handler is set are dropped.
     */
    void receive(DatagramHandler handler);

    /** Closes the socket; further sends are dropped and no more datagrams are delivered. */
    @Override
    void close();
}
