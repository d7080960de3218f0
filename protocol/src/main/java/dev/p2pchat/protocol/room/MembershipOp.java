package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.util.Arrays;

/** What one membership change does. The actor is in the change, not here. */
public sealed interface MembershipOp {
    /** Op codes on the wire. */
    byte CREATE = 1;
    byte INVITE = 2;
    byte ACCEPT = 3;
    byte LEAVE = 4;
    byte REMOVE = 5;
    byte PROMOTE = 6;

    byte code();

    /**
     * The genesis: the creator becomes the only admin. The nonce makes two rooms of the same name
     * by the same creator distinct, since the room id is derived from this change.
     */
    record Create(String name, boolean historyVisible, byte[] nonce, SigningPublicKey creatorKey)
            implements MembershipOp {
        public static final int NONCE_LENGTH = 16;

        public Create {
            if (name.isBlank() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > RoomWire.MAX_NAME_BYTES) {
                throw new IllegalArgumentException("a room name is 1-" + RoomWire.MAX_NAME_BYTES + " bytes");
            }
            if (nonce.length != NONCE_LENGTH) {
                throw new IllegalArgumentException("the nonce is " + NONCE_LENGTH + " bytes");
            }
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Create that && name.equals(that.name) && historyVisible == that.historyVisible
                    && Arrays.equals(nonce, that.nonce) && creatorKey.equals(that.creatorKey);
        }

        @Override
        public int hashCode() {
            return name.hashCode() ^ Arrays.hashCode(nonce);
        }

        @Override
        public byte code() {
            return CREATE;
        }
    }

    /** An admin invites a user with the identity key the admin pinned for them. */
    record Invite(Username user, SigningPublicKey key) implements MembershipOp {
        @Override
        public byte code() {
            return INVITE;
        }
    }

    /** The invitee accepts; signed with the key the invite named, so only that person can. */
    record Accept() implements MembershipOp {
        @Override
        public byte code() {
            return ACCEPT;
        }
    }

    /** A member (or an invitee declining) leaves. */
    record Leave() implements MembershipOp {
        @Override
        public byte code() {
            return LEAVE;
        }
    }

    /** An admin removes someone else. */
    record Remove(Username user) implements MembershipOp {
        @Override
        public byte code() {
            return REMOVE;
        }
    }

    /** An admin makes a member an admin. */
    record Promote(Username user) implements MembershipOp {
        @Override
        public byte code() {
            return PROMOTE;
        }
    }
}
