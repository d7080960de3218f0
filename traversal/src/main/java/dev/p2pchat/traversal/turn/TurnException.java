package dev.p2pchat.traversal.turn;

/** A failed TURN operation; {@link #error()} says why. No stack trace: these are expected outcomes. */
public final class TurnException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient TurnError error;

    public TurnException(TurnError error) {
        super(error.describe(), null, false, false);
        this.error = error;
    }

    public TurnError error() {
        return error;
    }
}
