package dev.p2pchat.server.turn;

import static dev.p2pchat.protocol.stun.StunConstants.METHOD_ALLOCATE;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_BINDING;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_CHANNEL_BIND;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_CREATE_PERMISSION;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_REFRESH;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_SEND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.AuthAttribute;
import dev.p2pchat.protocol.stun.ErrorAttribute;
import dev.p2pchat.protocol.stun.IntegrityKey;
import dev.p2pchat.protocol.stun.RawAttribute;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.protocol.stun.StunIntegrity;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TextAttribute;
import dev.p2pchat.protocol.stun.TurnAttribute;
import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnConstants;
import dev.p2pchat.server.turn.TurnStats.Counter;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The relay's answers to hand-made requests: RFC 8656 and RFC 8489 §9.2 details, refusals, junk. */
class TurnRelayProtocolTest {
  private final SimulatedInternet net = new SimulatedInternet(11);
  private final SimHost serverHost = net.addPublicHost("198.18.0.10");
  private final DatagramEndpoint peer = net.addPublicHost("198.18.0.20").bind(40_000);
  private final List<Datagram> atPeer = new ArrayList<>();
  private SimTurnServer server;
  private RawTurnClient c;

  private RawTurnClient start(UnaryOperator<TurnRelayConfig> tweak) {
    server = new SimTurnServer(net, serverHost, tweak);
    peer.receive(atPeer::add);
    c = client("198.18.1.1", 50_000, "alice");
    return c;
  }

  private RawTurnClient client(String ip, int port, String user) {
    RawTurnClient raw = new RawTurnClient(server.relay, new InetSocketAddress(ip, port), server.address());
    raw.username = RestCredentials.username(now().plus(Duration.ofHours(1)), user);
    raw.password = RestCredentials.password(SimTurnServer.SECRET, raw.username);
    return raw;
  }

  private Instant now() {
    return net.scheduler().now();
  }

  private static StunMessage allocate(RawTurnClient c, StunAttribute... extra) {
    List<StunAttribute> attributes = new ArrayList<>(List.of(new TurnAttribute.RequestedTransport(StunConstants.TRANSPORT_UDP)));
    attributes.addAll(List.of(extra));
    return RawTurnClient.request(METHOD_ALLOCATE, c.newId(), attributes.toArray(StunAttribute[]::new));
  }

