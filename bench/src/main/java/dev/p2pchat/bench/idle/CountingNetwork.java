package dev.p2pchat.bench.idle;

import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramHandler;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A host's network that counts every datagram its sockets send and receive, and their bytes as on
 * the wire (IPv4 and UDP headers included): everything one peer costs its NAT router, since all of
 * that peer's traffic crosses it.
 */
final class CountingNetwork implements DatagramNetwork {
  /** IPv4 header without options (20) and UDP header (8). */
  static final int HEADER_BYTES = 28;

  private final DatagramNetwork inner;
  private long packets;
  private long bytes;

  CountingNetwork(DatagramNetwork inner) {
    this.inner = inner;
  }

  long packets() {
    return packets;
  }

  long bytes() {
    return bytes;
  }

  void reset() {
    packets = 0;
    bytes = 0;
  }

  private void count(int length) {
    packets++;
    bytes += length + HEADER_BYTES;
  }

  @Override
  public DatagramEndpoint bind(InetSocketAddress local) throws IOException {
    return new Counted(inner.bind(local));
  }

  @Override
  public List<InetAddress> localAddresses() throws IOException {
    return inner.localAddresses();
  }

  private final class Counted implements DatagramEndpoint {
    private final DatagramEndpoint endpoint;

    Counted(DatagramEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public InetSocketAddress localAddress() {
      return endpoint.localAddress();
    }

    @Override
    public void send(InetSocketAddress destination, byte[] data) {
      count(data.length);
      endpoint.send(destination, data);
    }

    @Override
    public void send(InetSocketAddress destination, byte[] data, int ttl) {
      count(data.length);
      endpoint.send(destination, data, ttl);
    }

    @Override
    public boolean supportsTtl() {
      return endpoint.supportsTtl();
    }

    @Override
    public void receive(DatagramHandler handler) {
      endpoint.receive(datagram -> {
        count(datagram.data().length);
        handler.onDatagram(datagram);
      });
    }

    @Override
    public void close() {
      endpoint.close();
    }
  }
}
