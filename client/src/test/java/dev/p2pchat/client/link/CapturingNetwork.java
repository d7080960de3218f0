package dev.p2pchat.client.link;

import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramHandler;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link DatagramNetwork} that keeps a copy of every datagram its sockets send and receive. */
final class CapturingNetwork implements DatagramNetwork {
  private final DatagramNetwork inner;
  final List<byte[]> wire = new CopyOnWriteArrayList<>();

  CapturingNetwork(DatagramNetwork inner) {
    this.inner = inner;
  }

  /** Whether {@code text} appears, as UTF-8 bytes, anywhere in a captured datagram. */
  boolean carried(String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    return wire.stream().anyMatch(datagram -> indexOf(datagram, needle) >= 0);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
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
        wire.add(data.clone());
        endpoint.send(destination, data);
      }

      @Override
      public void send(InetSocketAddress destination, byte[] data, int ttl) {
        wire.add(data.clone());
        endpoint.send(destination, data, ttl);
      }

      @Override
      public boolean supportsTtl() {
        return endpoint.supportsTtl();
      }

      @Override
      public void receive(DatagramHandler handler) {
        endpoint.receive(d -> {
          wire.add(d.data().clone());
          handler.onDatagram(d);
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
