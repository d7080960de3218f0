package dev.p2pchat.server.turn;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live allocations, found by 5-tuple (requests, indications, ChannelData from clients) and by
 * relayed address (datagrams from peers), counted per user for the quota. An expired allocation is
 * treated as absent at once and removed (its socket closed, its port freed) at the next look-up or
 * sweep. Guarded by the relay's lock.
 */
final class AllocationTable {
  private final Map<FiveTuple, Allocation> byTuple = new HashMap<>();
  private final Map<InetSocketAddress, Allocation> byRelayed = new HashMap<>();
  private final Map<String, Integer> perUser = new HashMap<>();
  private final TurnStats stats;

  AllocationTable(TurnStats stats) {
    this.stats = stats;
  }

  /** The allocation of {@code tuple}, unless there is none or it expired. */
  Allocation live(FiveTuple tuple, Instant now) {
    return alive(byTuple.get(tuple), now);
  }

  /** The allocation whose relayed address is {@code relayed}, unless it expired. */
  Allocation byRelayed(InetSocketAddress relayed, Instant now) {
    return alive(byRelayed.get(relayed), now);
  }

  /** Whether {@code address} is a live relayed address of this server (see {@link PeerPolicy}). */
  boolean isRelayed(InetSocketAddress address, Instant now) {
    return byRelayed(address, now) != null;
  }

  int countFor(String user) {
    return perUser.getOrDefault(user, 0);
  }

  int size() {
    return byTuple.size();
  }

  void add(Allocation a) {
    byTuple.put(a.tuple, a);
    byRelayed.put(a.socket.address(), a);
    perUser.merge(a.user, 1, Integer::sum);
    stats.count(TurnStats.Counter.ALLOCATED);
  }

  void remove(Allocation a) {
    if (!byTuple.remove(a.tuple, a)) {
      return;
    }
    byRelayed.remove(a.socket.address());
    perUser.computeIfPresent(a.user, (u, n) -> n == 1 ? null : n - 1);
    a.socket.close();
    stats.count(TurnStats.Counter.DEALLOCATED);
  }

  /** Removes every expired allocation; returns how many. */
  int expire(Instant now) {
    List<Allocation> dead = new ArrayList<>();
    for (Allocation a : byTuple.values()) {
      if (a.expired(now)) {
        dead.add(a);
      }
    }
    dead.forEach(this::remove);
    return dead.size();
  }

  /** Removes everything (the relay is stopping). */
  void clear() {
    new ArrayList<>(byTuple.values()).forEach(this::remove);
  }

  private Allocation alive(Allocation a, Instant now) {
    if (a != null && a.expired(now)) {
      remove(a);
      return null;
    }
    return a;
  }
}
