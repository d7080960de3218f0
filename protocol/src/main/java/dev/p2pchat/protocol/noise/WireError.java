package dev.p2pchat.protocol.noise;

/** Why bytes are not a valid p2p Noise message; each variant carries the offending values. */
public sealed interface WireError {
  /** Zero bytes. */
  record Empty() implements WireError {}

  /** The first byte is not one of the Noise message types. */
  record UnknownType(int type) implements WireError {}

  /** A type this version reserves but does not implement yet (0xD5, cookie reply). */
  record ReservedType(int type) implements WireError {}

  /** A handshake message of a protocol version this peer does not speak. */
  record UnsupportedVersion(int version) implements WireError {}

  /** Fewer bytes than the type's header and minimal Noise message. */
  record TooShort(int type, int length, int minimum) implements WireError {}

  /** More bytes than a Noise message may have (Noise §3). */
  record TooLong(int type, int length, int maximum) implements WireError {}
}
