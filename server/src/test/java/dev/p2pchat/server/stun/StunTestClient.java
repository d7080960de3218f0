package dev.p2pchat.server.stun;

import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;

/** A UDP client on 127.0.0.1 built on the codec: sends bytes, waits (bounded) for one datagram. */
final class StunTestClient implements AutoCloseable {
  /** Long enough for a loaded machine; a reply on loopback normally takes microseconds. */
  private static final int RECEIVE_TIMEOUT_MS = 5_000;

  /** One received datagram and where it came from. */
  record Received(InetSocketAddress from, byte[] datagram) {
    StunMessage message() {
      try {
        return Stun.decode(datagram);
      } catch (StunParseException e) {
        throw new AssertionError("the server sent something that is not STUN", e);
      }
    }
  }

  private final DatagramSocket socket;

  StunTestClient() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void send(byte[] datagram, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(datagram, datagram.length, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(StunMessage message, InetSocketAddress to) {
    send(Stun.encode(message), to);
  }

  /** The next datagram, or empty after the timeout. */
  Optional<Received> receive() {
    byte[] buf = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new Received((InetSocketAddress) packet.getSocketAddress(), Arrays.copyOf(buf, packet.getLength())));
  }

  Received exchange(StunMessage request, InetSocketAddress to) {
    send(request, to);
    return receive().orElseThrow(() -> new AssertionError("no answer from " + to + " to " + request));
  }

  @Override
  public void close() {
    socket.close();
  }
}
