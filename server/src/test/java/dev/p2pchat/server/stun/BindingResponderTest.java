package dev.p2pchat.server.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AddressAttribute.ChangedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.MappedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.OtherAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.ResponseOrigin;
import dev.p2pchat.protocol.stun.AddressAttribute.SourceAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.ErrorAttribute.ErrorCode;
import dev.p2pchat.protocol.stun.ErrorAttribute.UnknownAttributes;
import dev.p2pchat.protocol.stun.Fingerprint;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ChangeRequest;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.Padding;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ResponsePort;
import dev.p2pchat.protocol.stun.RawAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunEncoder;
import dev.p2pchat.protocol.stun.StunIntegrity;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TextAttribute.Software;
import dev.p2pchat.protocol.stun.TransactionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Binding policy without sockets: every case of RFC 8489, RFC 5780 and RFC 3489 the server handles. */
class BindingResponderTest {

  private static final InetAddress A1 = ip("198.18.0.10");
  private static final InetAddress A2 = ip("198.18.0.11");
  private static final int P1 = 3478;
  private static final int P2 = 3479;
  private static final InetSocketAddress CLIENT = new InetSocketAddress(ip("198.18.5.5"), 40000);
  private static final InetSocketAddress PRIMARY = new InetSocketAddress(A1, P1);
  private static final TransactionId ID = TransactionId.of(HexFormat.of().parseHex("0102030405060708090a0b0c"));
  private static final TransactionId CLASSIC_ID =
      TransactionId.classic(HexFormat.of().parseHex("a1a2a3a40102030405060708090a0b0c"));

  private final BindingResponder single = new BindingResponder(new Topology(A1, P1, Optional.empty(), 0));
  private final BindingResponder rfc5780 = new BindingResponder(new Topology(A1, P1, Optional.of(A2), P2));

