package dev.p2pchat.server.turn;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the relay; safe from any thread. Junk and refusals show up here, not in the log. */
public final class TurnStats {

  /** What is counted. */
  public enum Counter {
    /** Allocations created. */
    ALLOCATED,
    /** Allocations that ended: deleted by the client or expired. */
    DEALLOCATED,
    /** Requests answered 401 without credentials or with wrong ones. */
    UNAUTHENTICATED,
    /** Requests answered 438: their nonce had expired or was not ours. */
    STALE_NONCE,
    /** Allocate refused 486: the user holds the most allocations allowed. */
    QUOTA_REFUSED,
    /** Allocate refused 508: no relay port was free. */
    CAPACITY_REFUSED,
    /** CreatePermission or ChannelBind refused 403 by the peer policy. */
    FORBIDDEN_PEER,
    /** Other error responses (400, 420, 437, 440, 441, 442, 443). */
    OTHER_ERRORS,
    /** Datagrams relayed from the client to a peer. */
    RELAYED_TO_PEER,
    /** Datagrams relayed from a peer to the client. */
    RELAYED_TO_CLIENT,
    /** Payload bytes relayed, both directions. */
    RELAYED_BYTES,
    /** Dropped: to or from a peer without a permission. */
    DROPPED_NO_PERMISSION,
    /** Dropped: to an address the policy refuses (the server itself, loopback). */
    DROPPED_FORBIDDEN,
    /** Dropped: the allocation's bandwidth was used up. */
    DROPPED_RATE_LIMITED,
    /** Dropped: no allocation for the 5-tuple, or a channel that is not bound. */
    DROPPED_NO_ALLOCATION,
    /** Dropped: malformed indication, or a payload too large to relay. */
    DROPPED_MALFORMED
  }

  private final Map<Counter, AtomicLong> counters = new EnumMap<>(Counter.class);

  TurnStats() {
    for (Counter c : Counter.values()) {
      counters.put(c, new AtomicLong());
    }
  }

  void count(Counter c) {
    counters.get(c).incrementAndGet();
  }

  void add(Counter c, long n) {
    counters.get(c).addAndGet(n);
  }

  public long get(Counter c) {
    return counters.get(c).get();
  }

  /** All counters, for logs and metrics. */
  public Map<Counter, Long> snapshot() {
    Map<Counter, Long> out = new EnumMap<>(Counter.class);
    counters.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
