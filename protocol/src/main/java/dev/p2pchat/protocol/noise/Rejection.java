package dev.p2pchat.protocol.noise;

/** Why a received transport packet was dropped. None of them is an error the peer hears about. */
public enum Rejection {
  /** Shorter than a transport header and a tag. */
  TRUNCATED,
  /** Not a transport packet at all (other type, over-long). */
  MALFORMED,
  /** Addressed to a receiver index that is not this channel's (or no live session's). */
  WRONG_INDEX,
  /** A counter already accepted. */
  REPLAYED,
  /** A counter too far behind the newest to be checked for replay. */
  TOO_OLD,
  /** A counter at or beyond the reject-after-messages limit. */
  COUNTER_LIMIT,
  /** The AEAD tag did not verify: tampered, truncated ciphertext, or other keys. */
  BAD_TAG,
  /** The channel's keys passed reject-after-time. */
  EXPIRED,
  /** No transport keys exist yet for this peer. */
  NO_SESSION
}
