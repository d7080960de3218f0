package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.MembershipRejection.BadSignature;
import dev.p2pchat.protocol.room.MembershipRejection.InvalidTarget;
import dev.p2pchat.protocol.room.MembershipRejection.NotAuthorized;
import dev.p2pchat.protocol.room.MembershipRejection.NotGenesis;
import dev.p2pchat.protocol.room.MembershipRejection.StaleVersion;
import dev.p2pchat.protocol.room.MembershipRejection.VersionGap;
import dev.p2pchat.protocol.room.MembershipRejection.WrongPrevious;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A room's membership at one version: immutable; {@link #apply} returns the next one or a typed
 * refusal. The rules: the version must be exactly the next, {@code previous} the current head, the
 * actor allowed (admins invite, remove and promote; the invitee accepts; a member leaves) and the
 * signature valid under the actor's key as this membership knows it.
 */
public final class Membership {
    private final RoomId roomId;
    private final Username creator;
    private final String name;
    private final boolean historyVisible;
    private final long version;
    private final byte[] head;
    private final Map<Username, Member> members;

    private Membership(RoomId roomId, Username creator, String name, boolean historyVisible, long version,
            byte[] head, Map<Username, Member> members) {
        this.roomId = roomId;
        this.creator = creator;
        this.name = name;
        this.historyVisible = historyVisible;
        this.version = version;
        this.head = head;
        this.members = Collections.unmodifiableMap(members);
    }

    /** The membership a genesis change creates; the room id comes from its digest. */
    public static Membership genesis(MembershipChange change) throws MembershipException {
        if (!(change.op() instanceof MembershipOp.Create create) || change.version() != 1
                || !Arrays.equals(change.previous(), new byte[RoomWire.DIGEST_LENGTH])) {
            throw new MembershipException(new NotGenesis(change.version()));
        }
        if (!change.verifiedBy(create.creatorKey())) {
            throw new MembershipException(new BadSignature(change.actor(), 1));
        }
        byte[] digest = change.digest();
        Map<Username, Member> members = new LinkedHashMap<>();
        members.put(change.actor(), new Member(change.actor(), create.creatorKey(), MemberRole.ADMIN));
        return new Membership(roomIdOf(change), change.actor(), create.name(), create.historyVisible(), 1, digest,
                members);
    }

    /** The room id a genesis change names: the first 16 bytes of SHA-256(label ‖ change). */
    public static RoomId roomIdOf(MembershipChange genesis) {
        byte[] label = RoomWire.ROOM_ID_LABEL.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] encoded = MembershipChangeCodec.encode(genesis);
        byte[] input = Arrays.copyOf(label, label.length + encoded.length);
        System.arraycopy(encoded, 0, input, label.length, encoded.length);
        return RoomId.of(Arrays.copyOf(MembershipChange.sha256(input), RoomWire.ROOM_ID_LENGTH));
    }

    /** The membership after {@code change}, or why it is refused. */
    public Membership apply(MembershipChange change) throws MembershipException {
        checkPosition(change);
        Member actor = members.get(change.actor());
        if (actor == null) {
            throw new MembershipException(new NotAuthorized(change.actor(), "not in the room"));
        }
        if (!change.verifiedBy(actor.key())) {
            throw new MembershipException(new BadSignature(change.actor(), change.version()));
        }
        Map<Username, Member> next = new LinkedHashMap<>(members);
        MembershipRules.apply(actor, change.op(), next);
        return new Membership(roomId, creator, name, historyVisible, change.version(), change.digest(), next);
    }

    private void checkPosition(MembershipChange change) throws MembershipException {
        if (change.op() instanceof MembershipOp.Create) {
            throw new MembershipException(new NotGenesis(change.version()));
        }
        if (change.version() <= version) {
            throw new MembershipException(new StaleVersion(version, change.version()));
        }
        if (change.version() > version + 1) {
            throw new MembershipException(new VersionGap(version, change.version()));
        }
        if (!MessageDigest.isEqual(change.previous(), head)) {
            throw new MembershipException(new WrongPrevious(change.version()));
        }
    }

    public RoomId roomId() {
        return roomId;
    }

    public String name() {
        return name;
    }

    public boolean historyVisible() {
        return historyVisible;
    }

    public long version() {
        return version;
    }

    /** Digest of the last change applied: the {@code previous} of the next one. */
    public byte[] head() {
        return head.clone();
    }

    public Map<Username, Member> members() {
        return members;
    }

    public Optional<Member> member(Username user) {
        return Optional.ofNullable(members.get(user));
    }

    /** Who reads this epoch (members and admins, not invitees), sorted. */
    public Set<Username> readers() {
        Set<Username> readers = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        members.values().stream().filter(m -> m.role().reads()).forEach(m -> readers.add(m.user()));
        return readers;
    }

    /**
     * The admin who sequences membership changes: the creator while it is an admin, else the admin
     * with the smallest name. Every replica with this membership names the same one, so changes go
     * through one writer and the chain does not fork.
     */
    public Username sequencer() {
        Member first = members.get(creator);
        if (first != null && first.role() == MemberRole.ADMIN) {
            return creator;
        }
        return members.values().stream().filter(m -> m.role() == MemberRole.ADMIN).map(Member::user)
                .min((a, b) -> a.value().compareTo(b.value()))
                .orElse(creator);
    }

    public boolean reads(Username user) {
        Member member = members.get(user);
        return member != null && member.role().reads();
    }

    @Override
    public String toString() {
        return "Membership[" + roomId + " v" + version + " " + members.keySet() + "]";
    }
}
