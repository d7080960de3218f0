package dev.p2pchat.protocol.stun;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.p2pchat.protocol.turn.ChannelData;
import dev.p2pchat.protocol.turn.ChannelDataCodec;
import dev.p2pchat.protocol.turn.ChannelDataParseException;
import java.util.Arrays;

/**
 * Fuzzes what a server does with every datagram: the STUN decoder, the integrity checks and the
 * ChannelData decoder. The only exceptions allowed are the typed parse exceptions; and whatever decodes
 * must encode to bytes that decode to the same value (an oracle beyond "does not crash").
 *
 * <p>Without JAZZER_FUZZ this runs the checked-in corpus (resources {@code StunDecoderFuzzTestInputs/decode})
 * as a regression test; the protocol module's {@code fuzz-stun-decoder} surefire execution fuzzes for the
 * annotation's maxDuration.
 */
class StunDecoderFuzzTest {

  private static final IntegrityKey KEY = IntegrityKey.shortTerm("VOkJxbRl1RmTxUk/WvJxBt");

  @FuzzTest(maxDuration = "60s")
  void decode(byte[] input) {
    decodeStun(input);
    decodeChannelData(input);
  }

  private static void decodeStun(byte[] input) {
    Stun.looksLikeStun(input, 0, input.length);
    StunIntegrity.verifyFingerprint(input, 0, input.length);
    StunIntegrity.verify(input, 0, input.length, KEY);
    StunIntegrity.verifySha256(input, 0, input.length, KEY);
    StunMessage message;
    try {
      message = Stun.decode(input);
    } catch (StunParseException expected) {
      return;
    }
    Stun.unknownComprehensionRequired(message);
    var unused = message.toString();
    byte[] again = Stun.encode(message);
    try {
      StunMessage reread = Stun.decode(again);
      if (!reread.equals(message)) {
        throw new AssertionError("re-encoding changed the message: " + message + " -> " + reread);
      }
    } catch (StunParseException e) {
      throw new AssertionError("re-encoded message does not decode: " + message, e);
    }
  }

  private static void decodeChannelData(byte[] input) {
    ChannelData data;
    try {
      data = ChannelDataCodec.decode(input, 0, input.length);
    } catch (ChannelDataParseException expected) {
      return;
    }
    byte[] unpadded = ChannelDataCodec.encode(data, false);
    if (!Arrays.equals(unpadded, 0, unpadded.length, input, 0, unpadded.length)) {
      throw new AssertionError("ChannelData did not re-encode to its prefix: " + data);
    }
  }
}
