package dev.p2pchat.protocol.noise;

import java.time.Duration;

/**
 * Limits and timers of a transport session, after the WireGuard whitepaper §6.1 ("Timers and
 * Stateless UX") and wireguard-go's {@code device/constants.go}, whose values they keep: they are
 * well studied for a UDP session keyed by a 1-RTT handshake, which is exactly ours.
 */
public final class SessionTimers {
  private SessionTimers() {}

  /** After this many messages sent under one key, the sender starts a new handshake (2^60). */
  public static final long REKEY_AFTER_MESSAGES = 1L << 60;

  /**
   * No message is sent or accepted with a counter at or above 2^64 - 2^13 - 1 (unsigned), well
   * below Noise's reserved nonce 2^64-1 and leaving room for the replay window.
   */
  public static final long REJECT_AFTER_MESSAGES = 0xFFFF_FFFF_FFFF_DFFFL;

  /** The initiator of a session starts a new handshake when its keys are this old. */
  public static final Duration REKEY_AFTER_TIME = Duration.ofSeconds(120);

  /** Keys this old are used for nothing, sending or receiving. */
  public static final Duration REJECT_AFTER_TIME = Duration.ofSeconds(180);

  /** A handshake initiation unanswered for this long is sent again (with fresh keys). */
  public static final Duration REKEY_TIMEOUT = Duration.ofSeconds(5);

  /** After trying for this long, a handshake is given up and reported as failed. */
  public static final Duration REKEY_ATTEMPT_TIME = Duration.ofSeconds(90);
}
