package dev.p2pchat.protocol.reliable;

/**
 * A run of zero bytes, which hide a packet's true length from an observer of the ciphertext. Each
 * zero byte is a one-byte frame (as QUIC's PADDING); the decoder merges a run into one record.
 */
public record PaddingFrame(int length) implements StreamFrame {
    public PaddingFrame {
        if (length < 1) {
            throw new IllegalArgumentException("padding length must be >= 1: " + length);
        }
    }

    @Override
    public int encodedLength() {
        return length;
    }
}
