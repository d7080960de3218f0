package dev.p2pchat.server.turn;

import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramHandler;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Predicate;

/**
 * A simulated host whose datagrams to ({@code cutOut}) and from ({@code cutIn}) some addresses are lost
 * while the predicates say so: a route that works late, breaks or heals, in one direction or both, while
 * the host's other routes (to a relay) keep working.
 */
final class CutOffHost implements DatagramNetwork {
  private final DatagramNetwork inner;
  private final Predicate<InetAddress> cutOut;
  private final Predicate<InetAddress> cutIn;

  CutOffHost(DatagramNetwork inner, Predicate<InetAddress> cutOut, Predicate<InetAddress> cutIn) {
    this.inner = inner;
    this.cutOut = cutOut;
    this.cutIn = cutIn;
  }

  /** Cut off both ways. */
  CutOffHost(DatagramNetwork inner, Predicate<InetAddress> cutOff) {
    this(inner, cutOff, cutOff);
  }

  @Override
  public DatagramEndpoint bind(InetSocketAddress local) throws IOException {
    DatagramEndpoint e = inner.bind(local);
    return new DatagramEndpoint() {
      @Override
      public InetSocketAddress localAddress() {
        return e.localAddress();
      }

      @Override
      public void send(InetSocketAddress to, byte[] data) {
        if (!cutOut.test(to.getAddress())) {
          e.send(to, data);
        }
      }

      @Override
      public void send(InetSocketAddress to, byte[] data, int ttl) {
        if (!cutOut.test(to.getAddress())) {
          e.send(to, data, ttl);
        }
      }

      @Override
      public boolean supportsTtl() {
        return e.supportsTtl();
      }

      @Override
      public void receive(DatagramHandler handler) {
        e.receive(d -> {
          if (!cutIn.test(d.source().getAddress())) {
            handler.onDatagram(d);
          }
        });
      }

      @Override
      public void close() {
        e.close();
      }
    };
  }

  @Override
  public List<InetAddress> localAddresses() throws IOException {
    return inner.localAddresses();
  }
}
