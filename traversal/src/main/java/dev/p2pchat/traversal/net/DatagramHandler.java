package dev.p2pchat.traversal.net;

/**
 * Receives datagrams from a {@link DatagramEndpoint}. Called on the endpoint's receive thread (real
 * sockets) or the simulation's thread; an implementation hands the datagram to its own loop and returns.
 */
@FunctionalInterface
public interface DatagramHandler {
    void onDatagram(Datagram datagram);
}
