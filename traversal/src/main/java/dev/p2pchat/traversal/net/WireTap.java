package dev.p2pchat.traversal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link DatagramNetwork} in front of another that sees what its sockets carry, for tests and
 * measurements: it keeps a copy of every datagram sent and received, and passes every received datagram
 * through {@link #inbound}, which may drop, duplicate, tamper with, replay or add datagrams, as a hostile
 * or sloppy network would. Used to show that no plaintext ever reaches the wire.
 */
public final class WireTap implements DatagramNetwork {
    private final DatagramNetwork inner;
    /** Every datagram the sockets sent, in order. */
    public final List<byte[]> sent = new CopyOnWriteArrayList<>();
    /** Every datagram the sockets received, before {@link #inbound} saw it. */
    public final List<byte[]> received = new CopyOnWriteArrayList<>();
    /** What the sockets' handlers get for each received datagram; by default the datagram itself. */
    public volatile Function<Datagram, List<Datagram>> inbound = List::of;

    public WireTap(DatagramNetwork inner) {
        this.inner = inner;
    }

    /** Whether {@code text}, as UTF-8 bytes, appears anywhere in a datagram sent or received. */
    public boolean carried(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return sent.stream().anyMatch(d -> indexOf(d, needle) >= 0)
                || received.stream().anyMatch(d -> indexOf(d, needle) >= 0);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
                endpoint.receive(d -> {
                    received.add(d.data().clone());
                    inbound.apply(d).forEach(handler::onDatagram);
                });
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
