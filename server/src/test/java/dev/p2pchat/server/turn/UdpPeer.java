package dev.p2pchat.server.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A plain UDP socket on loopback: the peer on the far side of a relay. */
final class UdpPeer implements AutoCloseable {
  record Received(InetSocketAddress source, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private final DatagramSocket socket;

  UdpPeer() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(5_000);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void send(InetSocketAddress to, String text) throws IOException {
    byte[] data = bytes(text);
    socket.send(new DatagramPacket(data, data.length, to));
  }

  /** The next datagram; SocketTimeoutException after 5 s. */
  Received receive() throws IOException {
    DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
    socket.receive(packet);
    return new Received((InetSocketAddress) packet.getSocketAddress(),
        Arrays.copyOf(packet.getData(), packet.getLength()));
  }

  @Override
  public void close() {
    socket.close();
  }
}
