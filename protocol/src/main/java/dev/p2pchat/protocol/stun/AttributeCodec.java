package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.*;

import dev.p2pchat.protocol.stun.AddressAttribute.ChangedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.MappedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.OtherAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.ResponseOrigin;
import dev.p2pchat.protocol.stun.AddressAttribute.SourceAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.XorPeerAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.XorRelayedAddress;
import dev.p2pchat.protocol.stun.AuthAttribute.MessageIntegrity;
import dev.p2pchat.protocol.stun.AuthAttribute.MessageIntegritySha256;
import dev.p2pchat.protocol.stun.AuthAttribute.PasswordAlgorithm;
import dev.p2pchat.protocol.stun.AuthAttribute.PasswordAlgorithms;
import dev.p2pchat.protocol.stun.AuthAttribute.Userhash;
import dev.p2pchat.protocol.stun.ErrorAttribute.ErrorCode;
import dev.p2pchat.protocol.stun.ErrorAttribute.UnknownAttributes;
import dev.p2pchat.protocol.stun.IceAttribute.IceControlled;
import dev.p2pchat.protocol.stun.IceAttribute.IceControlling;
import dev.p2pchat.protocol.stun.IceAttribute.Priority;
import dev.p2pchat.protocol.stun.IceAttribute.UseCandidate;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ChangeRequest;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.Padding;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ResponsePort;
import dev.p2pchat.protocol.stun.TextAttribute.Nonce;
import dev.p2pchat.protocol.stun.TextAttribute.Realm;
import dev.p2pchat.protocol.stun.TextAttribute.Software;
import dev.p2pchat.protocol.stun.TextAttribute.Username;
import dev.p2pchat.protocol.stun.TurnAttribute.ChannelNumber;
import dev.p2pchat.protocol.stun.TurnAttribute.Data;
import dev.p2pchat.protocol.stun.TurnAttribute.DontFragment;
import dev.p2pchat.protocol.stun.TurnAttribute.EvenPort;
import dev.p2pchat.protocol.stun.TurnAttribute.Lifetime;
import dev.p2pchat.protocol.stun.TurnAttribute.RequestedAddressFamily;
import dev.p2pchat.protocol.stun.TurnAttribute.RequestedTransport;
import dev.p2pchat.protocol.stun.TurnAttribute.ReservationToken;
import java.util.Set;

/** Reads and writes attribute values: the one switch over attribute types, in each direction. */
final class AttributeCodec {
  private AttributeCodec() {}

  /** Every type with its own record; anything else becomes a {@link RawAttribute}. */
  private static final Set<Integer> KNOWN =
      Set.of(
          MAPPED_ADDRESS, CHANGE_REQUEST, SOURCE_ADDRESS, CHANGED_ADDRESS, USERNAME, MESSAGE_INTEGRITY,
          ERROR_CODE, UNKNOWN_ATTRIBUTES, CHANNEL_NUMBER, LIFETIME, XOR_PEER_ADDRESS, DATA, REALM, NONCE,
          XOR_RELAYED_ADDRESS, REQUESTED_ADDRESS_FAMILY, EVEN_PORT, REQUESTED_TRANSPORT, DONT_FRAGMENT,
          MESSAGE_INTEGRITY_SHA256, PASSWORD_ALGORITHM, USERHASH, XOR_MAPPED_ADDRESS, RESERVATION_TOKEN,
          PRIORITY, USE_CANDIDATE, PADDING, RESPONSE_PORT, PASSWORD_ALGORITHMS, SOFTWARE, FINGERPRINT,
          ICE_CONTROLLED, ICE_CONTROLLING, RESPONSE_ORIGIN, OTHER_ADDRESS);

  static boolean isKnown(int type) {
    return KNOWN.contains(type);
  }

  static Set<Integer> knownTypes() {
    return KNOWN;
  }

  /** Decodes one value; {@code id} is the message's transaction id, needed by the XOR attributes. */
  static StunAttribute decode(AttributeValue v, TransactionId id) throws StunParseException {
    try {
      return decodeValue(v, id);
    } catch (IllegalArgumentException e) {
      // A record refused the value (a reason phrase too long, say): from the network, a parse error.
      throw v.malformed(e.getMessage());
    }
  }

