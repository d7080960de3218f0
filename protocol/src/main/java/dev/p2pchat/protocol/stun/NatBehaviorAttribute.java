package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.CHANGE_REQUEST;
import static dev.p2pchat.protocol.stun.StunConstants.PADDING;
import static dev.p2pchat.protocol.stun.StunConstants.RESPONSE_PORT;

/** The request attributes of RFC 5780 NAT behaviour discovery (the address ones are in {@link AddressAttribute}). */
public sealed interface NatBehaviorAttribute extends StunAttribute {

  /** RFC 5780 §7.2: answer from the other IP and/or the other port. Other flag bits are ignored. */
  record ChangeRequest(boolean changeIp, boolean changePort) implements NatBehaviorAttribute {
    @Override
    public int type() {
      return CHANGE_REQUEST;
    }
  }

  /** RFC 5780 §7.5: send the response to this port of the request's source IP. */
  record ResponsePort(int port) implements NatBehaviorAttribute {
    public ResponsePort {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }

    @Override
    public int type() {
      return RESPONSE_PORT;
    }
  }

  /**
   * RFC 5780 §7.6: filler whose content does not matter; only its length is kept (and zeros are sent).
   */
  record Padding(int length) implements NatBehaviorAttribute {
    /** What the 16-bit length field can say; the encoder checks that the whole message fits. */
    public static final int MAX_LENGTH = 0xFFFF;

    public Padding {
      if (length < 0 || length > MAX_LENGTH) {
        throw new IllegalArgumentException("PADDING length out of range: " + length);
      }
    }

    @Override
    public int type() {
      return PADDING;
    }
  }
}
