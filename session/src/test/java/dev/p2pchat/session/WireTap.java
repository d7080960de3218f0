package dev.p2pchat.session;

import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramHandler;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link DatagramNetwork} in front of a simulated host that sees what its socket carries: it records
 * every datagram sent, and passes every datagram received through {@link #inbound} (which may duplicate,
 * tamper with, replay or add datagrams, as a hostile or sloppy network would).
 */
final class WireTap implements DatagramNetwork {
    private final DatagramNetwork inner;
    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    volatile Function<Datagram, List<Datagram>> inbound = List::of;

    WireTap(DatagramNetwork inner) {
        this.inner = inner;
    }

    @Override
    public DatagramEndpoint bind(InetSocketAddress local) throws IOException {
        DatagramEndpoint endpoint = inner.bind(local);
        return new DatagramEndpoint() {
            @Override
            public InetSocketAddress localAddress() {
                return endpoint.localAddress();
            }

            @Override
            public void send(InetSocketAddress destination, byte[] data) {
                sent.add(data.clone());
                endpoint.send(destination, data);
            }

            @Override
            public void send(InetSocketAddress destination, byte[] data, int ttl) {
                sent.add(data.clone());
                endpoint.send(destination, data, ttl);
            }

            @Override
            public boolean supportsTtl() {
                return endpoint.supportsTtl();
            }

            @Override
            public void receive(DatagramHandler handler) {
                endpoint.receive(d -> inbound.apply(d).forEach(handler::onDatagram));
            }

            @Override
            public void close() {
                endpoint.close();
            }
        };
    }

    @Override
    public List<InetAddress> localAddresses() throws IOException {
        return inner.localAddresses();
    }
}
