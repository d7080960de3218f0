package dev.p2pchat.server.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.turn.TurnConstants;
import dev.p2pchat.server.turn.TurnStats.Counter;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.turn.RelayedEndpoint;
import dev.p2pchat.traversal.turn.TurnClient;
import dev.p2pchat.traversal.turn.TurnCredentials;
import dev.p2pchat.traversal.turn.TurnError;
import dev.p2pchat.traversal.turn.TurnException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Our TURN client against our relay on the simulated internet, in virtual time: the client behind a
 * Linux-like NAT, a plain UDP peer on the public internet. Minutes and hours of refreshes run in
 * milliseconds and replay exactly.
 */
class TurnSimTest {
  private final SimulatedInternet net = new SimulatedInternet(7);
  private final SimHost serverHost = net.addPublicHost("198.18.0.10");
  private final SimHost peerHost = net.addPublicHost("198.18.0.20");
  private final DatagramEndpoint peer = peerHost.bind(40_000);
  private final List<Datagram> atPeer = new ArrayList<>();
  private SimTurnServer server;

  TurnSimTest() {
    peer.receive(atPeer::add);
  }

  private SimTurnServer server(UnaryOperator<TurnRelayConfig> tweak) {
    server = new SimTurnServer(net, serverHost, tweak);
    return server;
  }

  private SimTurnClient client(TurnCredentials credentials) {
    SimHost host = net.addLan("198.18.1." + (1 + net.random().nextInt(200)), NatBehavior.linuxMasquerade()).addHost();
    return new SimTurnClient(net.scheduler(), host, credentials, net.random().nextLong());
  }

  private TurnCredentials valid(String user) {
    return SimTurnServer.credentials(server.address(), user, net.scheduler().now().plus(Duration.ofDays(1)));
  }

  private void run(Duration d) {
    net.scheduler().runFor(d);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Datagram d) {
    return new String(d.data(), StandardCharsets.UTF_8);
  }

  @Test
  void relaysBothWaysWithSendIndicationsThenChannelData() {
    server(c -> c);
    SimTurnClient alice = client(valid("alice"));
    RelayedEndpoint relayed = alice.allocated();
    assertThat(relayed.localAddress().getAddress()).isEqualTo(serverHost.address());
    assertThat(relayed.mappedAddress()).isPresent();
    assertThat(relayed.mappedAddress().get().getAddress().getHostAddress()).startsWith("198.18.1.");

    relayed.send(peer.localAddress(), bytes("hello 1"));
    run(Duration.ofSeconds(1));
    assertThat(atPeer).extracting(TurnSimTest::text).containsExactly("hello 1");
    assertThat(atPeer.getFirst().source()).isEqualTo(relayed.localAddress());
    assertThat(alice.turn.stats().sentIndications()).isEqualTo(1); // the channel was not bound yet

    peer.send(relayed.localAddress(), bytes("hi back"));
    run(Duration.ofSeconds(1));
    assertThat(alice.received).extracting(TurnSimTest::text).containsExactly("hi back");
    assertThat(alice.received.getFirst().source()).isEqualTo(peer.localAddress());
    assertThat(alice.turn.stats().receivedChannelData()).isEqualTo(1); // bound by now: the server uses it

    relayed.send(peer.localAddress(), bytes("hello 2"));
    run(Duration.ofSeconds(1));
    assertThat(atPeer).extracting(TurnSimTest::text).containsExactly("hello 1", "hello 2");
    assertThat(alice.turn.stats().sentChannelData()).isEqualTo(1);
    assertThat(server.relay.stats().get(Counter.RELAYED_TO_PEER)).isEqualTo(2);
    assertThat(server.relay.stats().get(Counter.RELAYED_TO_CLIENT)).isEqualTo(1);
  }

  @Test
  void theFirstDataToAPeerIndicationWaitsForThePermissionInsteadOfBeingLost() {
    server(c -> c);
    RelayedEndpoint relayed = client(valid("alice")).allocated();
    for (int i = 0; i < 5; i++) {
      relayed.send(peer.localAddress(), bytes("burst " + i));
    }
    run(Duration.ofSeconds(1));
    assertThat(atPeer).extracting(TurnSimTest::text).containsExactly("burst 0", "burst 1", "burst 2", "burst 3", "burst 4");
    assertThat(server.relay.stats().get(Counter.DROPPED_NO_PERMISSION)).isZero();
  }

