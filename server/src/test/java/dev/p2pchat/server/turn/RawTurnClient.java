package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.stun.IntegrityKey;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunEncoder;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.protocol.stun.TextAttribute;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.protocol.turn.ChannelData;
import dev.p2pchat.server.stun.RelayHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hand-made TURN requests fed straight into a relay, answers captured: for the protocol details that
 * our own client always gets right (and so cannot test).
 */
final class RawTurnClient implements RelayHandler.Responder {
  final TurnRelay relay;
  final InetSocketAddress client;
  final InetSocketAddress serverAddress;
  final List<byte[]> answers = new ArrayList<>();
  private final SplittableRandom random = new SplittableRandom(3);
  String username;
  String password;
  String realm = TurnRelayConfig.DEFAULT_REALM;
  String nonce;

  RawTurnClient(TurnRelay relay, InetSocketAddress client, InetSocketAddress serverAddress) {
    this.relay = relay;
    this.client = client;
    this.serverAddress = serverAddress;
  }

  @Override
  public InetSocketAddress localAddress() {
    return serverAddress;
  }

  @Override
  public void send(InetSocketAddress to, byte[] datagram) {
    if (!to.equals(client)) {
      throw new AssertionError("answer to " + to + ", not to the client " + client);
    }
    answers.add(datagram);
  }

  TransactionId newId() {
    return TransactionId.random(random);
  }

  static StunMessage request(int method, TransactionId id, StunAttribute... attributes) {
    return StunMessage.of(new StunMessageType(method, StunClass.REQUEST), id, attributes);
  }

  /** Sends {@code m} as it is; returns the answer, if one came. */
  StunMessage sendPlain(StunMessage m) {
    return deliver(m, Stun.encode(m));
  }

  /** Sends {@code m} with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (password as set). */
  StunMessage sendSigned(StunMessage m) {
    StunMessage signed = m.with(new TextAttribute.Username(username), new TextAttribute.Realm(realm),
        new TextAttribute.Nonce(nonce));
    byte[] wire = StunEncoder.plain().withIntegrity(IntegrityKey.longTermMd5(username, realm, password)).encode(signed);
    return deliver(signed, wire);
  }

  /** The unauthenticated first Allocate, learning the nonce from its 401. */
  StunMessage challenge(StunMessage allocate) {
    StunMessage answer = sendPlain(allocate);
    nonce = answer.first(TextAttribute.Nonce.class).orElseThrow().value();
    return answer;
  }

  void channelData(int channel, byte[] data) {
    relay.onChannelData(new ChannelData(channel, data), client, this);
  }

  void indication(StunMessage m) {
    deliver(m, Stun.encode(m));
  }

  private StunMessage deliver(StunMessage m, byte[] wire) {
    int before = answers.size();
    relay.onStun(decode(wire), wire, client, this);
    return answers.size() == before ? null : decode(answers.getLast());
  }

  static StunMessage decode(byte[] wire) {
    try {
      return Stun.decode(wire);
    } catch (StunParseException e) {
      throw new AssertionError(e);
    }
  }
}
