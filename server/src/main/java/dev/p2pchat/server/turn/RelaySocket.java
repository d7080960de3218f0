package dev.p2pchat.server.turn;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One allocation's relayed transport address: a UDP socket read by its own virtual thread, which
 * hands every datagram from a peer to the {@link Receiver}. Sending may happen from any thread.
 */
final class RelaySocket implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RelaySocket.class);
  /** Larger than any UDP payload, so that an oversize datagram arrives whole and is seen as such. */
  private static final int BUFFER = 65_536;

  /** Gets the datagrams that peers send to the relayed address. */
  interface Receiver {
    void onPeerDatagram(RelaySocket socket, InetSocketAddress peer, byte[] data);
  }

  private final DatagramChannel channel;
  private final InetSocketAddress address;

  private RelaySocket(DatagramChannel channel, InetSocketAddress address) {
    this.channel = channel;
    this.address = address;
  }

  /** Binds {@code address} (a specific port) and starts reading; BindException if it is taken. */
  static RelaySocket open(InetSocketAddress address, Receiver receiver) throws IOException {
    DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    try {
      channel.bind(address);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    RelaySocket socket = new RelaySocket(channel, address);
    Thread.ofVirtual().name("turn-relay-" + address.getPort()).start(() -> socket.read(receiver));
    return socket;
  }

  InetSocketAddress address() {
    return address;
  }

  /** Sends one datagram to a peer; a failure (e.g. no route) loses it, as the wire would. */
  void send(InetSocketAddress peer, byte[] data) {
    try {
      channel.send(ByteBuffer.wrap(data), peer);
    } catch (IOException e) {
      log.debug("relaying {} bytes from {} to {}: {}", data.length, address, peer, e.toString());
    }
  }

  private void read(Receiver receiver) {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    while (channel.isOpen()) {
      try {
        buf.clear();
        InetSocketAddress peer = (InetSocketAddress) channel.receive(buf);
        receiver.onPeerDatagram(this, peer, Arrays.copyOf(buf.array(), buf.position()));
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        // ICMP errors from earlier sends surface here on Linux: the socket is still good.
        log.debug("receiving on relay {}: {}", address, e.toString());
      } catch (RuntimeException e) {
        log.error("handling a datagram on relay {}", address, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing relay {}: {}", address, e.toString());
    }
  }

  @Override
  public String toString() {
    return "RelaySocket[" + address + "]";
  }
}