  @Test
  void refreshesKeepAnAllocationAndItsChannelAliveForHours() {
    server(c -> c);
    SimTurnClient alice = client(valid("alice"));
    RelayedEndpoint relayed = alice.allocated();
    int rounds = 0;
    for (Duration t = Duration.ZERO; t.compareTo(Duration.ofHours(3)) < 0; t = t.plusSeconds(50)) {
      relayed.send(peer.localAddress(), bytes("a" + rounds));
      peer.send(relayed.localAddress(), bytes("p" + rounds));
      rounds++;
      run(Duration.ofSeconds(50));
    }
    assertThat(atPeer).hasSize(rounds);
    assertThat(alice.received).hasSize(rounds - 1); // the peer's first datagram came before any permission
    assertThat(alice.turn.state()).isEqualTo(TurnClient.State.ALLOCATED);
    assertThat(alice.turn.stats().refreshes()).isGreaterThanOrEqualTo(3 * 60 / 5 - 1);
    assertThat(alice.lost).isEmpty();
    assertThat(server.relay.stats().get(Counter.DEALLOCATED)).isZero();
    assertThat(alice.turn.stats().sentChannelData()).isGreaterThan(rounds - 3);
  }

  @Test
  void aPinnedPermissionStaysWhileAnUnusedOneLapses() {
    server(c -> c);
    SimTurnClient alice = client(valid("alice"));
    RelayedEndpoint relayed = alice.allocated();
    DatagramEndpoint other = net.addPublicHost("198.18.0.30").bind(40_000);
    relayed.permit(peer.localAddress().getAddress());
    relayed.send(other.localAddress(), bytes("once"));
    run(TurnConstants.PERMISSION_LIFETIME.multipliedBy(4));

    long before = server.relay.stats().get(Counter.DROPPED_NO_PERMISSION);
    peer.send(relayed.localAddress(), bytes("pinned"));
    other.send(relayed.localAddress(), bytes("lapsed"));
    run(Duration.ofSeconds(1));
    assertThat(alice.received).extracting(TurnSimTest::text).containsExactly("pinned");
    assertThat(server.relay.stats().get(Counter.DROPPED_NO_PERMISSION)).isEqualTo(before + 1);
  }

  @Test
  void aSilentClientsAllocationExpiresAndTheClientIsToldItIsLost() {
    server(c -> c);
    SimTurnClient alice = client(valid("alice"));
    RelayedEndpoint relayed = alice.allocated();
    alice.endpoint.close(); // gone without a word: no refresh, no delete
    run(TurnConstants.DEFAULT_ALLOCATION_LIFETIME.plusSeconds(1));
    assertThat(server.relay.sweep()).isEqualTo(1);
    assertThat(server.relay.allocations()).isZero();
    assertThat(server.relay.stats().get(Counter.DEALLOCATED)).isEqualTo(1);

    peer.send(relayed.localAddress(), bytes("anyone?"));
    run(Duration.ofMinutes(1));
    assertThat(alice.lost).singleElement().isInstanceOf(TurnError.Timeout.class);
    assertThat(alice.turn.state()).isEqualTo(TurnClient.State.CLOSED);
  }

  @Test
  void closeDeletesTheAllocationAtOnce() {
    server(c -> c);
    SimTurnClient alice = client(valid("alice"));
    alice.allocated();
    var closed = alice.turn.close();
    net.scheduler().runUntil(closed::isDone, Duration.ofMinutes(1));
    assertThat(server.relay.allocations()).isZero();
    assertThat(server.relay.stats().get(Counter.DEALLOCATED)).isEqualTo(1);
    assertThat(alice.lost).isEmpty(); // closing is not losing
  }

  @Test
  void aWrongPasswordGets401TwiceAndAClearError() {
    server(c -> c);
    TurnCredentials good = valid("alice");
    SimTurnClient alice = client(new TurnCredentials(good.server(), good.username(), "not-the-password"));
    assertThatThrownBy(() -> alice.allocate().join())
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(TurnException.class, e -> {
          assertThat(e.error()).isEqualTo(new TurnError.WrongCredentials(good.username()));
          assertThat(e.getMessage()).contains("refused the credentials");
        });
    assertThat(server.relay.stats().get(Counter.UNAUTHENTICATED)).isEqualTo(2);
    assertThat(server.relay.allocations()).isZero();
  }

