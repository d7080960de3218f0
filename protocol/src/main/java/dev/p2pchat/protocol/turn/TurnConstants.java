package dev.p2pchat.protocol.turn;

import java.time.Duration;

/**
 * Numbers of TURN (RFC 8656): ChannelData framing and the timers both ends must agree on. The TURN
 * STUN methods, attributes and error codes are in {@code StunConstants}.
 */
public final class TurnConstants {
  private TurnConstants() {}

  /** RFC 8656 §12: channel numbers a client may bind; RFC 7983 demultiplexes first bytes 64-79 as TURN. */
  public static final int MIN_CHANNEL = 0x4000;

  public static final int MAX_CHANNEL = 0x4FFF;

  /** RFC 8656 §12.4: channel number (16 bits) and length (16 bits). */
  public static final int CHANNEL_DATA_HEADER_LENGTH = 4;

  /** RFC 8656 §12.4: the length field is 16 bits. */
  public static final int MAX_CHANNEL_DATA_LENGTH = 0xFFFF;

  // ---- Timers ----
  /** RFC 8656 §2.2, §7.2: an allocation lives 10 minutes unless the client asks for more. */
  public static final Duration DEFAULT_ALLOCATION_LIFETIME = Duration.ofMinutes(10);

  /** RFC 8656 §7.2: the server caps requested lifetimes; the RFC recommends one hour. */
  public static final Duration MAX_ALLOCATION_LIFETIME = Duration.ofHours(1);

  /** RFC 8656 §9: a permission lasts 5 minutes unless refreshed (not configurable). */
  public static final Duration PERMISSION_LIFETIME = Duration.ofMinutes(5);

  /** RFC 8656 §12: a channel binding lasts 10 minutes unless refreshed. */
  public static final Duration CHANNEL_LIFETIME = Duration.ofMinutes(10);

  /**
   * RFC 8656 §12: after a binding expires, neither its channel number nor its peer may be bound to
   * anything else for 5 more minutes, so that late packets are not misdelivered.
   */
  public static final Duration CHANNEL_REUSE_DELAY = Duration.ofMinutes(5);
}
