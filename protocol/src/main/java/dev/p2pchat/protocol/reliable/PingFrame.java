package dev.p2pchat.protocol.reliable;

/** Asks the peer for a {@link PongFrame} with the same token at once: a liveness probe and RTT sample. */
public record PingFrame(long token) implements StreamFrame {
    @Override
    public int encodedLength() {
        return StreamWire.PING_BYTES;
    }
}
