package dev.p2pchat.server.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints a running server listens on, with their real ports. Without an alternate address
 * there is one, (A1, P1). With one there are four, and for a request that arrived on (Da, Dp) the
 * "other" address and port are (Ca, Cp) of RFC 5780 §6.1 Table 1.
 */
record Topology(InetAddress a1, int p1, Optional<InetAddress> a2, int p2) {

  InetSocketAddress primary() {
    return new InetSocketAddress(a1, p1);
  }

  boolean hasAlternate() {
    return a2.isPresent();
  }

  /** Every endpoint to listen on, the primary first. */
  List<InetSocketAddress> endpoints() {
    if (a2.isEmpty()) {
      return List.of(primary());
    }
    InetAddress alt = a2.get();
    return List.of(primary(), new InetSocketAddress(a1, p2), new InetSocketAddress(alt, p1), new InetSocketAddress(alt, p2));
  }

  /** (Ca, Cp) for a request received on {@code local}: OTHER-ADDRESS and CHANGED-ADDRESS. */
  InetSocketAddress other(InetSocketAddress local) {
    return source(local, true, true);
  }

  /** The endpoint a response leaves from (RFC 5780 §6.1 Table 1); requires an alternate address. */
  InetSocketAddress source(InetSocketAddress local, boolean changeIp, boolean changePort) {
    InetAddress alt = a2.orElseThrow(() -> new IllegalStateException("no alternate address"));
    InetAddress ip = local.getAddress();
    int port = local.getPort();
    if (changeIp) {
      ip = ip.equals(a1) ? alt : a1;
    }
    if (changePort) {
      port = port == p1 ? p2 : p1;
    }
    return new InetSocketAddress(ip, port);
  }
}
