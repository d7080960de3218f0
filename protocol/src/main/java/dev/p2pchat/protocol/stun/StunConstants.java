package dev.p2pchat.protocol.stun;

/**
 * The numbers of STUN and of the specifications that extend it, each with the section that defines it.
 * The values are those of the IANA "STUN Parameters" registry; {@code StunConstantsTest} checks them
 * against a table written from the RFC text.
 *
 * <p>Sources: RFC 8489 (STUN), RFC 5780 (NAT behaviour discovery), RFC 3489 (classic STUN, obsolete
 * but still spoken by deployed clients), RFC 8656 (TURN), RFC 8445 (ICE).
 */
public final class StunConstants {
  private StunConstants() {}

  // ---- Header, RFC 8489 §5 ----
  /** Every STUN message starts with a 20-byte header. */
  public static final int HEADER_LENGTH = 20;
  /** RFC 8489 §5: the fixed value that tells RFC 5389+ messages from RFC 3489 ones. */
  public static final int MAGIC_COOKIE = 0x2112A442;
  /** RFC 8489 §5: 96 bits. */
  public static final int TRANSACTION_ID_LENGTH = 12;
  /** RFC 3489 §11.1: 128 bits, the first 32 of which sit where the magic cookie is now. */
  public static final int CLASSIC_TRANSACTION_ID_LENGTH = 16;
  /** RFC 8489 §5: the message length field is 16 bits and counts the bytes after the header. */
  public static final int MAX_BODY_LENGTH = 0xFFFF;
  /** RFC 8489 §14: a TLV attribute header is type (16 bits) and length (16 bits). */
  public static final int ATTRIBUTE_HEADER_LENGTH = 4;

  // ---- Methods, RFC 8489 §18.2 (Binding) and RFC 8656 §17 (TURN) ----
  public static final int METHOD_BINDING = 0x001;
  public static final int METHOD_ALLOCATE = 0x003;
  public static final int METHOD_REFRESH = 0x004;
  public static final int METHOD_SEND = 0x006;
  public static final int METHOD_DATA = 0x007;
  public static final int METHOD_CREATE_PERMISSION = 0x008;
  public static final int METHOD_CHANNEL_BIND = 0x009;
  /** RFC 8489 §5: methods are 12 bits. */
  public static final int MAX_METHOD = 0xFFF;

  // ---- Attributes, comprehension-required range 0x0000-0x7FFF (RFC 8489 §18.3.1) ----
  /** RFC 8489 §14.1. */
  public static final int MAPPED_ADDRESS = 0x0001;
  /** RFC 5780 §7.2 (first defined in RFC 3489 §11.2.4). */
  public static final int CHANGE_REQUEST = 0x0003;
  /** RFC 3489 §11.2.5; reserved since RFC 5389, still read and sent for classic clients. */
  public static final int SOURCE_ADDRESS = 0x0004;
  /** RFC 3489 §11.2.3; reserved since RFC 5389, still read and sent for classic clients. */
  public static final int CHANGED_ADDRESS = 0x0005;
  /** RFC 8489 §14.3. */
  public static final int USERNAME = 0x0006;
  /** RFC 8489 §14.5. */
  public static final int MESSAGE_INTEGRITY = 0x0008;
  /** RFC 8489 §14.8. */
  public static final int ERROR_CODE = 0x0009;
  /** RFC 8489 §14.13. */
  public static final int UNKNOWN_ATTRIBUTES = 0x000A;
  /** RFC 8656 §18. */
  public static final int CHANNEL_NUMBER = 0x000C;
  /** RFC 8656 §18. */
  public static final int LIFETIME = 0x000D;
  /** RFC 8656 §18. */
  public static final int XOR_PEER_ADDRESS = 0x0012;
  /** RFC 8656 §18. */
  public static final int DATA = 0x0013;
  /** RFC 8489 §14.9. */
  public static final int REALM = 0x0014;
  /** RFC 8489 §14.10. */
  public static final int NONCE = 0x0015;
  /** RFC 8656 §18. */
  public static final int XOR_RELAYED_ADDRESS = 0x0016;
  /** RFC 8656 §18. */
  public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
  /** RFC 8656 §18. */
  public static final int EVEN_PORT = 0x0018;
  /** RFC 8656 §18. */
  public static final int REQUESTED_TRANSPORT = 0x0019;
  /** RFC 8656 §18. */
  public static final int DONT_FRAGMENT = 0x001A;
  /** RFC 8489 §14.6. */
  public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
  /** RFC 8489 §14.12. */
  public static final int PASSWORD_ALGORITHM = 0x001D;
  /** RFC 8489 §14.4. */
  public static final int USERHASH = 0x001E;
  /** RFC 8489 §14.2. */
  public static final int XOR_MAPPED_ADDRESS = 0x0020;
  /** RFC 8656 §18. */
  public static final int RESERVATION_TOKEN = 0x0022;
  /** RFC 8445 §16.1. */
  public static final int PRIORITY = 0x0024;
  /** RFC 8445 §16.1. */
  public static final int USE_CANDIDATE = 0x0025;
  /** RFC 5780 §7.6. */
  public static final int PADDING = 0x0026;
  /** RFC 5780 §7.5. */
  public static final int RESPONSE_PORT = 0x0027;