  @Test
  void aModernClientGetsOnlyXorMappedAddressFromASingleAddressServer() throws Exception {
    Outcome.Reply reply = reply(single, request(), PRIMARY);

    assertThat(reply.from()).isEqualTo(PRIMARY);
    assertThat(reply.to()).isEqualTo(CLIENT);
    StunMessage response = Stun.decode(reply.datagram());
    assertThat(response.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
    assertThat(response.transactionId()).isEqualTo(ID);
    assertThat(response.attributes()).containsExactly(new XorMappedAddress(CLIENT));
  }

  @Test
  void noAmplificationForAMinimalRequest() {
    byte[] minimal = Stun.encode(request());
    assertThat(minimal).hasSize(20);
    // 20-byte header + XOR-MAPPED-ADDRESS (12); with RFC 5780 also MAPPED-ADDRESS, RESPONSE-ORIGIN and
    // OTHER-ADDRESS (12 each): the attributes the RFCs require, nothing more.
    assertThat(reply(single, request(), PRIMARY).datagram().length).isLessThanOrEqualTo(32);
    assertThat(reply(rfc5780, request(), PRIMARY).datagram().length).isLessThanOrEqualTo(68);
    assertThat(reply(single, classic(), PRIMARY).datagram().length).isLessThanOrEqualTo(32);
    assertThat(reply(rfc5780, classic(), PRIMARY).datagram().length).isLessThanOrEqualTo(56);
  }

  @Test
  void rfc5780ServerAddsMappedAddressResponseOriginAndOtherAddress() throws Exception {
    StunMessage response = Stun.decode(reply(rfc5780, request(), PRIMARY).datagram());

    assertThat(response.attributes())
        .containsExactly(
            new MappedAddress(CLIENT),
            new XorMappedAddress(CLIENT),
            new ResponseOrigin(PRIMARY),
            new OtherAddress(new InetSocketAddress(A2, P2)));
  }

  @Test
  void changeRequestPicksTheSourceOfTable1() throws Exception {
    InetSocketAddress a2p1 = new InetSocketAddress(A2, P1);
    assertSource(PRIMARY, false, false, PRIMARY);
    assertSource(PRIMARY, true, false, new InetSocketAddress(A2, P1));
    assertSource(PRIMARY, false, true, new InetSocketAddress(A1, P2));
    assertSource(PRIMARY, true, true, new InetSocketAddress(A2, P2));
    assertSource(a2p1, true, true, new InetSocketAddress(A1, P2));
    assertSource(a2p1, false, true, new InetSocketAddress(A2, P2));
  }

  private void assertSource(InetSocketAddress local, boolean ip, boolean port, InetSocketAddress expected) throws Exception {
    Outcome.Reply reply = reply(rfc5780, request(new ChangeRequest(ip, port)), local);
    assertThat(reply.from()).isEqualTo(expected);
    StunMessage response = Stun.decode(reply.datagram());
    assertThat(response.first(ResponseOrigin.class)).contains(new ResponseOrigin(expected));
    // OTHER-ADDRESS is (Ca, Cp) of the address the request arrived on, whatever the flags.
    assertThat(response.first(OtherAddress.class)).contains(new OtherAddress(rfc5780Other(local)));
  }

  private static InetSocketAddress rfc5780Other(InetSocketAddress local) {
    return new InetSocketAddress(local.getAddress().equals(A1) ? A2 : A1, local.getPort() == P1 ? P2 : P1);
  }

  @Test
  void changeRequestWithoutAnAlternateAddressGets420() throws Exception {
    Outcome.Reply reply = reply(single, request(new ChangeRequest(false, false)), PRIMARY);

    StunMessage response = Stun.decode(reply.datagram());
    assertThat(response.type()).isEqualTo(StunMessageType.BINDING_ERROR);
    assertThat(response.first(ErrorCode.class).orElseThrow().code()).isEqualTo(420);
    assertThat(response.first(UnknownAttributes.class)).contains(new UnknownAttributes(List.of(0x0003)));
  }

  @Test
  void classicClientsGetMappedAddressAndTheirWholeTransactionIdBack() throws Exception {
    byte[] wire = reply(single, classic(), PRIMARY).datagram();

    StunMessage response = Stun.decode(wire);
    assertThat(response.isClassic()).isTrue();
    assertThat(response.transactionId()).isEqualTo(CLASSIC_ID);
    assertThat(response.attributes()).containsExactly(new MappedAddress(CLIENT));
  }

  @Test
  void classicClientsOfAnRfc5780ServerGetSourceAndChangedAddress() throws Exception {
    StunMessage request = new StunMessage(StunMessageType.BINDING_REQUEST, CLASSIC_ID, List.of(new ChangeRequest(false, true)));
    Outcome.Reply reply = reply(rfc5780, request, PRIMARY);

    InetSocketAddress changedPort = new InetSocketAddress(A1, P2);
    assertThat(reply.from()).isEqualTo(changedPort);
    assertThat(Stun.decode(reply.datagram()).attributes())
        .containsExactly(
            new MappedAddress(CLIENT), new SourceAddress(changedPort), new ChangedAddress(new InetSocketAddress(A2, P2)));
  }

  @Test
  void classicChangeRequestsWithoutAnAlternateAddress() throws Exception {
    // Test I of an RFC 3489 client carries CHANGE-REQUEST without flags: answered.
    StunMessage testOne = new StunMessage(StunMessageType.BINDING_REQUEST, CLASSIC_ID, List.of(new ChangeRequest(false, false)));
    assertThat(Stun.decode(reply(single, testOne, PRIMARY).datagram()).attributes()).containsExactly(new MappedAddress(CLIENT));
    // Tests II and III ask for another address: silence, not a misleading answer.
    StunMessage testTwo = new StunMessage(StunMessageType.BINDING_REQUEST, CLASSIC_ID, List.of(new ChangeRequest(true, true)));
    assertThat(single.respond(testTwo, Stun.encode(testTwo), Stun.encode(testTwo).length, CLIENT, PRIMARY))
        .isEqualTo(new Outcome.Dropped(false, "classic CHANGE-REQUEST without an alternate address"));
  }

  @Test
  void unknownComprehensionRequiredAttributesGet420ListingThem() throws Exception {
    StunMessage request = request(new RawAttribute(0x7001, new byte[4]), new RawAttribute(0xC001, new byte[4]), new RawAttribute(0x0002, new byte[8]));
    StunMessage response = Stun.decode(reply(single, request, PRIMARY).datagram());

    assertThat(response.type()).isEqualTo(StunMessageType.BINDING_ERROR);
    assertThat(response.first(UnknownAttributes.class)).contains(new UnknownAttributes(List.of(0x7001, 0x0002)));
  }

  @Test
  void unknownComprehensionOptionalAttributesAreIgnored() throws Exception {
    StunMessage request = request(new RawAttribute(0xC001, new byte[4]), new Software("client"));
    assertThat(Stun.decode(reply(single, request, PRIMARY).datagram()).type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
  }

  @Test
  void fingerprintIsAddedOnlyWhenTheRequestHadOne() throws Exception {
    byte[] withFingerprint = StunEncoder.plain().withFingerprint().encode(request());
    Outcome.Reply reply = (Outcome.Reply) single.respond(Stun.decode(withFingerprint), withFingerprint, withFingerprint.length, CLIENT, PRIMARY);
    assertThat(StunIntegrity.verifyFingerprint(reply.datagram(), 0, reply.datagram().length)).isTrue();

    assertThat(Stun.decode(reply(single, request(), PRIMARY).datagram()).first(Fingerprint.class)).isEmpty();
  }

  @Test
  void aWrongFingerprintIsDroppedAsMalformed() throws Exception {
    byte[] wire = Stun.encode(request(new Fingerprint(12345)));
    assertThat(single.respond(Stun.decode(wire), wire, wire.length, CLIENT, PRIMARY))
        .isEqualTo(new Outcome.Dropped(true, "bad FINGERPRINT"));
  }

  @Test
  void indicationsAreAcceptedAndResponsesDropped() throws Exception {
    StunMessage indication = StunMessage.of(StunMessageType.BINDING_INDICATION, ID);
    assertThat(respond(single, indication, PRIMARY)).isEqualTo(new Outcome.Accepted());
    StunMessage success = StunMessage.of(StunMessageType.BINDING_SUCCESS, ID, new XorMappedAddress(CLIENT));
    assertThat(respond(single, success, PRIMARY)).isInstanceOf(Outcome.Dropped.class);
  }

  @Test
  void responsePortRedirectsToTheSameAddress() throws Exception {
    Outcome.Reply reply = reply(single, request(new ResponsePort(5555)), PRIMARY);
    assertThat(reply.to()).isEqualTo(new InetSocketAddress(CLIENT.getAddress(), 5555));
    assertThat(Stun.decode(reply.datagram()).first(XorMappedAddress.class)).contains(new XorMappedAddress(CLIENT));
  }

  @Test
  void responsePortWithPaddingOrPortZeroIsABadRequest() throws Exception {
    for (StunMessage bad : List.of(request(new ResponsePort(5555), new Padding(8)), request(new ResponsePort(0)))) {
      Outcome.Reply reply = reply(single, bad, PRIMARY);
      assertThat(reply.to()).isEqualTo(CLIENT);
      assertThat(Stun.decode(reply.datagram()).first(ErrorCode.class).orElseThrow().code()).isEqualTo(400);
    }
  }

  @Test
  void paddingIsAnsweredButNeverBeyondTheRequestSize() throws Exception {
    for (int padding : new int[] {0, 4, 40, 1400}) {
      byte[] request = Stun.encode(request(new Padding(padding)));
      Outcome.Reply reply = reply(rfc5780, Stun.decode(request), PRIMARY);
      assertThat(reply.datagram().length).as("padding %d", padding).isLessThanOrEqualTo(Math.max(request.length, 72));
      assertThat(Stun.decode(reply.datagram()).first(Padding.class)).isPresent();
    }
  }

  private Outcome respond(BindingResponder responder, StunMessage request, InetSocketAddress local) {
    byte[] wire = Stun.encode(request);
    return responder.respond(request, wire, wire.length, CLIENT, local);
  }

  private Outcome.Reply reply(BindingResponder responder, StunMessage request, InetSocketAddress local) {
    Outcome outcome = respond(responder, request, local);
    assertThat(outcome).isInstanceOf(Outcome.Reply.class);
    return (Outcome.Reply) outcome;
  }

  private static StunMessage request(StunAttribute... attributes) {
    return StunMessage.of(StunMessageType.BINDING_REQUEST, ID, attributes);
  }

  private static StunMessage classic() {
    return StunMessage.of(StunMessageType.BINDING_REQUEST, CLASSIC_ID);
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