  private static StunAttribute decodeValue(AttributeValue v, TransactionId id) throws StunParseException {
    return switch (v.type()) {
      case MAPPED_ADDRESS -> new MappedAddress(AddressCodec.decode(v, null));
      case XOR_MAPPED_ADDRESS -> new XorMappedAddress(AddressCodec.decode(v, id));
      case SOURCE_ADDRESS -> new SourceAddress(AddressCodec.decode(v, null));
      case CHANGED_ADDRESS -> new ChangedAddress(AddressCodec.decode(v, null));
      case RESPONSE_ORIGIN -> new ResponseOrigin(AddressCodec.decode(v, null));
      case OTHER_ADDRESS -> new OtherAddress(AddressCodec.decode(v, null));
      case XOR_PEER_ADDRESS -> new XorPeerAddress(AddressCodec.decode(v, id));
      case XOR_RELAYED_ADDRESS -> new XorRelayedAddress(AddressCodec.decode(v, id));
      case USERNAME -> new Username(v.utf8());
      case REALM -> new Realm(v.utf8());
      case NONCE -> new Nonce(v.utf8());
      case SOFTWARE -> new Software(v.utf8());
      case MESSAGE_INTEGRITY -> new MessageIntegrity(v.bytes());
      case MESSAGE_INTEGRITY_SHA256 -> new MessageIntegritySha256(v.bytes());
      case USERHASH -> new Userhash(v.bytes());
      case PASSWORD_ALGORITHM -> passwordAlgorithm(v);
      case PASSWORD_ALGORITHMS -> passwordAlgorithms(v);
      case FINGERPRINT -> fixed(v, 4, new Fingerprint(v.i32(0)));
      case ERROR_CODE -> errorCode(v);
      case UNKNOWN_ATTRIBUTES -> unknownAttributes(v);
      case CHANGE_REQUEST -> changeRequest(v);
      case RESPONSE_PORT -> fixed(v, 4, new ResponsePort(v.u16(0)));
      case PADDING -> new Padding(v.length());
      case CHANNEL_NUMBER -> fixed(v, 4, new ChannelNumber(v.u16(0)));
      case LIFETIME -> fixed(v, 4, new Lifetime(v.u32(0)));
      case DATA -> new Data(v.bytes());
      case REQUESTED_ADDRESS_FAMILY -> fixed(v, 4, new RequestedAddressFamily(v.u8(0)));
      case EVEN_PORT -> fixed(v, 1, new EvenPort((v.u8(0) & EVEN_PORT_RESERVE_FLAG) != 0));
      case REQUESTED_TRANSPORT -> fixed(v, 4, new RequestedTransport(v.u8(0)));
      case DONT_FRAGMENT -> fixed(v, 0, new DontFragment());
      case RESERVATION_TOKEN -> fixed(v, 8, new ReservationToken(v.i64(0)));
      case PRIORITY -> fixed(v, 4, new Priority(v.u32(0)));
      case USE_CANDIDATE -> fixed(v, 0, new UseCandidate());
      case ICE_CONTROLLED -> fixed(v, 8, new IceControlled(v.i64(0)));
      case ICE_CONTROLLING -> fixed(v, 8, new IceControlling(v.i64(0)));
      default -> new RawAttribute(v.type(), v.bytes());
    };
  }

  /** Fixed-size values: the reads above are bounds-checked, this rejects trailing bytes too. */
  private static StunAttribute fixed(AttributeValue v, int length, StunAttribute decoded)
      throws StunParseException {
    v.expectLength(length);
    return decoded;
  }

  private static ErrorCode errorCode(AttributeValue v) throws StunParseException {
    v.expectAtLeast(4);
    int errorClass = v.u8(2) & 0x07;
    int number = v.u8(3);
    if (errorClass < 3 || errorClass > 6 || number > 99) {
      throw v.malformed("error class " + errorClass + " number " + number);
    }
    String reason = Utf8.decode(v.bytes(4, v.length() - 4), 0, v.length() - 4);
    return new ErrorCode(errorClass * 100 + number, reason);
  }

  private static UnknownAttributes unknownAttributes(AttributeValue v) throws StunParseException {
    if (v.length() % 2 != 0) {
      throw v.malformed("odd length " + v.length());
    }
    Integer[] types = new Integer[v.length() / 2];
    for (int i = 0; i < types.length; i++) {
      types[i] = v.u16(2 * i);
    }
    return new UnknownAttributes(java.util.List.of(types));
  }

  private static ChangeRequest changeRequest(AttributeValue v) throws StunParseException {
    v.expectLength(4);
    int flags = v.i32(0);
    return new ChangeRequest((flags & CHANGE_IP_FLAG) != 0, (flags & CHANGE_PORT_FLAG) != 0);
  }

  private static PasswordAlgorithm passwordAlgorithm(AttributeValue v) throws StunParseException {
    v.expectAtLeast(4);
    int parametersLength = v.u16(2);
    v.expectLength(4 + parametersLength);
    return new PasswordAlgorithm(v.u16(0), v.bytes(4, parametersLength));
  }

