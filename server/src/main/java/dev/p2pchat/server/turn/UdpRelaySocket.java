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
 * A relayed socket on the real UDP stack, read by its own virtual thread, which hands every datagram
 * from a peer to the {@link RelaySocket.Receiver}. Sending may happen from any thread.
 */
final class UdpRelaySocket implements RelaySocket {
  private static final Logger log = LoggerFactory.getLogger(UdpRelaySocket.class);
  /** Larger than any UDP payload, so that an oversize datagram arrives whole and is seen as such. */
  private static final int BUFFER = 65_536;

  private final DatagramChannel channel;
  private final InetSocketAddress address;
  private final Runnable onClose;

  private UdpRelaySocket(DatagramChannel channel, InetSocketAddress address, Runnable onClose) {
    this.channel = channel;
    this.address = address;
    this.onClose = onClose;
  }

  /**
   * Binds {@code address} (a specific port) and starts reading; BindException if it is taken.
   * {@code onClose} runs once the socket is closed (the pool frees the port).
   */
  static UdpRelaySocket open(InetSocketAddress address, Receiver receiver, Runnable onClose) throws IOException {
    DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    try {
      channel.bind(address);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    UdpRelaySocket socket = new UdpRelaySocket(channel, address, onClose);
    Thread.ofVirtual().name("turn-relay-" + address.getPort()).start(() -> socket.read(receiver));
    return socket;
  }

  @Override
  public InetSocketAddress address() {
    return address;
  }

  /** Sends one datagram to a peer; a failure (e.g. no route) loses it, as the wire would. */
  @Override
  public void send(InetSocketAddress peer, byte[] data) {
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
    if (!channel.isOpen()) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing relay {}: {}", address, e.toString());
    }
    onClose.run();
  }

  @Override
  public String toString() {
    return "UdpRelaySocket[" + address + "]";
  }
}
