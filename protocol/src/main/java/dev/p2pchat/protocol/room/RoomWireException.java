package dev.p2pchat.protocol.room;

/** A room message that cannot be decoded. From the network: drop and count it, never show it. */
public final class RoomWireException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong; the message says where. */
    public enum Problem { TRUNCATED, UNKNOWN_TYPE, UNSUPPORTED_VERSION, OUT_OF_RANGE, MALFORMED, TRAILING_BYTES }

    private final Problem problem;

    public RoomWireException(Problem problem, String detail) {
        super(problem + ": " + detail);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
