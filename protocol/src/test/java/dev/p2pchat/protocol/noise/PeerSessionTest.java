package dev.p2pchat.protocol.noise;

import static dev.p2pchat.protocol.noise.IkHandshakeTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.noise.PeerEvent.Drop;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerSessionTest {
  static final Instant T0 = Peers.T0;
  final Random random = new Random(5);
  final LocalIndices indices = LocalIndices.random(random);
  final NoiseKeyPair aliceKeys = NoiseKeyPair.generate(random);
  final NoiseKeyPair bobKeys = NoiseKeyPair.generate(random);
  final PeerSession alice = session(aliceKeys, bobKeys.publicKey());
  final PeerSession bob = session(bobKeys, aliceKeys.publicKey());

  PeerSession session(NoiseKeyPair local, NoisePublicKey remote) {
    return new PeerSession(local, remote, random, indices, RekeyPolicy.STANDARD);
  }

  @Test
  void oneRoundTripThenDataBothWays() {
    PeerEvent responded = bob.receive(T0, alice.initiate(T0, bytes("hi")));
    assertThat(responded).isInstanceOfSatisfying(PeerEvent.Responded.class,
        r -> assertThat(r.payload()).isEqualTo(bytes("hi")));
    // Bob holds unconfirmed keys: he may not send on them yet.
    assertThat(bob.seal(T0, bytes("too early"))).isEmpty();

    PeerEvent established = alice.receive(T0, ((PeerEvent.Responded) responded).response());
    assertThat(established).isInstanceOf(PeerEvent.Established.class);
    assertThat(data(bob.receive(T0, ((PeerEvent.Established) established).confirmation()))).isEmpty();

    assertThat(data(bob.receive(T0, alice.seal(T0, bytes("ping")).orElseThrow()))).isEqualTo(bytes("ping"));
    assertThat(data(alice.receive(T0, bob.seal(T0, bytes("pong")).orElseThrow()))).isEqualTo(bytes("pong"));
    assertAgreeOnOneSession(alice, bob);
  }

  /** Both initiate at once; the initiations cross in either order; either may hold the lower key. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void simultaneousInitiationEndsInOneSession(boolean lowerInitiationArrivesFirst) {
    boolean aliceLower = aliceKeys.publicKey().compareTo(bobKeys.publicKey()) < 0;
    PeerSession lower = aliceLower ? alice : bob;
    PeerSession higher = aliceLower ? bob : alice;
    byte[] fromLower = lower.initiate(T0, new byte[0]);
    byte[] fromHigher = higher.initiate(T0, new byte[0]);

    PeerEvent atHigher;
    if (lowerInitiationArrivesFirst) {
      atHigher = higher.receive(T0, fromLower);
      assertThat(lower.receive(T0, fromHigher)).isInstanceOf(PeerEvent.KeptInitiatorRole.class);
    } else {
      assertThat(lower.receive(T0, fromHigher)).isInstanceOf(PeerEvent.KeptInitiatorRole.class);
      atHigher = higher.receive(T0, fromLower);
    }
    assertThat(atHigher).isInstanceOf(PeerEvent.Responded.class);
    assertThat(higher.isHandshaking()).isFalse();
    PeerEvent established = lower.receive(T0, ((PeerEvent.Responded) atHigher).response());
    assertThat(established).isInstanceOf(PeerEvent.Established.class);
    higher.receive(T0, ((PeerEvent.Established) established).confirmation());

    assertAgreeOnOneSession(lower, higher);
    assertThat(lower.current().orElseThrow().isInitiator()).isTrue();
    assertThat(higher.current().orElseThrow().isInitiator()).isFalse();
  }

  @Test
  void theSameKeysMakeTheSameTieBreakWhicheverSideAsks() {
    int aliceView = Integer.signum(aliceKeys.publicKey().compareTo(bobKeys.publicKey()));
    int bobView = Integer.signum(bobKeys.publicKey().compareTo(aliceKeys.publicKey()));
    assertThat(aliceView).isEqualTo(-bobView).isNotZero();
  }

  @Test
  void aReplayedInitiationIsStaleAndChangesNothing() {
    byte[] initiation = alice.initiate(T0, new byte[0]);
    connect(initiation);
    SecureChannel before = bob.current().orElseThrow();
    assertThat(dropOf(bob.receive(T0.plusSeconds(1), initiation))).isInstanceOf(Drop.StaleInitiation.class);
    assertThat(bob.current()).containsSame(before);
  }

  @Test
  void anAuthenticInitiationFromAnotherKeyIsReportedAsAKeyChange() {
    NoiseKeyPair carol = NoiseKeyPair.generate(random);
    PeerSession carolToBob = session(carol, bobKeys.publicKey());
    Drop drop = dropOf(bob.receive(T0, carolToBob.initiate(T0, new byte[0])));
    assertThat(drop).isEqualTo(new Drop.UnexpectedPeerKey(carol.publicKey()));
  }

  @Test
  void aPeerWhoseKeyIsNotThePinnedOneCannotAnswerAndTheInitiatorGivesUp() {
    NoiseKeyPair bobsNewKey = NoiseKeyPair.generate(random);
    PeerSession newBob = session(bobsNewKey, aliceKeys.publicKey());
    byte[] initiation = alice.initiate(T0, new byte[0]);
    assertThat(dropOf(newBob.receive(T0, initiation)))
        .isEqualTo(new Drop.HandshakeFailed(HandshakeException.Reason.DECRYPTION_FAILED));

    assertThat(alice.tick(T0.plusSeconds(4))).isInstanceOf(PeerSession.Tick.Idle.class);
    Instant t = T0;
    int resent = 0;
    PeerSession.Tick tick;
    while (!((tick = alice.tick(t)) instanceof PeerSession.Tick.GaveUp)) {
      if (tick instanceof PeerSession.Tick.Send send) {
        resent++;
        assertThat(newBob.receive(t, send.initiation())).isInstanceOf(PeerEvent.Dropped.class);
      }
      t = t.plusSeconds(1);
    }
    assertThat(Duration.between(T0, t)).isEqualTo(SessionTimers.REKEY_ATTEMPT_TIME);
    assertThat(resent).isEqualTo(17);
    assertThat(alice.isHandshaking()).isFalse();
  }

  @Test
  void aRetransmittedInitiationIsAnsweredAndTheFirstIsForgotten() {
    byte[] lost = alice.initiate(T0, new byte[0]);
    PeerSession.Tick tick = alice.tick(T0.plus(SessionTimers.REKEY_TIMEOUT));
    byte[] second = ((PeerSession.Tick.Send) tick).initiation();
    connect(second);
    assertAgreeOnOneSession(alice, bob);
    // The lost one turns up late: older timestamp, so it is a replay to Bob.
    assertThat(dropOf(bob.receive(T0.plusSeconds(6), lost))).isInstanceOf(Drop.StaleInitiation.class);
  }

  @Test
  void rekeyKeepsPacketsInFlightOnTheOldKeysReadable() {
    connect(alice.initiate(T0, new byte[0]));
    byte[] oldFromAlice = alice.seal(T0, bytes("old a")).orElseThrow();
    byte[] oldFromBob = bob.seal(T0, bytes("old b")).orElseThrow();
    SecureChannel oldAlice = alice.current().orElseThrow();

    Instant later = T0.plus(SessionTimers.REKEY_AFTER_TIME);
    assertThat(bob.tick(later)).isInstanceOf(PeerSession.Tick.Idle.class); // only the initiator rekeys on time
    byte[] rekey = ((PeerSession.Tick.Send) alice.tick(later)).initiation();
    PeerEvent.Responded responded = (PeerEvent.Responded) bob.receive(later, rekey);
    PeerEvent.Established established = (PeerEvent.Established) alice.receive(later, responded.response());
    assertThat(alice.current().orElseThrow()).isNotSameAs(oldAlice);

    assertThat(data(alice.receive(later, oldFromBob))).isEqualTo(bytes("old b"));
    bob.receive(later, established.confirmation());
    assertThat(data(bob.receive(later, oldFromAlice))).isEqualTo(bytes("old a"));
    assertAgreeOnOneSession(alice, bob);
    assertThat(alice.tick(later)).isInstanceOf(PeerSession.Tick.Idle.class);
  }

  /** The session layer's payload (its stream epoch) rides on resends, rekeys and responses alike. */
  @Test
  void theHandshakePayloadTravelsInEveryHandshakeMessage() {
    PeerSession a = new PeerSession(aliceKeys, bobKeys.publicKey(), random, indices, RekeyPolicy.STANDARD, bytes("A"));
    PeerSession b = new PeerSession(bobKeys, aliceKeys.publicKey(), random, indices, RekeyPolicy.STANDARD, bytes("B"));
    a.initiate(T0); // lost
    byte[] resent = ((PeerSession.Tick.Send) a.tick(T0.plus(SessionTimers.REKEY_TIMEOUT))).initiation();
    PeerEvent.Responded responded = (PeerEvent.Responded) b.receive(T0, resent);
    assertThat(responded.payload()).isEqualTo(bytes("A"));
    PeerEvent.Established established = (PeerEvent.Established) a.receive(T0, responded.response());
    assertThat(established.payload()).isEqualTo(bytes("B"));
    b.receive(T0, established.confirmation());

    Instant later = T0.plus(SessionTimers.REKEY_AFTER_TIME);
    byte[] rekey = ((PeerSession.Tick.Send) a.tick(later)).initiation();
    assertThat(((PeerEvent.Responded) b.receive(later, rekey)).payload()).isEqualTo(bytes("A"));
  }

  @Test
  void keysExpireWithoutARekey() {
    connect(alice.initiate(T0, new byte[0]));
    Instant expiry = T0.plus(SessionTimers.REJECT_AFTER_TIME);
    assertThat(bob.seal(expiry.minusMillis(1), new byte[0])).isPresent();
    bob.tick(expiry);
    assertThat(bob.current()).isEmpty();
    assertThat(bob.seal(expiry, new byte[0])).isEmpty();
  }

  @Test
  void responsesForUnknownIndicesAndGarbageAreDropped() {
    connect(alice.initiate(T0, new byte[0]));
    assertThat(dropOf(alice.receive(T0, new byte[] {(byte) 0xd6})))
        .isEqualTo(new Drop.Malformed(new WireError.UnknownType(0xd6)));
    byte[] stray = new HandshakeResponse(ProtocolVersion.V1, 1, 12345, new byte[48]).encode();
    assertThat(dropOf(alice.receive(T0, stray))).isEqualTo(new Drop.UnknownIndex(12345));
    byte[] forged = new TransportData(alice.current().orElseThrow().localIndex(), 0, new byte[16]).encode();
    assertThat(dropOf(alice.receive(T0, forged))).isEqualTo(new Drop.TransportRejected(Rejection.BAD_TAG));
  }

  private void connect(byte[] initiation) {
    PeerEvent.Responded responded = (PeerEvent.Responded) bob.receive(T0, initiation);
    PeerEvent.Established established = (PeerEvent.Established) alice.receive(T0, responded.response());
    assertThat(bob.receive(T0, established.confirmation())).isInstanceOf(PeerEvent.Data.class);
  }

  private static void assertAgreeOnOneSession(PeerSession a, PeerSession b) {
    SecureChannel x = a.current().orElseThrow();
    SecureChannel y = b.current().orElseThrow();
    assertThat(x.localIndex()).isEqualTo(y.remoteIndex());
    assertThat(y.localIndex()).isEqualTo(x.remoteIndex());
    assertThat(x.handshakeHash()).isEqualTo(y.handshakeHash());
    Instant now = x.createdAt();
    assertThat(data(b.receive(now, a.seal(now, bytes("check a->b")).orElseThrow()))).isEqualTo(bytes("check a->b"));
    assertThat(data(a.receive(now, b.seal(now, bytes("check b->a")).orElseThrow()))).isEqualTo(bytes("check b->a"));
  }

  private static byte[] data(PeerEvent event) {
    assertThat(event).isInstanceOf(PeerEvent.Data.class);
    return ((PeerEvent.Data) event).plaintext();
  }

  private static Drop dropOf(PeerEvent event) {
    assertThat(event).isInstanceOf(PeerEvent.Dropped.class);
    return ((PeerEvent.Dropped) event).reason();
  }
}
