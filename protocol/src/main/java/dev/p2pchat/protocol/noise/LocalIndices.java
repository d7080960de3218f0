package dev.p2pchat.protocol.noise;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Allocates the 32-bit indices peers put in packets addressed to us. The session layer shares one
 * allocator among all its peers, so that an index also tells it which peer a packet is for.
 */
public interface LocalIndices {
  /** A fresh index, not in use by any live handshake or channel. */
  int allocate();

  /** Returns an index once its handshake or channel is gone. */
  void release(int index);

  /** Random indices (unpredictable to off-path attackers), unique among those in use. */
  static LocalIndices random(RandomGenerator random) {
    Set<Integer> inUse = new HashSet<>();
    return new LocalIndices() {
      @Override
      public int allocate() {
        int index;
        do {
          index = random.nextInt();
        } while (!inUse.add(index));
        return index;
      }

      @Override
      public void release(int index) {
        inUse.remove(index);
      }
    };
  }
}
