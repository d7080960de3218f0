package dev.p2pchat.protocol.reliable;

/** The sender is ending the stream; unacknowledged messages wait for the next session. */
public record CloseFrame(CloseReason reason) implements StreamFrame {
    public CloseFrame {
        if (reason == null) {
            throw new IllegalArgumentException("reason is null");
        }
    }

    @Override
    public int encodedLength() {
        return StreamWire.CLOSE_BYTES;
    }
}
