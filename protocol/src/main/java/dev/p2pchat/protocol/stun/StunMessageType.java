package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.MAX_METHOD;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_ALLOCATE;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_BINDING;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_CHANNEL_BIND;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_CREATE_PERMISSION;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_DATA;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_REFRESH;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_SEND;

/**
 * A message type: a 12-bit method and a class. On the wire (RFC 8489 §5) the two class bits are
 * interleaved with the method bits:
 *
 * <pre>
 *  0                 1
 *  2  3  4 5 6 7 8 9 0 1 2 3 4 5
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 * |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Methods the codec has no name for are kept as numbers, so that a server can answer or forward them.
 */
public record StunMessageType(int method, StunClass messageClass) {

  public static final StunMessageType BINDING_REQUEST = new StunMessageType(METHOD_BINDING, StunClass.REQUEST);
  public static final StunMessageType BINDING_INDICATION =
      new StunMessageType(METHOD_BINDING, StunClass.INDICATION);
  public static final StunMessageType BINDING_SUCCESS =
      new StunMessageType(METHOD_BINDING, StunClass.SUCCESS_RESPONSE);
  public static final StunMessageType BINDING_ERROR =
      new StunMessageType(METHOD_BINDING, StunClass.ERROR_RESPONSE);

  public StunMessageType {
    if (method < 0 || method > MAX_METHOD) {
      throw new IllegalArgumentException("STUN method out of range: " + method);
    }
    java.util.Objects.requireNonNull(messageClass, "messageClass");
  }

  /** The 14-bit type field (the two leading zero bits of the header included). */
  public int toWire() {
    int c = messageClass.bits();
    return (method & 0x000F)
        | ((c & 0b01) << 4)
        | ((method & 0x0070) << 1)
        | ((c & 0b10) << 7)
        | ((method & 0x0F80) << 2);
  }

  /** Reads the type field; the caller has checked that the two leading bits are zero. */
  public static StunMessageType fromWire(int type) {
    int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    int c = ((type >> 4) & 0b01) | ((type >> 7) & 0b10);
    return new StunMessageType(method, StunClass.ofBits(c));
  }

  /** The same method with another class: the response type for a request, say. */
  public StunMessageType withClass(StunClass other) {
    return new StunMessageType(method, other);
  }

  public boolean isBinding() {
    return method == METHOD_BINDING;
  }

  @Override
  public String toString() {
    return methodName(method) + " " + messageClass;
  }

  static String methodName(int method) {
    return switch (method) {
      case METHOD_BINDING -> "Binding";
      case METHOD_ALLOCATE -> "Allocate";
      case METHOD_REFRESH -> "Refresh";
      case METHOD_SEND -> "Send";
      case METHOD_DATA -> "Data";
      case METHOD_CREATE_PERMISSION -> "CreatePermission";
      case METHOD_CHANNEL_BIND -> "ChannelBind";
      default -> String.format("Method(0x%03x)", method);
    };
  }
}
