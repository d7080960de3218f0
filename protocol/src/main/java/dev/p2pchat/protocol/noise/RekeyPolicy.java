package dev.p2pchat.protocol.noise;

import java.time.Duration;
import java.time.Instant;

/**
 * When to start a new handshake, when keys are too old to use, when to resend an initiation and
 * when to give up. Pure: time is a parameter. {@link #STANDARD} holds {@link SessionTimers}' values;
 * tests shrink them.
 */
public record RekeyPolicy(
    long rekeyAfterMessages,
    long rejectAfterMessages,
    Duration rekeyAfterTime,
    Duration rejectAfterTime,
    Duration rekeyTimeout,
    Duration rekeyAttemptTime) {

  public static final RekeyPolicy STANDARD = new RekeyPolicy(
      SessionTimers.REKEY_AFTER_MESSAGES,
      SessionTimers.REJECT_AFTER_MESSAGES,
      SessionTimers.REKEY_AFTER_TIME,
      SessionTimers.REJECT_AFTER_TIME,
      SessionTimers.REKEY_TIMEOUT,
      SessionTimers.REKEY_ATTEMPT_TIME);

  /**
   * Whether the holder of {@code channel} should start a new handshake now: when it has sent
   * {@code rekeyAfterMessages}, or, if it initiated the channel, when the keys reached {@code
   * rekeyAfterTime}. Only the initiator rekeys on time, so the two ends do not both start at once.
   */
  public boolean shouldRekey(Instant now, SecureChannel channel) {
    if (Long.compareUnsigned(channel.sendCounter(), rekeyAfterMessages) >= 0) {
      return true;
    }
    return channel.isInitiator() && age(now, channel).compareTo(rekeyAfterTime) >= 0;
  }

  /** Whether {@code channel}'s keys are too old to send or accept anything. */
  public boolean isExpired(Instant now, SecureChannel channel) {
    return age(now, channel).compareTo(rejectAfterTime) >= 0;
  }

  /** Whether an initiation sent at {@code sentAt} has waited long enough to be sent again. */
  public boolean shouldRetransmit(Instant now, Instant sentAt) {
    return !now.isBefore(sentAt.plus(rekeyTimeout));
  }

  /** Whether a handshake first attempted at {@code firstAttempt} should be given up. */
  public boolean shouldGiveUp(Instant now, Instant firstAttempt) {
    return !now.isBefore(firstAttempt.plus(rekeyAttemptTime));
  }

  private static Duration age(Instant now, SecureChannel channel) {
    return Duration.between(channel.createdAt(), now);
  }
}
