package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.MembershipRejection.InvalidTarget;
import dev.p2pchat.protocol.room.MembershipRejection.NotAuthorized;
import java.util.Map;

/** Who may do what to whom; changes {@code members} in place or throws. */
final class MembershipRules {
    private MembershipRules() {}

    static void apply(Member actor, MembershipOp op, Map<Username, Member> members) throws MembershipException {
        switch (op) {
            case MembershipOp.Invite invite -> {
                requireAdmin(actor, "invite");
                if (members.containsKey(invite.user())) {
                    throw invalid(invite.user(), "already in the room");
                }
                if (members.size() >= RoomWire.MAX_MEMBERS) {
                    throw invalid(invite.user(), "room is full");
                }
                members.put(invite.user(), new Member(invite.user(), invite.key(), MemberRole.INVITED));
            }
            case MembershipOp.Accept accept -> {
                if (actor.role() != MemberRole.INVITED) {
                    throw new MembershipException(new NotAuthorized(actor.user(), "accept without an invitation"));
                }
                members.put(actor.user(), actor.withRole(MemberRole.MEMBER));
            }
            case MembershipOp.Leave leave -> {
                requireNotLastAdmin(actor, members);
                members.remove(actor.user());
            }
            case MembershipOp.Remove remove -> {
                requireAdmin(actor, "remove");
                if (remove.user().equals(actor.user())) {
                    throw invalid(remove.user(), "an admin leaves rather than removes itself");
                }
                if (members.remove(remove.user()) == null) {
                    throw invalid(remove.user(), "not in the room");
                }
            }
            case MembershipOp.Promote promote -> {
                requireAdmin(actor, "promote");
                Member target = members.get(promote.user());
                if (target == null || target.role() != MemberRole.MEMBER) {
                    throw invalid(promote.user(), "not a member");
                }
                members.put(target.user(), target.withRole(MemberRole.ADMIN));
            }
            case MembershipOp.Create create -> throw new IllegalStateException("checked by Membership");
        }
    }

    private static void requireAdmin(Member actor, String operation) throws MembershipException {
        if (actor.role() != MemberRole.ADMIN) {
            throw new MembershipException(new NotAuthorized(actor.user(), operation));
        }
    }

    /** A room with readers left must keep an admin, or nobody could ever change it again. */
    private static void requireNotLastAdmin(Member actor, Map<Username, Member> members) throws MembershipException {
        if (actor.role() != MemberRole.ADMIN) {
            return;
        }
        long admins = members.values().stream().filter(m -> m.role() == MemberRole.ADMIN).count();
        long others = members.values().stream().filter(m -> m.role().reads()).count() - 1;
        if (admins == 1 && others > 0) {
            throw invalid(actor.user(), "the last admin must promote someone before leaving");
        }
    }

    private static MembershipException invalid(Username user, String why) {
        return new MembershipException(new InvalidTarget(user, why));
    }
}
