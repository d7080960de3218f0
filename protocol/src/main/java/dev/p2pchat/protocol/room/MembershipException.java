package dev.p2pchat.protocol.room;

/** A membership change that was refused; {@link #rejection()} says why. */
public final class MembershipException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient MembershipRejection rejection;

    public MembershipException(MembershipRejection rejection) {
        super(rejection.toString());
        this.rejection = rejection;
    }

    public MembershipRejection rejection() {
        return rejection;
    }
}
