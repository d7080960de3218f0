package dev.p2pchat.server.signal;

import java.time.Duration;

/** The limits and close codes of docs/api.md, in one place. */
public final class SignalLimits {
  private SignalLimits() {}

  /** An HTTP request body larger than this is refused with {@code too-large} (413). */
  public static final int MAX_HTTP_BODY_BYTES = 64 * 1024;

  /** An oversize body up to this size is read and dropped before the 413, so the client gets it. */
  public static final int DRAINED_HTTP_BODY_BYTES = 1024 * 1024;

  /** A WebSocket text message larger than this (UTF-8) gets {@code too-large}; the socket stays. */
  public static final int MAX_WS_MESSAGE_BYTES = 64 * 1024;

  /**
   * Beyond this Jetty stops buffering and closes the socket with 1009 (RFC 6455 §7.4.1): between
   * the two limits a client learns what it did wrong, above it the server protects its memory.
   */
  public static final int HARD_WS_MESSAGE_BYTES = 256 * 1024;

  /** A {@code signal} payload larger than this, encoded, gets {@code too-large}. */
  public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

  /** A challenge nonce is valid once, for this long. */
  public static final Duration NONCE_TTL = Duration.ofSeconds(60);

  /** Request ids are echoed, so they are kept short. */
  public static final int MAX_ID_LENGTH = 64;

  /** Users named in one {@code watch}, and watched by one connection in all. */
  public static final int MAX_WATCHED_USERS = 1000;

  /** HTTP challenges outstanding at once; beyond it the oldest are forgotten. */
  public static final int MAX_OUTSTANDING_HTTP_NONCES = 10_000;

  /** Replies queued to one slow client before the server gives up on it (close 1008). */
  public static final int MAX_QUEUED_REPLIES = 1024;

  /** The server pings every connection this often; a peer that stops answering times out. */
  public static final Duration PING_INTERVAL = Duration.ofSeconds(15);

  /** A WebSocket that carries nothing (not even a pong) for this long is closed. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(45);

  /** Close code after a failed {@code hello} (bad signature, stale nonce, name taken). */
  public static final int CLOSE_AUTH_FAILED = 4001;

  /** Close code of a connection replaced by a newer login of the same user. */
  public static final int CLOSE_REPLACED = 4002;

  /** Close code when an address opens WebSockets faster than its rate limit. */
  public static final int CLOSE_RATE_LIMITED = 4029;

  /** RFC 6455 §7.4.1 policy violation: used for a client that does not read its replies. */
  public static final int CLOSE_POLICY = 1008;
}
