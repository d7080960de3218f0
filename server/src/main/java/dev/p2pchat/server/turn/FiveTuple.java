package dev.p2pchat.server.turn;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The client side of an allocation's 5-tuple (RFC 8656 §2.2): the client's transport address and the
 * server address it talks to; the protocol is always UDP here. A request from another 5-tuple is
 * another allocation, or none.
 */
record FiveTuple(InetSocketAddress client, InetSocketAddress server) {
  FiveTuple {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(server, "server");
  }
}
