package dev.p2pchat.protocol.stun;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: text attributes must round-trip, so malformed input is an error, never a '?' or U+FFFD. */
final class Utf8 {
  private Utf8() {}

  /** The UTF-8 bytes of {@code text}; IllegalArgumentException for unpaired surrogates. */
  static byte[] encode(String text) {
    try {
      ByteBuffer b =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text is not valid Unicode (unpaired surrogate?)", e);
    }
  }

  /** Decodes strictly; IllegalArgumentException for malformed UTF-8. */
  static String decode(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("malformed UTF-8", e);
    }
  }

  /** Checks the encoded length of {@code text} against a limit in bytes and returns the text. */
  static String checkLength(String text, int maxBytes, String what) {
    int length = encode(java.util.Objects.requireNonNull(text, what)).length;
    if (length > maxBytes) {
      throw new IllegalArgumentException(what + " is " + length + " bytes of UTF-8, more than " + maxBytes);
    }
    return text;
  }
}
