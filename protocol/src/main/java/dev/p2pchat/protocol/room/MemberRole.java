package dev.p2pchat.protocol.room;

/** A room member's standing. Only ADMIN and MEMBER read the room; INVITED must accept first. */
public enum MemberRole {
    INVITED,
    MEMBER,
    ADMIN;

    public boolean reads() {
        return this != INVITED;
    }
}
