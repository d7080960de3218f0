package dev.p2pchat.client.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.signalling.ServerMessage;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.session.SessionConfig;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.net.DatagramNetwork;
import dev.p2pchat.traversal.net.WireTap;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import dev.p2pchat.traversal.sim.StunResponder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link TraversalLinks} on the simulated internet (virtual time, one thread): the descriptions the
 * chat client would carry through the server are handed over directly, and a message crosses two NATs
 * over the real session layer ({@link NoiseSessions}). Tests about traversal alone use the plaintext
 * {@link PlainTestSessions} double.
 */
class TraversalLinksSimTest {
  private static final ServerMessage.Welcome WELCOME =
      new ServerMessage.Welcome(Username.of("x"), 0, List.of("198.18.0.10:3478"), List.of());

  private final SimulatedInternet net = new SimulatedInternet(7);
  private final Identity alice = Identity.generate(Username.of("alice"), new SecureRandom());
  private final Identity bob = Identity.generate(Username.of("bob"), new SecureRandom());

  static final class Recorder implements LinkListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override public void onEstablished(PathKind path, String remote) { events.add("established " + remote); }
    @Override public void onMessage(UUID id, byte[] payload) { events.add("message " + new String(payload)); }
    @Override public void onDelivered(UUID id) { events.add("delivered " + id); }
    @Override public void onPathChanged(PathKind path, String remote) { events.add("path " + remote); }
    @Override public void onClosed(String reason) { events.add("closed " + reason); }
  }

  /** Links with the real session layer (Noise IK + reliable stream) on the simulation's loop. */
  private TraversalLinks links(DatagramNetwork host, Identity identity, AgentConfig config) {
    return links(host, identity, config,
        NoiseSessions.on(net.scheduler(), SessionConfig.defaults(), new SplittableRandom(net.random().nextLong())));
  }

  private TraversalLinks links(DatagramNetwork host, Identity identity, AgentConfig config, SessionOpener sessions) {
    TraversalLinks links = new TraversalLinks(host, new java.net.InetSocketAddress(0), net.scheduler(), config,
        sessions, identity, new SplittableRandom(net.random().nextLong()));
    links.useServers(WELCOME);
    return links;
  }

  private <T> T run(CompletableFuture<T> future) {
    assertThat(net.scheduler().runUntil(future::isDone, Duration.ofSeconds(30))).isTrue();
    return future.join();
  }

  private void startStun() {
    SimHost stunHost = net.addPublicHost("198.18.0.10");
    StunResponder.single(stunHost.bind(3478));
  }

  @Test
  void aMessageCrossesTwoPortRestrictedNats() {
    startStun();
    WireTap aliceWire = new WireTap(net.addLan("198.18.1.1", NatBehavior.linuxMasquerade()).addHost());
    WireTap bobWire = new WireTap(net.addLan("198.18.2.1", NatBehavior.linuxMasquerade()).addHost());
    TraversalLinks a = links(aliceWire, alice, AgentConfig.defaults());
    TraversalLinks b = links(bobWire, bob, AgentConfig.defaults());

    assertThat(run(a.publicAddress())).hasValueSatisfying(address -> assertThat(address).startsWith("198.18.1.1:"));
    LinkAttempt offerer = run(a.prepare());
    ObjectNode offer = offerer.description();
    assertThat(offer.path("candidates").toString()).contains("SRFLX", "198.18.1.1");

    LinkAttempt answerer = run(b.prepare());
    Recorder atBob = new Recorder();
    Recorder atAlice = new Recorder();
    Link bobLink = answerer.connect(offer, LinkRole.CONTROLLED, alice.publicKeys(), atBob);
    Link aliceLink = offerer.connect(answerer.description(), LinkRole.CONTROLLING, bob.publicKeys(), atAlice);
    UUID id = UUID.randomUUID();
    aliceLink.send(id, "through the NATs".getBytes()); // before establishment: held, then sent

    assertThat(net.scheduler().runUntil(() -> atAlice.events.contains("delivered " + id), Duration.ofSeconds(30))).isTrue();
    assertThat(atBob.events).contains("message through the NATs");
    assertThat(atAlice.events.getFirst()).startsWith("established 198.18.2.1:");
    assertThat(bobLink.status().established()).isTrue();
    UUID reply = UUID.randomUUID();
    bobLink.send(reply, "and a secret reply".getBytes());
    assertThat(net.scheduler().runUntil(() -> atBob.events.contains("delivered " + reply), Duration.ofSeconds(30))).isTrue();
    assertThat(atAlice.events).containsOnlyOnce("message and a secret reply");
    // End-to-end encrypted: what the sockets carried (both directions, both sides) never holds the text.
    assertThat(aliceWire.sent).hasSizeGreaterThan(5);
    assertThat(aliceWire.carried("through the NATs") || bobWire.carried("through the NATs")).isFalse();
    assertThat(aliceWire.carried("secret reply") || bobWire.carried("secret reply")).isFalse();
    assertThat(aliceLink.status().rtt()).isPresent();
  }

  @Test
  void aPeerHoldingAnotherKeyThanThePinnedOneGetsNoLink() {
    startStun();
    TraversalLinks a = links(net.addLan("198.18.1.1", NatBehavior.linuxMasquerade()).addHost(), alice, AgentConfig.defaults());
    TraversalLinks b = links(net.addLan("198.18.2.1", NatBehavior.linuxMasquerade()).addHost(), bob, AgentConfig.defaults());
    Identity mallory = Identity.generate(Username.of("mallory"), new SecureRandom());
    LinkAttempt offerer = run(a.prepare());
    LinkAttempt answerer = run(b.prepare());
    Recorder atAlice = new Recorder();
    Recorder atBob = new Recorder();

    // Bob pinned mallory's keys for "alice": alice's authentic handshake is refused as a key change.
    answerer.connect(offerer.description(), LinkRole.CONTROLLED, mallory.publicKeys(), atBob);
    Link aliceLink = offerer.connect(answerer.description(), LinkRole.CONTROLLING, bob.publicKeys(), atAlice);
    aliceLink.send(UUID.randomUUID(), "never shown".getBytes());

    assertThat(net.scheduler().runUntil(() -> !atBob.events.isEmpty(), Duration.ofSeconds(30))).isTrue();
    assertThat(atBob.events).singleElement().satisfies(e -> assertThat(e).startsWith("closed security: the peer authenticated with key"));
    assertThat(net.scheduler().runUntil(() -> !atAlice.events.isEmpty(), Duration.ofSeconds(120))).isTrue();
    assertThat(atAlice.events).singleElement().satisfies(e -> assertThat(e).startsWith("closed "));
  }

  @Test
  void symmetricNatsOnBothSidesEndInAClosedLink() {
    startStun();
    NatBehavior symmetric = NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
    AgentConfig config = AgentConfig.defaults().withConnectTimeout(Duration.ofSeconds(5));
    TraversalLinks a = links(net.addLan("198.18.1.1", symmetric).addHost(), alice, config, new PlainTestSessions());
    TraversalLinks b = links(net.addLan("198.18.2.1", symmetric).addHost(), bob, config, new PlainTestSessions());
    LinkAttempt offerer = run(a.prepare());
    LinkAttempt answerer = run(b.prepare());
    Recorder atAlice = new Recorder();

    answerer.connect(offerer.description(), LinkRole.CONTROLLED, alice.publicKeys(), new Recorder());
    offerer.connect(answerer.description(), LinkRole.CONTROLLING, bob.publicKeys(), atAlice);

    assertThat(net.scheduler().runUntil(() -> !atAlice.events.isEmpty(), Duration.ofSeconds(10))).isTrue();
    assertThat(atAlice.events).singleElement().satisfies(e -> assertThat(e).startsWith("closed no path to the peer"));
  }

  @Test
  void aMalformedDescriptionIsRefused() {
    startStun();
    TraversalLinks a = links(net.addPublicHost("198.18.0.1"), alice, AgentConfig.defaults(), new PlainTestSessions());
    LinkAttempt attempt = run(a.prepare());
    ObjectNode junk = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("ufrag", 5);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> attempt.connect(junk, LinkRole.CONTROLLING, bob.publicKeys(), new Recorder()))
        .isInstanceOf(IllegalArgumentException.class);
  }

}
