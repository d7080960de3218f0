package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.MAX_TEXT_BYTES;
import static dev.p2pchat.protocol.stun.StunConstants.MAX_USERNAME_BYTES;
import static dev.p2pchat.protocol.stun.StunConstants.NONCE;
import static dev.p2pchat.protocol.stun.StunConstants.REALM;
import static dev.p2pchat.protocol.stun.StunConstants.SOFTWARE;
import static dev.p2pchat.protocol.stun.StunConstants.USERNAME;

/**
 * Attributes whose value is UTF-8 text. The codec neither applies nor checks the OpaqueString/SASLprep
 * profiles RFC 8489 asks for: callers pass prepared strings.
 */
public sealed interface TextAttribute extends StunAttribute {

  String value();

  /** RFC 8489 §14.3. */
  record Username(String value) implements TextAttribute {
    public Username {
      Utf8.checkLength(value, MAX_USERNAME_BYTES, "USERNAME");
    }

    @Override
    public int type() {
      return USERNAME;
    }
  }

  /** RFC 8489 §14.9. */
  record Realm(String value) implements TextAttribute {
    public Realm {
      Utf8.checkLength(value, MAX_TEXT_BYTES, "REALM");
    }

    @Override
    public int type() {
      return REALM;
    }
  }

  /** RFC 8489 §14.10. */
  record Nonce(String value) implements TextAttribute {
    public Nonce {
      Utf8.checkLength(value, MAX_TEXT_BYTES, "NONCE");
    }

    @Override
    public int type() {
      return NONCE;
    }
  }

  /** RFC 8489 §14.14: a description of the sending software. */
  record Software(String value) implements TextAttribute {
    public Software {
      Utf8.checkLength(value, MAX_TEXT_BYTES, "SOFTWARE");
    }

    @Override
    public int type() {
      return SOFTWARE;
    }
  }
}
