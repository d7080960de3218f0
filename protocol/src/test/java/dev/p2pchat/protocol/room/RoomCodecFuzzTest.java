package dev.p2pchat.protocol.room;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the room codec with what any peer may send inside a 1:1 session: the only exception allowed
 * is {@link RoomWireException}, and whatever decodes must re-encode to a message that decodes to the
 * same value. Without JAZZER_FUZZ this runs the checked-in corpus ({@code RoomCodecFuzzTestInputs/decode},
 * one file per message type) as a regression test; {@code JAZZER_FUZZ=1} with
 * {@code -Dtest=RoomCodecFuzzTest} fuzzes it.
 */
class RoomCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        RoomMessage message;
        try {
            message = RoomCodec.decode(input);
        } catch (RoomWireException expected) {
            return;
        }
        var unused = message.toString();
        try {
            RoomMessage again = RoomCodec.decode(RoomCodec.encode(message));
            if (!again.equals(message)) {
                throw new AssertionError("re-encoding changed the message: " + message + " -> " + again);
            }
        } catch (RoomWireException e) {
            throw new AssertionError("re-encoded message does not decode: " + message, e);
        }
    }
}