  /** RFC 8489 §14.11: a list of (algorithm, length, parameters padded to 4 bytes). */
  private static PasswordAlgorithms passwordAlgorithms(AttributeValue v) throws StunParseException {
    var algorithms = new java.util.ArrayList<PasswordAlgorithm>();
    int at = 0;
    while (at < v.length()) {
      int algorithm = v.u16(at);
      int parametersLength = v.u16(at + 2);
      byte[] parameters = v.bytes(at + 4, parametersLength);
      algorithms.add(new PasswordAlgorithm(algorithm, parameters));
      at += 4 + pad4(parametersLength);
      if (at > v.length()) {
        throw v.malformed("parameter padding runs past the value");
      }
    }
    return new PasswordAlgorithms(algorithms);
  }

  /** The value bytes of an attribute. */
  static byte[] encode(StunAttribute attribute, TransactionId id) {
    return switch (attribute) {
      case AddressAttribute a -> AddressCodec.encode(a.address(), AddressAttribute.isXor(a.type()) ? id : null);
      case TextAttribute t -> Utf8.encode(t.value());
      case MessageIntegrity m -> m.hmac();
      case MessageIntegritySha256 m -> m.hmac();
      case Userhash u -> u.hash();
      case PasswordAlgorithm p -> passwordAlgorithmValue(p, false);
      case PasswordAlgorithms p -> passwordAlgorithmsValue(p);
      case Fingerprint f -> int32(f.crc());
      case ErrorCode e -> errorCodeValue(e);
      case UnknownAttributes u -> unknownAttributesValue(u);
      case ChangeRequest c -> int32((c.changeIp() ? CHANGE_IP_FLAG : 0) | (c.changePort() ? CHANGE_PORT_FLAG : 0));
      case ResponsePort p -> new byte[] {(byte) (p.port() >>> 8), (byte) p.port(), 0, 0};
      case Padding p -> new byte[p.length()];
      case ChannelNumber c -> new byte[] {(byte) (c.channel() >>> 8), (byte) c.channel(), 0, 0};
      case Lifetime l -> int32((int) l.seconds());
      case Data d -> d.value();
      case RequestedAddressFamily f -> new byte[] {(byte) f.family(), 0, 0, 0};
      case EvenPort e -> new byte[] {(byte) (e.reserve() ? EVEN_PORT_RESERVE_FLAG : 0)};
      case RequestedTransport t -> new byte[] {(byte) t.protocol(), 0, 0, 0};
      case DontFragment d -> new byte[0];
      case ReservationToken r -> int64(r.token());
      case Priority p -> int32((int) p.priority());
      case UseCandidate u -> new byte[0];
      case IceControlled c -> int64(c.tieBreaker());
      case IceControlling c -> int64(c.tieBreaker());
      case RawAttribute r -> r.value();
    };
  }

  private static byte[] errorCodeValue(ErrorCode e) {
    byte[] reason = Utf8.encode(e.reason());
    byte[] out = new byte[4 + reason.length];
    out[2] = (byte) e.errorClass();
    out[3] = (byte) e.number();
    System.arraycopy(reason, 0, out, 4, reason.length);
    return out;
  }

  private static byte[] unknownAttributesValue(UnknownAttributes u) {
    byte[] out = new byte[2 * u.types().size()];
    for (int i = 0; i < u.types().size(); i++) {
      out[2 * i] = (byte) (u.types().get(i) >>> 8);
      out[2 * i + 1] = (byte) (int) u.types().get(i);
    }
    return out;
  }

  private static byte[] passwordAlgorithmValue(PasswordAlgorithm p, boolean padParameters) {
    byte[] parameters = p.parameters();
    int length = padParameters ? pad4(parameters.length) : parameters.length;
    byte[] out = new byte[4 + length];
    out[0] = (byte) (p.algorithm() >>> 8);
    out[1] = (byte) p.algorithm();
    out[2] = (byte) (parameters.length >>> 8);
    out[3] = (byte) parameters.length;
    System.arraycopy(parameters, 0, out, 4, parameters.length);
    return out;
  }

  private static byte[] passwordAlgorithmsValue(PasswordAlgorithms p) {
    var out = new java.io.ByteArrayOutputStream();
    for (PasswordAlgorithm a : p.algorithms()) {
      out.writeBytes(passwordAlgorithmValue(a, true));
    }
    return out.toByteArray();
  }

  static int pad4(int length) {
    return (length + 3) & ~3;
  }

  private static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static byte[] int64(long v) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (56 - 8 * i));
    }
    return out;
  }
}
