package dev.p2pchat.server.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.p2pchat.protocol.stun.AddressAttribute.MappedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.OtherAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.ResponseOrigin;
import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.ErrorAttribute.ErrorCode;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ChangeRequest;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.protocol.turn.ChannelData;
import dev.p2pchat.protocol.turn.ChannelDataCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server on real loopback sockets, spoken to by a codec-based client. */
class StunServerTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void answersWithTheClientsAddress() throws Exception {
    try (StunServer server = StunServer.start(StunServerConfig.of(LOOPBACK, 0));
        StunTestClient client = new StunTestClient()) {
      StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(RANDOM));
      StunTestClient.Received reply = client.exchange(request, server.primaryAddress());

      assertThat(reply.from()).isEqualTo(server.primaryAddress());
      StunMessage response = reply.message();
      assertThat(response.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
      assertThat(response.transactionId()).isEqualTo(request.transactionId());
      assertThat(response.first(XorMappedAddress.class)).contains(new XorMappedAddress(client.localAddress()));
      assertThat(server.stats().answered()).isEqualTo(1);
      assertThat(server.stats().received()).isEqualTo(1);
    }
  }

  @Test
  void rfc5780OnTwoLoopbackAddresses() throws Exception {
    InetAddress a2 = InetAddress.getByName("127.0.0.2"); // all of 127/8 is loopback on Linux
    StunServerConfig config = StunServerConfig.of(LOOPBACK, 0).withAlternateAddress(a2);
    try (StunServer server = StunServer.start(config);
        StunTestClient client = new StunTestClient()) {
      assertThat(server.endpoints()).hasSize(4);
      InetSocketAddress primary = server.primaryAddress();
      InetSocketAddress otherPort = server.endpoints().get(1);
      int p1 = primary.getPort();
      int p2 = otherPort.getPort();

      expectSource(client, primary, false, false, primary);
      expectSource(client, primary, true, false, new InetSocketAddress(a2, p1));
      expectSource(client, primary, false, true, new InetSocketAddress(LOOPBACK, p2));
      expectSource(client, primary, true, true, new InetSocketAddress(a2, p2));

      // Test II of RFC 5780 §4.3: the alternate address answers too, and names the primary as other.
      StunMessage response =
          client.exchange(StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(RANDOM)), new InetSocketAddress(a2, p2)).message();
      assertThat(response.first(OtherAddress.class)).contains(new OtherAddress(primary));
      assertThat(response.first(MappedAddress.class)).contains(new MappedAddress(client.localAddress()));
    }
  }

  private static void expectSource(StunTestClient client, InetSocketAddress to, boolean ip, boolean port, InetSocketAddress expected) {
    StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(RANDOM), new ChangeRequest(ip, port));
    StunTestClient.Received reply = client.exchange(request, to);

    assertThat(reply.from()).as("change ip %s port %s", ip, port).isEqualTo(expected);
    StunMessage response = reply.message();
    assertThat(response.first(ResponseOrigin.class)).contains(new ResponseOrigin(expected));
    assertThat(response.first(XorMappedAddress.class)).contains(new XorMappedAddress(client.localAddress()));
  }

  @Test
  void changeRequestWithoutAnAlternateAddressGets420() throws Exception {
    try (StunServer server = StunServer.start(StunServerConfig.of(LOOPBACK, 0));
        StunTestClient client = new StunTestClient()) {
      StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(RANDOM), new ChangeRequest(true, true));
      StunMessage response = client.exchange(request, server.primaryAddress()).message();

      assertThat(response.type()).isEqualTo(StunMessageType.BINDING_ERROR);
      assertThat(response.first(ErrorCode.class).orElseThrow().code()).isEqualTo(StunConstants.ERROR_UNKNOWN_ATTRIBUTE);
    }
  }

  @Test
  void junkIsDroppedAndCountedAndTheServerKeepsAnswering() throws Exception {
    try (StunServer server = StunServer.start(StunServerConfig.of(LOOPBACK, 0));
        StunTestClient client = new StunTestClient()) {
      InetSocketAddress to = server.primaryAddress();
      byte[] valid = Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(RANDOM)));
      client.send(new byte[0], to); // empty datagram
      client.send(HexFormat.of().parseHex("deadbeef"), to); // not STUN
      client.send(java.util.Arrays.copyOf(valid, 19), to); // truncated header
      byte[] badLength = valid.clone();
      badLength[3] = 4;
      client.send(badLength, to); // length field lies
      byte[] random = new byte[200];
      RANDOM.nextBytes(random);
      random[0] = (byte) 0xD0; // p2p frame range: not for the server
      client.send(random, to);
      client.send(HexFormat.of().parseHex("40010010" + "00"), to); // ChannelData shorter than it says
      // Well-formed, but nothing to answer: a response, an indication, TURN without a relay.
      client.send(StunMessage.of(StunMessageType.BINDING_SUCCESS, TransactionId.random(RANDOM)), to);
      client.send(StunMessage.of(StunMessageType.BINDING_INDICATION, TransactionId.random(RANDOM)), to);
      client.send(StunMessage.of(new StunMessageType(StunConstants.METHOD_ALLOCATE, StunClass.REQUEST), TransactionId.random(RANDOM)), to);
      client.send(ChannelDataCodec.encode(new ChannelData(0x4000, new byte[] {1, 2, 3}), false), to);

      StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(RANDOM));
      StunTestClient.Received reply = client.exchange(request, to);
      assertThat(reply.message().transactionId()).isEqualTo(request.transactionId());

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        StunServerStats.Snapshot stats = server.stats();
        assertThat(stats.received()).isEqualTo(11);
        assertThat(stats.droppedMalformed()).isEqualTo(6);
        assertThat(stats.droppedOther()).isEqualTo(3);
        assertThat(stats.indications()).isEqualTo(1);
        assertThat(stats.answered()).as("nothing but the last request was answered").isEqualTo(1);
      });
    }
  }

  @Test
  void nonBindingMethodsAndChannelDataGoToTheRelayHandler() throws Exception {
    BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    RelayHandler relay = new RelayHandler() {
      @Override
      public void onStun(StunMessage message, byte[] datagram, InetSocketAddress client, Responder responder) {
        seen.add(message);
        responder.send(client, Stun.encode(StunMessage.of(message.type().withClass(StunClass.ERROR_RESPONSE), message.transactionId(),
            new ErrorCode(StunConstants.ERROR_UNAUTHENTICATED, "Unauthenticated"))));
      }

      @Override
      public void onChannelData(ChannelData message, InetSocketAddress client, Responder responder) {
        seen.add(message);
      }
    };
    try (StunServer server = StunServer.start(StunServerConfig.of(LOOPBACK, 0), Optional.of(relay));
        StunTestClient client = new StunTestClient()) {
      StunMessage allocate = StunMessage.of(new StunMessageType(StunConstants.METHOD_ALLOCATE, StunClass.REQUEST), TransactionId.random(RANDOM));
      StunTestClient.Received reply = client.exchange(allocate, server.primaryAddress());
      assertThat(reply.from()).isEqualTo(server.primaryAddress());
      assertThat(reply.message().first(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(allocate);

      ChannelData data = new ChannelData(0x4001, new byte[] {9, 8, 7});
      client.send(ChannelDataCodec.encode(data, true), server.primaryAddress());
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(data);
      assertThat(server.stats().relayed()).isEqualTo(2);
    }
  }

  @Test
  void closingFreesThePort() throws IOException {
    InetSocketAddress address;
    try (StunServer server = StunServer.start(StunServerConfig.of(LOOPBACK, 0))) {
      address = server.primaryAddress();
    }
    try (StunServer again = StunServer.start(StunServerConfig.of(LOOPBACK, address.getPort()))) {
      assertThat(again.primaryAddress()).isEqualTo(address);
    }
  }
}
