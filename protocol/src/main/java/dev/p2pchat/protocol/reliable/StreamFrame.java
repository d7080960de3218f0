package dev.p2pchat.protocol.reliable;

/**
 * One frame of a stream packet's plaintext. {@link StreamFrameCodec} reads and writes them; the wire
 * layout of each kind is drawn in {@code package-info.java}.
 */
public sealed interface StreamFrame permits DataFrame, AckFrame, PingFrame, PongFrame, CloseFrame, PaddingFrame {
    /** Exact number of bytes this frame takes on the wire. */
    int encodedLength();
}
