package dev.p2pchat.client.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.Envelope;
import dev.p2pchat.protocol.room.MemberRole;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.MembershipOp;
import dev.p2pchat.protocol.room.MembershipRejection;
import dev.p2pchat.protocol.room.RoomCrypto;
import dev.p2pchat.protocol.room.RoomMessage;
import dev.p2pchat.protocol.room.RoomMessage.EpochKey;
import dev.p2pchat.protocol.room.SenderKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoomReplicaTest {
  private static final Username ALICE = Username.of("alice");
  private static final Username BOB = Username.of("bob");
  private static final Username CAROL = Username.of("carol");
  private static final Username DAVE = Username.of("dave");

  private final RoomNet net = new RoomNet(1, RoomNet.Link.PERFECT);

  @Test
  void threeMembersChatInOneOrder() throws Exception {
    room(false, BOB, CAROL);
    net.send(ALICE, "hello");
    net.send(BOB, "hi");
    net.send(CAROL, "hey");
    settle();
    List<String> order = texts(ALICE);
    assertThat(order).containsExactlyInAnyOrder("hello", "hi", "hey");
    assertThat(texts(BOB)).isEqualTo(order);
    assertThat(texts(CAROL)).isEqualTo(order);
    assertThat(net.replicas.get(CAROL).membership().member(CAROL).orElseThrow().role()).isEqualTo(MemberRole.MEMBER);
  }

  @Test
  void aRemovedMemberCannotReadWhatFollows() throws Exception {
    room(false, BOB, CAROL);
    net.send(BOB, "before");
    settle();
    List<Envelope> captured = new ArrayList<>();
    net.handle(ALICE, net.replicas.get(ALICE).remove(CAROL));
    settle();
    assertThat(net.replicas.get(CAROL).membership().member(CAROL)).isEmpty();
    Step after = net.replicas.get(BOB).send("after".getBytes(StandardCharsets.UTF_8));
    after.out().stream().map(Outbound::message).filter(Envelope.class::isInstance).map(Envelope.class::cast)
        .forEach(captured::add);
    net.handle(BOB, after);
    settle();
    assertThat(texts(ALICE)).containsExactly("before", "after");
    assertThat(captured).isNotEmpty().allSatisfy(e -> assertThat(e.epoch()).isEqualTo(6));
    // Carol is not sent the new message, and were she to capture it, no key she holds opens it.
    RoomReplica carol = net.replicas.get(CAROL);
    for (Envelope envelope : captured) {
      net.handle(CAROL, carol.receive(BOB, envelope));
    }
    assertThat(texts(CAROL)).containsExactly("before");
    assertThat(carol.counters().notMembers()).isEqualTo(captured.size());
    assertThat(net.replicas.get(BOB).receive(CAROL,
        new RoomMessage.KeyRequest(carol.roomId(), BOB, 6)).out()).isEmpty();
  }

  @Test
  void aNewMemberDoesNotReadEarlierMessagesUnlessTheRoomShowsHistory() throws Exception {
    room(false, BOB);
    net.send(BOB, "old");
    settle();
    net.handle(ALICE, net.replicas.get(ALICE).invite(CAROL, net.key(CAROL).publicKey()));
    settle();
    net.handle(CAROL, net.replicas.get(CAROL).syncWith(BOB));
    net.send(BOB, "new");
    settle();
    assertThat(texts(CAROL)).containsExactly("new");
    assertThat(texts(BOB)).containsExactly("old", "new");

    RoomNet open = new RoomNet(2, RoomNet.Link.PERFECT);
    open.create(ALICE, true);
    open.handle(ALICE, open.replicas.get(ALICE).invite(BOB, open.key(BOB).publicKey()));
    open.runUntil(1_000);
    open.send(BOB, "old");
    open.runUntil(2_000);
    open.handle(ALICE, open.replicas.get(ALICE).invite(CAROL, open.key(CAROL).publicKey()));
    open.runUntil(3_000);
    open.handle(CAROL, open.replicas.get(CAROL).syncWith(BOB));
    open.runUntil(4_000);
    assertThat(open.replicas.get(CAROL).texts()).extracting(RoomText::text).containsExactly("old");
  }

  @Test
  void aServerForgedInvitationOrKeyIsRefused() throws Exception {
    room(false, BOB);
    RoomReplica bob = net.replicas.get(BOB);
    long version = bob.membership().version();
    SigningKeyPair server = SigningKeyPair.fromSeed(new byte[32]);
    MembershipChange forged = MembershipChange.sign(bob.membership().head(), version + 1, ALICE,
        new MembershipOp.Invite(DAVE, server.publicKey()), server);
    Step step = bob.receive(ALICE, new RoomMessage.MembershipUpdate(bob.roomId(), List.of(forged)));
    assertThat(step.events()).containsExactly(new RoomEvent.ChangeRefused(
        new MembershipRejection.BadSignature(ALICE, version + 1)));
    assertThat(bob.membership().version()).isEqualTo(version);
    // Keys of alice handed over by someone else are refused: keys come only from their owner.
    bob.receive(CAROL, new RoomMessage.SenderKeys(bob.roomId(), ALICE,
        List.of(new EpochKey(version, 1, SenderKey.of(new byte[32])))));
    assertThat(bob.counters().refusedKeys()).isEqualTo(1);
  }

  @Test
  void aForgedOrMisroutedEnvelopeIsDroppedAndCounted() throws Exception {
    room(false, BOB);
    RoomReplica bob = net.replicas.get(BOB);
    long epoch = bob.membership().version();
    Envelope byServer = RoomCrypto.seal(bob.roomId(), epoch, ALICE, 1, 1, SenderKey.of(new byte[32]),
        SigningKeyPair.fromSeed(new byte[32]), "x".getBytes(StandardCharsets.UTF_8));
    bob.receive(ALICE, byServer);
    assertThat(bob.counters().badSignatures()).isEqualTo(1);
    Envelope byStranger = RoomCrypto.seal(bob.roomId(), epoch, DAVE, 1, 1, SenderKey.of(new byte[32]),
        net.key(DAVE), "x".getBytes(StandardCharsets.UTF_8));
    bob.receive(DAVE, byStranger);
    assertThat(bob.counters().notMembers()).isEqualTo(1);
    assertThat(bob.texts()).isEmpty();
  }

  @Test
  void onlyAdminsChangeTheMembership() throws Exception {
    room(false, BOB);
    assertThatThrownBy(() -> net.replicas.get(BOB).invite(DAVE, net.key(DAVE).publicKey()))
        .isInstanceOf(dev.p2pchat.protocol.room.MembershipException.class);
    net.handle(BOB, net.replicas.get(BOB).leave());
    settle();
    assertThat(net.replicas.get(ALICE).membership().members()).containsOnlyKeys(ALICE);
  }

  @Test
  void twoAdminsChangingAtOnceDoNotForkTheChain() throws Exception {
    room(false, BOB, CAROL);
    net.handle(ALICE, net.replicas.get(ALICE).promote(BOB));
    settle();
    Username erin = Username.of("erin");
    net.handle(ALICE, net.replicas.get(ALICE).invite(DAVE, net.key(DAVE).publicKey()));
    net.handle(BOB, net.replicas.get(BOB).invite(erin, net.key(erin).publicKey()));
    net.handle(BOB, net.replicas.get(BOB).remove(CAROL));
    settle();
    settle();
    byte[] head = net.replicas.get(ALICE).membership().head();
    assertThat(net.replicas.get(ALICE).membership().readers()).containsExactly(ALICE, BOB, DAVE, erin);
    for (Username user : List.of(BOB, DAVE, erin)) {
      assertThat(net.replicas.get(user).membership().head()).as(user.value()).isEqualTo(head);
    }
    assertThat(net.replicas.get(CAROL).membership().member(CAROL)).isEmpty();
  }

  private void room(boolean historyVisible, Username... others) throws Exception {
    net.create(ALICE, historyVisible);
    for (Username other : others) {
      net.handle(ALICE, net.replicas.get(ALICE).invite(other, net.key(other).publicKey()));
      net.runUntil(net.now + 500);
    }
  }

  /** Runs the network for a second of virtual time: every exchange here settles well within it. */
  private void settle() {
    net.runUntil(net.now + 1_000);
  }

  private List<String> texts(Username user) {
    return net.replicas.get(user).texts().stream().map(RoomText::text).toList();
  }
}
