package dev.p2pchat.protocol.frame;

/**
 * Why a datagram is not an acceptable check frame. Receivers drop such datagrams and count them; the
 * subtypes let the count say why.
 */
public abstract sealed class FrameException extends Exception
        permits FrameException.Malformed, FrameException.UnknownReceiver, FrameException.BadTag {

    private FrameException(String message) {
        super(message, null, false, false);
    }

    /** Wrong length, type or field value. */
    public static final class Malformed extends FrameException {
        private final int length;

        public Malformed(String what, int length) {
            super(what + " (frame of " + length + " bytes)");
            this.length = length;
        }

        public int length() {
            return length;
        }
    }

    /** The receiver ufrag names no connection known here. */
    public static final class UnknownReceiver extends FrameException {
        private final Ufrag receiver;

        public UnknownReceiver(Ufrag receiver) {
            super("no connection with ufrag " + receiver);
            this.receiver = receiver;
        }

        public Ufrag receiver() {
            return receiver;
        }
    }

    /** The HMAC tag does not verify with the receiver's key. */
    public static final class BadTag extends FrameException {
        private final int type;

        public BadTag(int type) {
            super(String.format("bad tag on frame type 0x%02X", type));
            this.type = type;
        }

        public int type() {
            return type;
        }
    }
}
