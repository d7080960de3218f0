package dev.p2pchat.protocol.stun;

import dev.p2pchat.protocol.stun.AddressAttribute.*;
import dev.p2pchat.protocol.stun.AuthAttribute.*;
import dev.p2pchat.protocol.stun.ErrorAttribute.*;
import dev.p2pchat.protocol.stun.IceAttribute.*;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.*;
import dev.p2pchat.protocol.stun.TextAttribute.*;
import dev.p2pchat.protocol.stun.TurnAttribute.*;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every attribute record, messages, and transaction ids (modern and classic). */
final class StunArbitraries {
  private StunArbitraries() {}

  static Arbitrary<StunMessage> messages() {
    Arbitrary<StunMessageType> types =
        Combinators.combine(Arbitraries.integers().between(0, StunConstants.MAX_METHOD), Arbitraries.of(StunClass.class))
            .as(StunMessageType::new);
    return Combinators.combine(types, transactionIds(), attributes().list().ofMaxSize(12)).as(StunMessage::new);
  }

  static Arbitrary<TransactionId> transactionIds() {
    Arbitrary<byte[]> twelve = bytes(12, 12);
    Arbitrary<TransactionId> modern = twelve.map(TransactionId::of);
    Arbitrary<TransactionId> classic =
        Combinators.combine(Arbitraries.integers().filter(c -> c != StunConstants.MAGIC_COOKIE), twelve)
            .as(TransactionId::fromHeader);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, modern), net.jqwik.api.Tuple.of(1, classic));
  }

  /** Body attributes: every record type except the integrity trailers, which the encoder appends. */
  static Arbitrary<StunAttribute> attributes() {
    return Arbitraries.oneOf(
        List.of(
            addresses(MappedAddress::new), addresses(XorMappedAddress::new), addresses(SourceAddress::new),
            addresses(ChangedAddress::new), addresses(ResponseOrigin::new), addresses(OtherAddress::new),
            addresses(XorPeerAddress::new), addresses(XorRelayedAddress::new),
            text(100).map(Username::new), text(200).map(Realm::new), text(200).map(Nonce::new),
            text(200).map(Software::new),
            bytes(32, 32).map(Userhash::new),
            passwordAlgorithms(),
            passwordAlgorithms().list().ofMaxSize(3).map(PasswordAlgorithms::new),
            Combinators.combine(Arbitraries.integers().between(300, 699), text(60)).as(ErrorCode::new),
            Arbitraries.integers().between(0, 0xFFFF).list().ofMaxSize(6).map(UnknownAttributes::new),
            Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false)).as(ChangeRequest::new),
            ports().map(ResponsePort::new),
            Arbitraries.integers().between(0, 300).map(Padding::new),
            Arbitraries.integers().between(0, 0xFFFF).map(ChannelNumber::new),
            Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(Lifetime::new),
            bytes(0, 200).map(Data::new),
            Arbitraries.integers().between(0, 255).map(RequestedAddressFamily::new),
            Arbitraries.of(true, false).map(EvenPort::new),
            Arbitraries.integers().between(0, 255).map(RequestedTransport::new),
            Arbitraries.just(new DontFragment()),
            Arbitraries.longs().map(ReservationToken::new),
            Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(Priority::new),
            Arbitraries.just(new UseCandidate()),
            Arbitraries.longs().map(IceControlled::new),
            Arbitraries.longs().map(IceControlling::new),
            raw()));
  }

  static Arbitrary<RawAttribute> raw() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 0xFFFF).filter(t -> !AttributeCodec.isKnown(t)), bytes(0, 40))
        .as(RawAttribute::new);
  }

  private static Arbitrary<PasswordAlgorithm> passwordAlgorithms() {
    return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), bytes(0, 9)).as(PasswordAlgorithm::new);
  }

  private static Arbitrary<StunAttribute> addresses(Function<InetSocketAddress, ? extends StunAttribute> make) {
    Arbitrary<InetAddress> ip =
        Arbitraries.oneOf(bytes(4, 4).map(StunArbitraries::ipv4), bytes(16, 16).map(StunArbitraries::ipv6));
    return Combinators.combine(ip, ports()).as((a, p) -> make.apply(new InetSocketAddress(a, p)));
  }

  private static Arbitrary<Integer> ports() {
    return Arbitraries.integers().between(0, 0xFFFF);
  }

  /** Valid Unicode (no lone surrogates), up to 3 UTF-8 bytes per char so limits hold. */
  private static Arbitrary<String> text(int maxChars) {
    return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\ud7ff').ofMaxLength(maxChars);
  }

  static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  private static InetAddress ipv4(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static InetAddress ipv6(byte[] b) {
    try {
      return Inet6Address.getByAddress(null, b, -1);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
