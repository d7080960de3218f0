package dev.p2pchat.server.signal;

import java.time.Instant;

/** A nonce the server handed out, and until when it may be redeemed. */
record Challenge(String nonce, Instant expiresAt) {
  boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
