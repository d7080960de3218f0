package dev.p2pchat.protocol.reliable;

/** The answer to a {@link PingFrame}, echoing its token. */
public record PongFrame(long token) implements StreamFrame {
    @Override
    public int encodedLength() {
        return StreamWire.PING_BYTES;
    }
}
