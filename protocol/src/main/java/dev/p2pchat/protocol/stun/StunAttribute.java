package dev.p2pchat.protocol.stun;

/**
 * One STUN attribute (RFC 8489 §14): an immutable value, one record per attribute type. The records are
 * grouped by shape and specification in the sub-interfaces below; {@link RawAttribute} keeps any type the
 * codec does not know, byte for byte, so that it round-trips and a server can name it in a 420 answer.
 *
 * <p>Records check their own invariants (lengths, ranges) when built, so that every attribute can be
 * encoded; {@link AttributeCodec} holds the one switch that reads and writes them.
 */
public sealed interface StunAttribute
    permits AddressAttribute,
        TextAttribute,
        AuthAttribute,
        ErrorAttribute,
        NatBehaviorAttribute,
        TurnAttribute,
        IceAttribute,
        Fingerprint,
        RawAttribute {

  /** The 16-bit attribute type (see {@link StunConstants}). */
  int type();

  /** RFC 8489 §14: types 0x0000-0x7FFF must be understood by the receiver. */
  static boolean isComprehensionRequired(int type) {
    return type < StunConstants.COMPREHENSION_OPTIONAL_START;
  }
}
