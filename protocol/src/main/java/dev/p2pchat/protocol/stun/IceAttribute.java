package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.ICE_CONTROLLED;
import static dev.p2pchat.protocol.stun.StunConstants.ICE_CONTROLLING;
import static dev.p2pchat.protocol.stun.StunConstants.PRIORITY;
import static dev.p2pchat.protocol.stun.StunConstants.USE_CANDIDATE;

/** The connectivity-check attributes of ICE (RFC 8445 §7.1.1, registered in §16.1). */
public sealed interface IceAttribute extends StunAttribute {

  /** The priority a peer-reflexive candidate would get, an unsigned 32-bit number. */
  record Priority(long priority) implements IceAttribute {
    public Priority {
      if (priority < 0 || priority > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("ICE priority out of range: " + priority);
      }
    }

    @Override
    public int type() {
      return PRIORITY;
    }
  }

  /** The controlling agent nominates this pair; no value. */
  record UseCandidate() implements IceAttribute {
    @Override
    public int type() {
      return USE_CANDIDATE;
    }
  }

  /** The sender thinks it is controlled; a 64-bit tie-breaker for role conflicts. */
  record IceControlled(long tieBreaker) implements IceAttribute {
    @Override
    public int type() {
      return ICE_CONTROLLED;
    }

    @Override
    public String toString() {
      return String.format("IceControlled[%016x]", tieBreaker);
    }
  }

  /** The sender thinks it is controlling; a 64-bit tie-breaker for role conflicts. */
  record IceControlling(long tieBreaker) implements IceAttribute {
    @Override
    public int type() {
      return ICE_CONTROLLING;
    }

    @Override
    public String toString() {
      return String.format("IceControlling[%016x]", tieBreaker);
    }
  }
}
