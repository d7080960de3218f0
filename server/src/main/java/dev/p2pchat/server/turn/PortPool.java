package dev.p2pchat.server.turn;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Binds relayed sockets on the relay address, at a random port of the range (RFC 8656 §7.2 asks for
 * unpredictable ports), skipping the ones we hold and, by trying, the ones other processes hold.
 * Thread-safe: binding happens under the relay's lock, but a socket may be closed from anywhere.
 */
final class PortPool implements RelaySockets {
  /** Binding is tried at most this often per allocation before 508 Insufficient Capacity. */
  static final int MAX_BIND_ATTEMPTS = 64;

  private final InetAddress address;
  private final PortRange range;
  private final RandomGenerator random;
  private final Set<Integer> inUse = java.util.concurrent.ConcurrentHashMap.newKeySet();

  PortPool(InetAddress address, PortRange range, RandomGenerator random) {
    this.address = address;
    this.range = range;
    this.random = random;
  }

  @Override
  public Optional<RelaySocket> bind(boolean even, RelaySocket.Receiver receiver) throws IOException {
    int start = random.nextInt(range.size());
    int attempts = 0;
    for (int i = 0; i < range.size() && attempts < MAX_BIND_ATTEMPTS; i++) {
      int port = range.min() + (start + i) % range.size();
      if ((even && port % 2 != 0) || inUse.contains(port)) {
        continue;
      }
      attempts++;
      try {
        RelaySocket socket = UdpRelaySocket.open(new InetSocketAddress(address, port), receiver, () -> release(port));
        inUse.add(port);
        return Optional.of(socket);
      } catch (BindException taken) {
        // Another process has it; try the next.
      }
    }
    return Optional.empty();
  }

  private void release(int port) {
    inUse.remove(port);
  }
}
