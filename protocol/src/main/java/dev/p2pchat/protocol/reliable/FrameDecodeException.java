package dev.p2pchat.protocol.reliable;

/** Thrown by {@link StreamFrameCodec} for a packet that is not a valid sequence of frames. */
public final class FrameDecodeException extends Exception {
    private final DecodeError error;

    public FrameDecodeException(DecodeError error) {
        super(error.toString(), null, false, false); // cheap: thrown for every bad packet, no stack needed
        this.error = error;
    }

    public DecodeError error() {
        return error;
    }
}
