package dev.p2pchat.server.signal;

import dev.p2pchat.protocol.identity.AuthChallenge;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The challenges handed out by {@code GET /v1/challenge}: each is valid once, until it expires.
 * Bounded: when full, the oldest are forgotten, so a flood of requests costs memory only up to the
 * bound. Thread-safe; every method holds the object's lock and does no I/O.
 */
final class NonceBook {
  private final InstantSource clock;
  private final SecureRandom random;
  private final Duration ttl;
  private final int capacity;
  // Insertion order is expiry order: every nonce gets the same ttl.
  private final LinkedHashMap<String, Challenge> outstanding = new LinkedHashMap<>();

  NonceBook(InstantSource clock, SecureRandom random, Duration ttl, int capacity) {
    this.clock = clock;
    this.random = random;
    this.ttl = ttl;
    this.capacity = capacity;
  }

  synchronized Challenge issue() {
    Instant now = clock.instant();
    purgeExpiredLocked(now);
    if (outstanding.size() >= capacity) {
      outstanding.pollFirstEntry();
    }
    Challenge challenge = new Challenge(AuthChallenge.newNonce(random), now.plus(ttl));
    outstanding.put(challenge.nonce(), challenge);
    return challenge;
  }

  /** True, once, for a nonce this book issued that has not expired. */
  synchronized boolean redeem(String nonce) {
    Challenge challenge = outstanding.remove(nonce);
    return challenge != null && challenge.isValidAt(clock.instant());
  }

  synchronized int outstanding() {
    return outstanding.size();
  }

  private void purgeExpiredLocked(Instant now) {
    Iterator<Challenge> oldestFirst = outstanding.values().iterator();
    while (oldestFirst.hasNext() && !oldestFirst.next().isValidAt(now)) {
      oldestFirst.remove();
    }
  }
}
