package dev.p2pchat.protocol.room;

import static dev.p2pchat.protocol.room.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.room.MembershipRejection.BadSignature;
import dev.p2pchat.protocol.room.MembershipRejection.InvalidTarget;
import dev.p2pchat.protocol.room.MembershipRejection.NotAuthorized;
import dev.p2pchat.protocol.room.MembershipRejection.NotGenesis;
import dev.p2pchat.protocol.room.MembershipRejection.StaleVersion;
import dev.p2pchat.protocol.room.MembershipRejection.VersionGap;
import dev.p2pchat.protocol.room.MembershipRejection.WrongPrevious;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {
    private final TestUsers users = new TestUsers();

    @Test
    void createInviteAcceptPromoteRemoveLeave() throws Exception {
        MembershipLog log = users.room("alice", "bob");
        assertThat(log.current().readers()).containsExactly(user("alice"), user("bob"));
        log.append(users.next(log, "alice", users.invite("carol")));
        assertThat(log.current().readers()).doesNotContain(user("carol"));
        assertThat(log.current().member(user("carol")).orElseThrow().role()).isEqualTo(MemberRole.INVITED);
        log.append(users.next(log, "carol", new MembershipOp.Accept()));
        log.append(users.next(log, "alice", new MembershipOp.Promote(user("bob"))));
        log.append(users.next(log, "bob", new MembershipOp.Remove(user("carol"))));
        log.append(users.next(log, "alice", new MembershipOp.Leave()));
        assertThat(log.current().members().keySet()).containsExactly(user("bob"));
        assertThat(log.version()).isEqualTo(8);
        assertThat(log.at(6).readers()).containsExactly(user("alice"), user("bob"), user("carol"));
    }

    @Test
    void theRoomIdIsBoundToTheGenesis() throws Exception {
        MembershipLog one = MembershipLog.verify(List.of(users.create("alice", "room", false)));
        MembershipLog same = MembershipLog.verify(List.of(users.create("alice", "room", false)));
        MembershipLog other = MembershipLog.verify(List.of(users.create("alice", "room", true)));
        assertThat(one.roomId()).isEqualTo(same.roomId()).isNotEqualTo(other.roomId());
    }

    @Test
    void theServerCannotAddAMemberWithItsOwnKey() throws Exception {
        MembershipLog log = users.room("alice", "bob");
        // The server is not in the room: its own signature makes it no admin.
        MembershipChange byServer = users.next(log, "server", users.invite("mallory"));
        assertThatThrownBy(() -> log.append(byServer)).isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.rejection()).isEqualTo(new NotAuthorized(user("server"), "not in the room")));
        // Nor by claiming to be the admin: it does not hold alice's key.
        SigningKeyPair serverKey = users.key("server");
        MembershipChange forged = MembershipChange.sign(log.current().head(), log.version() + 1, user("alice"),
                users.invite("mallory"), serverKey);
        assertThatThrownBy(() -> log.append(forged)).isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.rejection()).isEqualTo(new BadSignature(user("alice"), log.version() + 1)));
        assertThat(log.current().members()).doesNotContainKey(user("mallory"));
    }

    @Test
    void aForgedJoinerChainIsRejectedFromTheGenesis() throws Exception {
        MembershipLog log = users.room("alice", "bob");
        List<MembershipChange> chain = new ArrayList<>(log.changes());
        MembershipChange tampered = chain.get(1);
        // A server splicing mallory's key into alice's invitation of bob breaks alice's signature.
        chain.set(1, new MembershipChange(tampered.previous(), 2, user("alice"),
                new MembershipOp.Invite(user("bob"), users.key("mallory").publicKey()), tampered.signature()));
        assertThatThrownBy(() -> MembershipLog.verify(chain)).isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.rejection()).isInstanceOf(BadSignature.class));
        assertThatThrownBy(() -> MembershipLog.verify(chain.subList(1, chain.size())))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.rejection()).isInstanceOf(NotGenesis.class));
    }

    @Test
    void replaysGapsAndForksAreTyped() throws Exception {
        MembershipLog log = users.room("alice", "bob");
        MembershipChange remove = users.next(log, "alice", new MembershipOp.Remove(user("bob")));
        MembershipChange fork = users.next(log, "alice", users.invite("carol"));
        log.append(remove);
        assertThatThrownBy(() -> log.append(remove)).isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.rejection()).isEqualTo(new StaleVersion(4, 4)));
        MembershipChange gap = MembershipChange.sign(log.current().head(), 7, user("alice"),
                users.invite("dave"), users.key("alice"));
        assertThatThrownBy(() -> log.append(gap)).isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.rejection()).isEqualTo(new VersionGap(4, 7)));
        MembershipChange onOldHead = MembershipChange.sign(fork.previous(), 5, user("alice"),
                users.invite("carol"), users.key("alice"));
        assertThatThrownBy(() -> log.append(onOldHead)).isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.rejection()).isEqualTo(new WrongPrevious(5)));
        // A removed member's re-acceptance replayed under a new version is refused too.
        MembershipChange reAccept = users.next(log, "bob", new MembershipOp.Accept());
        assertThatThrownBy(() -> log.append(reAccept)).isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.rejection()).isInstanceOf(NotAuthorized.class));
    }

    @Test
    void onlyAdminsInviteOnlyInviteesAcceptAndTheLastAdminStays() throws Exception {
        MembershipLog log = users.room("alice", "bob");
        assertRejected(log, users.next(log, "bob", users.invite("carol")), NotAuthorized.class);
        assertRejected(log, users.next(log, "bob", new MembershipOp.Accept()), NotAuthorized.class);
        assertRejected(log, users.next(log, "alice", new MembershipOp.Leave()), InvalidTarget.class);
        assertRejected(log, users.next(log, "alice", new MembershipOp.Remove(user("alice"))), InvalidTarget.class);
        assertRejected(log, users.next(log, "alice", users.invite("bob")), InvalidTarget.class);
        assertRejected(log, users.next(log, "bob", new MembershipOp.Remove(user("alice"))), NotAuthorized.class);
        assertThat(log.version()).isEqualTo(3);
    }

    @Test
    void mergeSkipsWhatItHasAndAppliesTheRestInOrder() throws Exception {
        MembershipLog full = users.room("alice", "bob", "carol");
        MembershipLog partial = MembershipLog.verify(full.changes().subList(0, 2));
        List<MembershipChange> shuffled = new ArrayList<>(full.changes());
        java.util.Collections.reverse(shuffled);
        partial.merge(shuffled);
        assertThat(partial.version()).isEqualTo(full.version());
        assertThat(partial.current().head()).isEqualTo(full.current().head());
    }

    private static void assertRejected(MembershipLog log, MembershipChange change, Class<?> type) {
        assertThatThrownBy(() -> log.append(change)).isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.rejection()).isInstanceOf(type));
    }
}
