package dev.p2pchat.server.turn;

import java.net.InetSocketAddress;

/**
 * One allocation's relayed transport address. {@link UdpRelaySocket} is the real one; tests put
 * relayed sockets on a simulated host, so that minutes of refreshes run in virtual time.
 */
interface RelaySocket extends AutoCloseable {

  /** Gets the datagrams that peers send to the relayed address; called from the socket's reader. */
  interface Receiver {
    void onPeerDatagram(RelaySocket socket, InetSocketAddress peer, byte[] data);
  }

  InetSocketAddress address();

  /** Sends one datagram to a peer; a failure loses it, as the wire would. */
  void send(InetSocketAddress peer, byte[] data);

  /** Closes the socket and frees its port; idempotent. */
  @Override
  void close();
}