  /** The 401 dance, then a signed Allocate; returns the success. */
  private static StunMessage allocated(RawTurnClient c) {
    c.challenge(allocate(c));
    StunMessage ok = c.sendSigned(allocate(c));
    assertThat(ok.type().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    return ok;
  }

  private static int code(StunMessage m) {
    return m.first(ErrorAttribute.ErrorCode.class).map(ErrorAttribute.ErrorCode::code).orElse(0);
  }

  private static InetSocketAddress relayedOf(StunMessage ok) {
    return ok.first(AddressAttribute.XorRelayedAddress.class).orElseThrow().address();
  }

  @Test
  void anUnauthenticatedAllocateGetsOnlyAShort401() {
    start(c -> c);
    StunMessage request = allocate(c);
    StunMessage answer = c.sendPlain(request);
    assertThat(code(answer)).isEqualTo(401);
    assertThat(answer.attributes()).extracting(StunAttribute::type)
        .containsExactly(StunConstants.ERROR_CODE, StunConstants.REALM, StunConstants.NONCE);
    // header 20 + ERROR-CODE 8 + REALM "p2pchat" 12 + NONCE of 22 characters 28
    assertThat(c.answers.getLast()).hasSize(68);
    assertThat(answer.transactionId()).isEqualTo(request.transactionId());
    assertThat(server.relay.allocations()).isZero();
    assertThat(server.relay.stats().get(Counter.UNAUTHENTICATED)).isEqualTo(1);
  }

  @Test
  void everyOtherUnauthenticatedRequestGetsTheSame401AndNothingElse() {
    start(c -> c);
    for (int method : new int[] {METHOD_REFRESH, METHOD_CREATE_PERMISSION, METHOD_CHANNEL_BIND, 0x0FF}) {
      StunMessage answer = c.sendPlain(RawTurnClient.request(method, c.newId()));
      assertThat(code(answer)).isEqualTo(401);
      assertThat(c.answers.getLast()).hasSize(68);
    }
  }

  @Test
  void theFullDanceAllocatesWithSignedResponses() {
    start(c -> c);
    StunMessage ok = allocated(c);
    assertThat(relayedOf(ok).getAddress()).isEqualTo(serverHost.address());
    assertThat(ok.first(AddressAttribute.XorMappedAddress.class).orElseThrow().address()).isEqualTo(c.client);
    assertThat(ok.first(TurnAttribute.Lifetime.class).orElseThrow().seconds()).isEqualTo(600);
    IntegrityKey key = IntegrityKey.longTermMd5(c.username, c.realm, c.password);
    byte[] wire = c.answers.getLast();
    assertThat(StunIntegrity.verify(wire, 0, wire.length, key)).isTrue();
  }

  @Test
  void integrityWithoutUsernameRealmOrNonceIs400() {
    start(c -> c);
    c.challenge(allocate(c));
    IntegrityKey key = IntegrityKey.longTermMd5(c.username, c.realm, c.password);
    StunMessage m = allocate(c);
    byte[] wire = dev.p2pchat.protocol.stun.StunEncoder.plain().withIntegrity(key).encode(m);
    server.relay.onStun(RawTurnClient.decode(wire), wire, c.client, c);
    assertThat(code(RawTurnClient.decode(c.answers.getLast()))).isEqualTo(400);
  }

  @Test
  void tamperedCredentialsAre401() {
    start(c -> c);
    c.challenge(allocate(c));
    String good = c.username;
    c.password = "AAAA" + c.password.substring(4);
    assertThat(code(c.sendSigned(allocate(c)))).isEqualTo(401);
    // a later expiry with the old password: the HMAC no longer matches
    c.password = RestCredentials.password(SimTurnServer.SECRET, good);
    c.username = (Long.parseLong(good.substring(0, good.indexOf(':'))) + 86_400) + good.substring(good.indexOf(':'));
    assertThat(code(c.sendSigned(allocate(c)))).isEqualTo(401);
    // a username without an expiry
    c.username = "alice";
    c.password = RestCredentials.password(SimTurnServer.SECRET, "alice");
    assertThat(code(c.sendSigned(allocate(c)))).isEqualTo(401);
    assertThat(server.relay.allocations()).isZero();
  }

  @Test
  void aNonceExpiresOrWorksOnlyFromTheAddressItWasGivenTo() {
    start(c -> c.withNonceLifetime(Duration.ofMinutes(1)));
    c.challenge(allocate(c));
    RawTurnClient thief = client("198.18.1.2", 50_000, "alice");
    thief.nonce = c.nonce;
    StunMessage stolen = thief.sendSigned(allocate(thief));
    assertThat(code(stolen)).isEqualTo(438);
    assertThat(stolen.first(TextAttribute.Nonce.class).orElseThrow().value()).isNotEqualTo(c.nonce);

    net.scheduler().runFor(Duration.ofSeconds(61));
    StunMessage stale = c.sendSigned(allocate(c));
    assertThat(code(stale)).isEqualTo(438);
    c.nonce = stale.first(TextAttribute.Nonce.class).orElseThrow().value();
    assertThat(c.sendSigned(allocate(c)).type().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(server.relay.stats().get(Counter.STALE_NONCE)).isEqualTo(2);
  }

  @Test
  void anAllocateRetransmissionGetsTheSameAnswerAndAnotherAllocateGets437() {
    start(c -> c);
    c.challenge(allocate(c));
    StunMessage request = allocate(c);
    c.sendSigned(request);
    byte[] first = c.answers.getLast();
    c.sendSigned(request);
    assertThat(c.answers.getLast()).isEqualTo(first);
    assertThat(code(c.sendSigned(allocate(c)))).isEqualTo(437);
    assertThat(server.relay.allocations()).isEqualTo(1);
  }

  @Test
  void allocateAttributesWeCannotHonourAreRefusedByTheRfcCodes() {
    start(c -> c);
    c.challenge(allocate(c));
    StunMessage noTransport = RawTurnClient.request(METHOD_ALLOCATE, c.newId());
    assertThat(code(c.sendSigned(noTransport))).isEqualTo(400);
    StunMessage tcp = RawTurnClient.request(METHOD_ALLOCATE, c.newId(), new TurnAttribute.RequestedTransport(6));
    assertThat(code(c.sendSigned(tcp))).isEqualTo(442);
    StunMessage df = c.sendSigned(allocate(c, new TurnAttribute.DontFragment()));
    assertThat(code(df)).isEqualTo(420);
    assertThat(df.first(ErrorAttribute.UnknownAttributes.class).orElseThrow().types()).containsExactly(StunConstants.DONT_FRAGMENT);
    StunMessage v6 = c.sendSigned(allocate(c, new TurnAttribute.RequestedAddressFamily(StunConstants.FAMILY_IPV6)));
    assertThat(code(v6)).isEqualTo(440);
    StunMessage unknown = c.sendSigned(allocate(c, new RawAttribute(0x7F01, new byte[4])));
    assertThat(code(unknown)).isEqualTo(420);
    assertThat(unknown.first(ErrorAttribute.UnknownAttributes.class).orElseThrow().types()).containsExactly(0x7F01);
    assertThat(code(c.sendSigned(allocate(c, new TurnAttribute.EvenPort(true))))).isEqualTo(508);
    assertThat(server.relay.allocations()).isZero();
    StunMessage even = c.sendSigned(allocate(c, new TurnAttribute.EvenPort(false)));
    assertThat(relayedOf(even).getPort() % 2).isZero();
  }

  @Test
  void lifetimesAreClampedBetweenTheDefaultAndTheMaximumAndZeroDeletes() {
    start(c -> c.withNonceLifetime(Duration.ofHours(2)));
    c.challenge(allocate(c));
    StunMessage shortOne = c.sendSigned(allocate(c, new TurnAttribute.Lifetime(10)));
    assertThat(shortOne.first(TurnAttribute.Lifetime.class).orElseThrow().seconds()).isEqualTo(600);
    StunMessage longer = c.sendSigned(RawTurnClient.request(METHOD_REFRESH, c.newId(), new TurnAttribute.Lifetime(7200)));
    assertThat(longer.first(TurnAttribute.Lifetime.class).orElseThrow().seconds()).isEqualTo(3600);

    net.scheduler().runFor(Duration.ofMinutes(59));
    assertThat(server.relay.sweep()).isZero(); // the refresh to an hour counts
    StunMessage delete = c.sendSigned(RawTurnClient.request(METHOD_REFRESH, c.newId(), new TurnAttribute.Lifetime(0)));
    assertThat(delete.first(TurnAttribute.Lifetime.class).orElseThrow().seconds()).isZero();
    assertThat(server.relay.allocations()).isZero();
    assertThat(code(c.sendSigned(RawTurnClient.request(METHOD_REFRESH, c.newId())))).isEqualTo(437);
  }

  @Test
  void anotherUsernameCannotTouchSomeoneElsesAllocation() {
    start(c -> c);
    allocated(c);
    String alice = c.username;
    c.username = RestCredentials.username(now().plus(Duration.ofHours(2)), "mallory");
    c.password = RestCredentials.password(SimTurnServer.SECRET, c.username);
    assertThat(code(c.sendSigned(RawTurnClient.request(METHOD_REFRESH, c.newId(), new TurnAttribute.Lifetime(0))))).isEqualTo(441);
    assertThat(server.relay.allocations()).isEqualTo(1);
    assertThat(alice).isNotEqualTo(c.username);
  }

  @Test
  void sendIndicationsNeedAPermissionAndPermissionsLastFiveMinutes() {
    start(c -> c);
    allocated(c);
    StunMessage send = StunMessage.of(new StunMessageType(METHOD_SEND, StunClass.INDICATION), c.newId(),
        new AddressAttribute.XorPeerAddress(peer.localAddress()), new TurnAttribute.Data(new byte[] {1, 2, 3}));
    c.indication(send);
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(atPeer).isEmpty();
    assertThat(server.relay.stats().get(Counter.DROPPED_NO_PERMISSION)).isEqualTo(1);

    StunMessage permit = RawTurnClient.request(METHOD_CREATE_PERMISSION, c.newId(), new AddressAttribute.XorPeerAddress(peer.localAddress()));
    assertThat(c.sendSigned(permit).type().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    c.indication(send);
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(atPeer).hasSize(1);

    net.scheduler().runFor(TurnConstants.PERMISSION_LIFETIME);
    c.indication(send);
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(atPeer).hasSize(1);
    assertThat(server.relay.stats().get(Counter.DROPPED_NO_PERMISSION)).isEqualTo(2);
  }

  @Test
  void channelsAreOneToOneAndBlockReuseForFiveMinutesAfterExpiry() {
    start(c -> c);
    allocated(c);
    InetSocketAddress other = new InetSocketAddress("198.18.0.30", 1000);
    assertThat(code(c.sendSigned(bind(c, 0x3FFF, peer.localAddress())))).isEqualTo(400);
    assertThat(code(c.sendSigned(bind(c, 0x5000, peer.localAddress())))).isEqualTo(400);
    assertThat(code(c.sendSigned(RawTurnClient.request(METHOD_CHANNEL_BIND, c.newId(), new TurnAttribute.ChannelNumber(0x4000))))).isEqualTo(400);
    assertThat(c.sendSigned(bind(c, 0x4000, peer.localAddress())).type().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(c.sendSigned(bind(c, 0x4000, peer.localAddress())).type().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(code(c.sendSigned(bind(c, 0x4000, other)))).isEqualTo(400);
    assertThat(code(c.sendSigned(bind(c, 0x4001, peer.localAddress())))).isEqualTo(400);

    keepAllocationFor(c, TurnConstants.CHANNEL_LIFETIME.plusMinutes(1));
    assertThat(code(c.sendSigned(bind(c, 0x4000, other)))).isEqualTo(400); // expired, still blocked
    keepAllocationFor(c, TurnConstants.CHANNEL_REUSE_DELAY);
    assertThat(c.sendSigned(bind(c, 0x4000, other)).type().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
  }

  @Test
  void channelDataGoesOnlyOverABoundChannel() {
    start(c -> c);
    allocated(c);
    c.channelData(0x4000, new byte[] {9});
    assertThat(server.relay.stats().get(Counter.DROPPED_NO_ALLOCATION)).isEqualTo(1);
    c.sendSigned(bind(c, 0x4000, peer.localAddress()));
    c.channelData(0x4000, new byte[] {9});
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(atPeer).singleElement().satisfies(d -> assertThat(d.data()).containsExactly(9));

    peer.send(relayedOf(RawTurnClient.decode(c.answers.get(1))), new byte[] {7, 7});
    net.scheduler().runFor(Duration.ofSeconds(1));
    byte[] toClient = c.answers.getLast();
    assertThat(toClient).containsExactly(0x40, 0x00, 0x00, 0x02, 7, 7);
  }

  @Test
  void bandwidthIsATokenBucketPerAllocation() {
    start(c -> c.withBandwidth(new Bandwidth(1000, 1000)));
    allocated(c);
    c.sendSigned(bind(c, 0x4000, peer.localAddress()));
    for (int i = 0; i < 3; i++) {
      c.channelData(0x4000, new byte[600]);
    }
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(atPeer).hasSize(1);
    assertThat(server.relay.stats().get(Counter.DROPPED_RATE_LIMITED)).isEqualTo(2);
    c.channelData(0x4000, new byte[600]);
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(atPeer).hasSize(2);
  }

  @Test
  void oversizeAndMisdirectedPacketsAreDroppedAndCounted() {
    start(c -> c);
    StunMessage ok = allocated(c);
    c.sendSigned(bind(c, 0x4000, peer.localAddress()));
    int answers = c.answers.size();
    peer.send(relayedOf(ok), new byte[TurnRelay.MAX_PAYLOAD + 1]);
    c.channelData(0x4000, new byte[TurnRelay.MAX_PAYLOAD + 1]);
    c.indication(StunMessage.of(new StunMessageType(METHOD_SEND, StunClass.INDICATION), c.newId()));
    c.indication(StunMessage.of(new StunMessageType(METHOD_BINDING, StunClass.SUCCESS_RESPONSE), c.newId()));
    net.scheduler().runFor(Duration.ofSeconds(1));
    assertThat(server.relay.stats().get(Counter.DROPPED_MALFORMED)).isEqualTo(4);
    assertThat(atPeer).isEmpty();
    assertThat(c.answers).hasSize(answers);

    RawTurnClient stranger = client("198.18.1.9", 1234, "eve");
    stranger.channelData(0x4000, new byte[] {1});
    assertThat(server.relay.stats().get(Counter.DROPPED_NO_ALLOCATION)).isEqualTo(1);
    assertThat(stranger.answers).isEmpty();
  }

  @Test
  void permissionsForForbiddenPeersAre403() {
    start(c -> c);
    allocated(c);
    for (String ip : new String[] {"127.0.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "169.254.169.254"}) {
      StunMessage permit = RawTurnClient.request(METHOD_CREATE_PERMISSION, c.newId(),
          new AddressAttribute.XorPeerAddress(new InetSocketAddress(ip, 1)));
      assertThat(code(c.sendSigned(permit))).as(ip).isEqualTo(403);
    }
    StunMessage v6 = RawTurnClient.request(METHOD_CREATE_PERMISSION, c.newId(),
        new AddressAttribute.XorPeerAddress(new InetSocketAddress("2001:db8::1", 1)));
    assertThat(code(c.sendSigned(v6))).isEqualTo(443);
    StunMessage mapped = RawTurnClient.request(METHOD_CREATE_PERMISSION, c.newId(),
        new AddressAttribute.XorPeerAddress(new InetSocketAddress("::ffff:127.0.0.1", 1)));
    assertThat(code(c.sendSigned(mapped))).isIn(403, 443);
  }

  private static StunMessage bind(RawTurnClient c, int channel, InetSocketAddress peer) {
    return RawTurnClient.request(METHOD_CHANNEL_BIND, c.newId(), new TurnAttribute.ChannelNumber(channel),
        new AddressAttribute.XorPeerAddress(peer));
  }

  /** Lets time pass in 5-minute steps, refreshing the allocation (and so nothing else). */
  private void keepAllocationFor(RawTurnClient c, Duration d) {
    Duration step = Duration.ofMinutes(5);
    for (Duration left = d; left.isPositive(); left = left.minus(step)) {
      net.scheduler().runFor(left.compareTo(step) < 0 ? left : step);
      StunMessage refreshed = c.sendSigned(RawTurnClient.request(METHOD_REFRESH, c.newId()));
      if (code(refreshed) == 438) {
        c.nonce = refreshed.first(TextAttribute.Nonce.class).orElseThrow().value();
        c.sendSigned(RawTurnClient.request(METHOD_REFRESH, c.newId()));
      }
    }
  }

  @SuppressWarnings("unused")
  private static boolean signed(StunMessage m) {
    return m.first(AuthAttribute.MessageIntegrity.class).isPresent();
  }
}