  @Test
  void expiredRestCredentialsAreRefusedAndNamedAsExpired() {
    server(c -> c);
    Instant expiry = net.scheduler().now().minusSeconds(1);
    SimTurnClient alice = client(SimTurnServer.credentials(server.address(), "alice", expiry));
    assertThatThrownBy(() -> alice.allocate().join())
        .cause().isInstanceOfSatisfying(TurnException.class, e ->
            assertThat(e.error()).isInstanceOf(TurnError.CredentialsExpired.class));
  }

  @Test
  void aUserBeyondTheQuotaGets486() {
    server(c -> c.withMaxAllocationsPerUser(2));
    client(valid("alice")).allocated();
    client(valid("alice")).allocated();
    assertThatThrownBy(() -> client(valid("alice")).allocate().join())
        .cause().isInstanceOfSatisfying(TurnException.class, e ->
            assertThat(e.error()).isEqualTo(new TurnError.Refused(486, "Allocation Quota Reached")));
    client(valid("bob")).allocated(); // the quota is per user
    assertThat(server.relay.stats().get(Counter.QUOTA_REFUSED)).isEqualTo(1);
  }

  @Test
  void theRelayNeverSendsToTheServerItself() {
    server(c -> c);
    SimTurnClient alice = client(valid("alice"));
    RelayedEndpoint relayed = alice.allocated();
    relayed.send(server.address(), bytes("loop me")); // the server's own STUN/TURN port
    run(Duration.ofSeconds(1));
    assertThat(server.relay.stats().get(Counter.DROPPED_FORBIDDEN)).isEqualTo(1);
    assertThat(server.junk).isZero();

    relayed.send(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000), bytes("to localhost"));
    run(Duration.ofSeconds(1));
    assertThat(alice.turn.stats().permissionFailures()).isEqualTo(1); // 403 Forbidden
    assertThat(server.relay.stats().get(Counter.FORBIDDEN_PEER)).isEqualTo(1);
  }

  @Test
  void twoClientsRelayedByTheSameServerReachEachOther() {
    server(c -> c);
    SimTurnClient alice = client(valid("alice"));
    SimTurnClient bob = client(valid("bob"));
    RelayedEndpoint a = alice.allocated();
    RelayedEndpoint b = bob.allocated();
    b.permit(a.localAddress().getAddress());
    run(Duration.ofSeconds(1));
    a.send(b.localAddress(), bytes("relay to relay"));
    run(Duration.ofSeconds(1));
    assertThat(bob.received).extracting(TurnSimTest::text).containsExactly("relay to relay");
    assertThat(bob.received.getFirst().source()).isEqualTo(a.localAddress());
  }

  @Test
  void staleNoncesAreRenewedWithoutLosingTheAllocation() {
    server(c -> c.withNonceLifetime(Duration.ofMinutes(1)));
    SimTurnClient alice = client(valid("alice"));
    alice.allocated();
    run(Duration.ofMinutes(30));
    assertThat(server.relay.stats().get(Counter.STALE_NONCE)).isGreaterThanOrEqualTo(5);
    assertThat(alice.turn.state()).isEqualTo(TurnClient.State.ALLOCATED);
    assertThat(alice.lost).isEmpty();
  }

  @Test
  void keepalivesHoldTheNatMappingBetweenRefreshes() {
    server(c -> c);
    SimTurnClient alice = client(valid("alice"));
    RelayedEndpoint relayed = alice.allocated();
    relayed.permit(peer.localAddress().getAddress());
    run(Duration.ofMinutes(20)); // NAT timeout 2 minutes, refresh every 5: keepalives fill the gap
    peer.send(relayed.localAddress(), bytes("still there?"));
    run(Duration.ofSeconds(1));
    assertThat(alice.received).extracting(TurnSimTest::text).containsExactly("still there?");
    assertThat(alice.turn.stats().keepalives()).isGreaterThan(0);
  }
}
