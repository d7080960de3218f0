package dev.p2pchat.protocol.reliable;

import java.util.Optional;

/** Why a stream was closed, with its wire code in the CLOSE frame. */
public enum CloseReason {
    /** The user or application ended the session. */
    NORMAL(0),
    /** The peer sent frames this endpoint could not accept. */
    PROTOCOL_ERROR(1),
    /** The process is shutting down; the session may come back later. */
    SHUTDOWN(2);

    private final int code;

    CloseReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<CloseReason> fromCode(int code) {
        for (CloseReason reason : values()) {
            if (reason.code == code) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
