package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;

/** One entry of a room's membership: who, with which identity key, in which role. */
public record Member(Username user, SigningPublicKey key, MemberRole role) {
    Member withRole(MemberRole newRole) {
        return new Member(user, key, newRole);
    }
}
