package dev.p2pchat.traversal.turn;

import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * An allocation seen as a {@link DatagramEndpoint}: its address is the relayed transport address
 * (the {@code relay} candidate), {@link #send} reaches a peer through the TURN server, and datagrams
 * peers send to the relayed address arrive "from the peer", as on any socket. So connectivity checks
 * treat a relayed pair like any other.
 *
 * <p>Differences from a socket: a peer can only send to us once we hold a permission for its IP —
 * sending to it installs one, and {@link #permit} installs one ahead (for a peer whose checks may
 * arrive first); the first datagrams to a new peer wait for that permission; TTL cannot be set on
 * the relayed leg. Handlers are called on the TURN client's loop. Closing deletes the allocation.
 */
public final class RelayedEndpoint implements DatagramEndpoint {
    private final TurnClient client;
    private final InetSocketAddress relayed;
    private final Optional<InetSocketAddress> mapped;

    RelayedEndpoint(TurnClient client, InetSocketAddress relayed, Optional<InetSocketAddress> mapped) {
        this.client = client;
        this.relayed = relayed;
        this.mapped = mapped;
    }

    /** The relayed transport address (XOR-RELAYED-ADDRESS): the {@code relay} candidate. */
    @Override
    public InetSocketAddress localAddress() {
        return relayed;
    }

    /** Our address as the TURN server saw it (XOR-MAPPED-ADDRESS), a server-reflexive candidate. */
    public Optional<InetSocketAddress> mappedAddress() {
        return mapped;
    }

    /** The TURN server: the candidate's base, in RFC 8445 terms. */
    public InetSocketAddress server() {
        return client.server();
    }

    @Override
    public void send(InetSocketAddress destination, byte[] data) {
        client.sendToPeer(destination, data.clone());
    }

    /** The TTL cannot reach the relayed leg; the datagram is sent as by {@link #send(InetSocketAddress, byte[])}. */
    @Override
    public void send(InetSocketAddress destination, byte[] data, int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 1..255: " + ttl);
        }
        send(destination, data);
    }

    @Override
    public boolean supportsTtl() {
        return false;
    }

    @Override
    public void receive(DatagramHandler handler) {
        client.receive(handler);
    }

    /** Installs (and keeps refreshing) a permission for {@code peer}, so that it may send first. */
    public void permit(InetAddress peer) {
        client.permit(peer);
    }

    /** Stops keeping {@code peer}'s permission; it lapses unless traffic keeps it in use. */
    public void forget(InetAddress peer) {
        client.forget(peer);
    }

    public TurnClient client() {
        return client;
    }

    /** Deletes the allocation (see {@link TurnClient#close()}). */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "RelayedEndpoint[" + relayed + " via " + client.server() + "]";
    }
}
