package dev.p2pchat.traversal.sim;

import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramHandler;
import java.net.InetSocketAddress;

/** A bound port on a {@link SimHost}. Datagrams are copied on the way in and out, as a kernel does. */
final class SimEndpoint implements DatagramEndpoint {
    private final SimHost host;
    private final InetSocketAddress local;
    private DatagramHandler handler;
    private boolean closed;

    SimEndpoint(SimHost host, InetSocketAddress local) {
        this.host = host;
        this.local = local;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void send(InetSocketAddress destination, byte[] data) {
        send(destination, data, DEFAULT_TTL);
    }

    @Override
    public void send(InetSocketAddress destination, byte[] data, int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("TTL must be 1..255: " + ttl);
        }
        if (!closed) {
            host.send(new SimPacket(local, destination, data.clone(), ttl));
        }
    }

    @Override
    public boolean supportsTtl() {
        return true;
    }

    @Override
    public void receive(DatagramHandler h) {
        this.handler = h;
    }

    /** Hands the datagram to the handler; false if there is none to take it. */
    boolean deliver(SimPacket packet) {
        if (closed || handler == null) {
            return false;
        }
        host.internet().stats().countDelivered();
        handler.onDatagram(new Datagram(packet.source(), packet.data().clone()));
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            host.unbind(local.getPort());
        }
    }

    @Override
    public String toString() {
        return "SimEndpoint" + local;
    }
}
