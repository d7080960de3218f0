package dev.p2pchat.server.stun;

import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.turn.ChannelData;
import java.net.InetSocketAddress;

/**
 * What the STUN port does with traffic that is not Binding: the TURN relay (RFC 8656) shares the port
 * and implements this. Calls come from the receiving socket's thread, one datagram at a time per
 * socket, possibly concurrently from several sockets; an implementation should not block for long.
 */
public interface RelayHandler {

  /**
   * A well-formed STUN message of another method than Binding (Allocate, Refresh, Send,
   * CreatePermission, ChannelBind, ...). {@code datagram} is the message as received, for
   * MESSAGE-INTEGRITY checks ({@link dev.p2pchat.protocol.stun.StunIntegrity}).
   */
  void onStun(StunMessage message, byte[] datagram, InetSocketAddress client, Responder responder);

  /** A well-formed ChannelData message (RFC 8656 §12). */
  void onChannelData(ChannelData message, InetSocketAddress client, Responder responder);

  /** Sends from the socket the triggering datagram arrived on. */
  interface Responder {
    /** The server address the datagram arrived on. */
    InetSocketAddress localAddress();

    /** Sends one datagram; a failure is counted and logged, not thrown. */
    void send(InetSocketAddress to, byte[] datagram);
  }
}
