package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;

/** Why a membership change was refused; each carries the offending values. */
public sealed interface MembershipRejection {
    /** The signature does not verify with the actor's key in the membership (a forgery). */
    record BadSignature(Username actor, long version) implements MembershipRejection {}

    /** The actor may not do this: not a member, not an admin, or not the invitee. */
    record NotAuthorized(Username actor, String operation) implements MembershipRejection {}

    /** A version already applied: a replay, or an old change arriving late. */
    record StaleVersion(long current, long presented) implements MembershipRejection {}

    /** A version beyond the next one: earlier changes are missing (ask for them). */
    record VersionGap(long current, long presented) implements MembershipRejection {}

    /** The right version but another previous digest: a fork or a change for another room. */
    record WrongPrevious(long version) implements MembershipRejection {}

    /** A chain that does not start with a create, or a create anywhere else. */
    record NotGenesis(long version) implements MembershipRejection {}

    /** The target cannot take this change (already in, not in, self-removal, last admin, full). */
    record InvalidTarget(Username user, String why) implements MembershipRejection {}
}