  // ---- Attributes, comprehension-optional range 0x8000-0xFFFF (RFC 8489 §18.3.2) ----
  /** RFC 8489 §14.11. */
  public static final int PASSWORD_ALGORITHMS = 0x8002;
  /** RFC 8489 §14.14. */
  public static final int SOFTWARE = 0x8022;
  /** RFC 8489 §14.7. */
  public static final int FINGERPRINT = 0x8028;
  /** RFC 8445 §16.1. */
  public static final int ICE_CONTROLLED = 0x8029;
  /** RFC 8445 §16.1. */
  public static final int ICE_CONTROLLING = 0x802A;
  /** RFC 5780 §7.3. */
  public static final int RESPONSE_ORIGIN = 0x802B;
  /** RFC 5780 §7.4. */
  public static final int OTHER_ADDRESS = 0x802C;

  /** RFC 8489 §14: types below this must be understood by the receiver or the request fails (420). */
  public static final int COMPREHENSION_OPTIONAL_START = 0x8000;

  // ---- Address families, RFC 8489 §14.1 ----
  public static final int FAMILY_IPV4 = 0x01;
  public static final int FAMILY_IPV6 = 0x02;

  // ---- Error codes, RFC 8489 §14.8, RFC 8656 §19, RFC 8445 §16.2 ----
  public static final int ERROR_TRY_ALTERNATE = 300;
  public static final int ERROR_BAD_REQUEST = 400;
  public static final int ERROR_UNAUTHENTICATED = 401;
  public static final int ERROR_FORBIDDEN = 403;
  public static final int ERROR_UNKNOWN_ATTRIBUTE = 420;
  public static final int ERROR_ALLOCATION_MISMATCH = 437;
  public static final int ERROR_STALE_NONCE = 438;
  public static final int ERROR_ADDRESS_FAMILY_NOT_SUPPORTED = 440;
  public static final int ERROR_WRONG_CREDENTIALS = 441;
  public static final int ERROR_UNSUPPORTED_TRANSPORT_PROTOCOL = 442;
  public static final int ERROR_PEER_ADDRESS_FAMILY_MISMATCH = 443;
  public static final int ERROR_ALLOCATION_QUOTA_REACHED = 486;
  public static final int ERROR_ROLE_CONFLICT = 487;
  public static final int ERROR_SERVER_ERROR = 500;
  public static final int ERROR_INSUFFICIENT_CAPACITY = 508;

  // ---- Password algorithms, RFC 8489 §18.5 ----
  public static final int PASSWORD_ALGORITHM_MD5 = 0x0001;
  public static final int PASSWORD_ALGORITHM_SHA256 = 0x0002;

  // ---- Value sizes and limits ----
  /** RFC 8489 §14.5: HMAC-SHA1 output. */
  public static final int MESSAGE_INTEGRITY_LENGTH = 20;
  /** RFC 8489 §14.6: the HMAC-SHA256 may be truncated to no fewer than 16 bytes, in steps of 4. */
  public static final int MESSAGE_INTEGRITY_SHA256_MIN_LENGTH = 16;
  public static final int MESSAGE_INTEGRITY_SHA256_LENGTH = 32;
  /** RFC 8489 §14.4: SHA-256 output. */
  public static final int USERHASH_LENGTH = 32;
  /** RFC 8489 §14.7: CRC-32 of the message XOR'ed with the ASCII of "STUN". */
  public static final int FINGERPRINT_XOR = 0x5354554E;
  /** RFC 5389 §15.3 ("less than 513 bytes"); RFC 8489 §14.3 asks new senders for fewer than 509. */
  public static final int MAX_USERNAME_BYTES = 512;
  /** RFC 8489 §14.9, §14.10, §14.14, §14.8: up to 763 bytes accepted when decoding. */
  public static final int MAX_TEXT_BYTES = 763;

  // ---- RFC 5780 §7.2: CHANGE-REQUEST flags ----
  public static final int CHANGE_IP_FLAG = 0x04;
  public static final int CHANGE_PORT_FLAG = 0x02;

  // ---- RFC 8656 §18: EVEN-PORT and REQUESTED-TRANSPORT values ----
  public static final int EVEN_PORT_RESERVE_FLAG = 0x80;
  /** IANA protocol number of UDP, the transport a TURN client requests (RFC 8656 §18). */
  public static final int TRANSPORT_UDP = 17;

  // ---- Ports, RFC 8489 §18.6 ----
  public static final int DEFAULT_PORT = 3478;
}
