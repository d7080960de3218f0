package dev.p2pchat.server.turn;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Binds relayed sockets on the relay address, at a random port of the range (RFC 8656 §7.2 asks for
 * unpredictable ports), skipping the ones we hold and, by trying, the ones other processes hold.
 * Not thread-safe: used under the relay's lock.
 */
final class PortPool {
  /** Binding is tried at most this often per allocation before 508 Insufficient Capacity. */
  static final int MAX_BIND_ATTEMPTS = 64;

  private final InetAddress address;
  private final PortRange range;
  private final RandomGenerator random;
  private final Set<Integer> inUse = new HashSet<>();

  PortPool(InetAddress address, PortRange range, RandomGenerator random) {
    this.address = address;
    this.range = range;
    this.random = random;
  }

  /** A bound socket, or empty when no port could be had; {@code even}: only even ports (EVEN-PORT). */
  Optional<RelaySocket> bind(boolean even, RelaySocket.Receiver receiver) throws IOException {
    int start = random.nextInt(range.size());
    int attempts = 0;
    for (int i = 0; i < range.size() && attempts < MAX_BIND_ATTEMPTS; i++) {
      int port = range.min() + (start + i) % range.size();
      if ((even && port % 2 != 0) || inUse.contains(port)) {
        continue;
      }
      attempts++;
      try {
        RelaySocket socket = RelaySocket.open(new InetSocketAddress(address, port), receiver);
        inUse.add(port);
        return Optional.of(socket);
      } catch (BindException taken) {
        // Another process has it; try the next.
      }
    }
    return Optional.empty();
  }

  void release(int port) {
    inUse.remove(port);
  }
}
