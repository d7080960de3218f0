package dev.p2pchat.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The constants against the IANA "STUN Parameters" registry, as written in the RFCs' IANA sections
 * (RFC 8489 §18, RFC 5780 §7, RFC 8656 §17-§19, RFC 8445 §16). The expected tables are typed from the
 * RFC text, not derived from the code.
 */
class StunConstantsTest {

  /** STUN Attributes registry: name -> type. */
  private static final Map<String, Integer> IANA_ATTRIBUTES =
      Map.ofEntries(
          Map.entry("MAPPED-ADDRESS", 0x0001),
          Map.entry("CHANGE-REQUEST", 0x0003),
          Map.entry("SOURCE-ADDRESS", 0x0004),
          Map.entry("CHANGED-ADDRESS", 0x0005),
          Map.entry("USERNAME", 0x0006),
          Map.entry("MESSAGE-INTEGRITY", 0x0008),
          Map.entry("ERROR-CODE", 0x0009),
          Map.entry("UNKNOWN-ATTRIBUTES", 0x000A),
          Map.entry("CHANNEL-NUMBER", 0x000C),
          Map.entry("LIFETIME", 0x000D),
          Map.entry("XOR-PEER-ADDRESS", 0x0012),
          Map.entry("DATA", 0x0013),
          Map.entry("REALM", 0x0014),
          Map.entry("NONCE", 0x0015),
          Map.entry("XOR-RELAYED-ADDRESS", 0x0016),
          Map.entry("REQUESTED-ADDRESS-FAMILY", 0x0017),
          Map.entry("EVEN-PORT", 0x0018),
          Map.entry("REQUESTED-TRANSPORT", 0x0019),
          Map.entry("DONT-FRAGMENT", 0x001A),
          Map.entry("MESSAGE-INTEGRITY-SHA256", 0x001C),
          Map.entry("PASSWORD-ALGORITHM", 0x001D),
          Map.entry("USERHASH", 0x001E),
          Map.entry("XOR-MAPPED-ADDRESS", 0x0020),
          Map.entry("RESERVATION-TOKEN", 0x0022),
          Map.entry("PRIORITY", 0x0024),
          Map.entry("USE-CANDIDATE", 0x0025),
          Map.entry("PADDING", 0x0026),
          Map.entry("RESPONSE-PORT", 0x0027),
          Map.entry("PASSWORD-ALGORITHMS", 0x8002),
          Map.entry("SOFTWARE", 0x8022),
          Map.entry("FINGERPRINT", 0x8028),
          Map.entry("ICE-CONTROLLED", 0x8029),
          Map.entry("ICE-CONTROLLING", 0x802A),
          Map.entry("RESPONSE-ORIGIN", 0x802B),
          Map.entry("OTHER-ADDRESS", 0x802C));

  @Test
  void attributeTypesMatchTheRegistry() throws Exception {
    for (var entry : IANA_ATTRIBUTES.entrySet()) {
      String field = entry.getKey().replace('-', '_');
      assertThat(StunConstants.class.getField(field).getInt(null)).as(entry.getKey()).isEqualTo(entry.getValue());
    }
  }

  @Test
  void everyAttributeTheCodecKnowsIsInTheRegistryTable() {
    assertThat(AttributeCodec.knownTypes()).containsExactlyInAnyOrderElementsOf(IANA_ATTRIBUTES.values());
  }

  @Test
  void comprehensionRangesFollowTheTypeNumber() {
    Set<String> optional =
        IANA_ATTRIBUTES.entrySet().stream()
            .filter(e -> !StunAttribute.isComprehensionRequired(e.getValue()))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertThat(optional)
        .containsExactlyInAnyOrder(
            "PASSWORD-ALGORITHMS", "SOFTWARE", "FINGERPRINT", "ICE-CONTROLLED", "ICE-CONTROLLING",
            "RESPONSE-ORIGIN", "OTHER-ADDRESS");
  }

  @Test
  void headerConstants() {
    assertThat(StunConstants.MAGIC_COOKIE).isEqualTo(0x2112A442);
    assertThat(StunConstants.HEADER_LENGTH).isEqualTo(20);
    assertThat(StunConstants.TRANSACTION_ID_LENGTH).isEqualTo(12);
    assertThat(StunConstants.FINGERPRINT_XOR)
        .isEqualTo(java.nio.ByteBuffer.wrap("STUN".getBytes(StandardCharsets.US_ASCII)).getInt());
    assertThat(StunConstants.DEFAULT_PORT).isEqualTo(3478);
  }

  @Test
  void methodsAndTheirMessageTypes() {
    assertThat(StunConstants.METHOD_BINDING).isEqualTo(0x001);
    assertThat(StunConstants.METHOD_ALLOCATE).isEqualTo(0x003);
    assertThat(StunConstants.METHOD_REFRESH).isEqualTo(0x004);
    assertThat(StunConstants.METHOD_SEND).isEqualTo(0x006);
    assertThat(StunConstants.METHOD_DATA).isEqualTo(0x007);
    assertThat(StunConstants.METHOD_CREATE_PERMISSION).isEqualTo(0x008);
    assertThat(StunConstants.METHOD_CHANNEL_BIND).isEqualTo(0x009);
    // Wire types as printed in RFC 8489 §6 and RFC 8656 (Allocate request 0x0003, Send indication 0x0016, ...).
    assertThat(StunMessageType.BINDING_REQUEST.toWire()).isEqualTo(0x0001);
    assertThat(StunMessageType.BINDING_INDICATION.toWire()).isEqualTo(0x0011);
    assertThat(StunMessageType.BINDING_SUCCESS.toWire()).isEqualTo(0x0101);
    assertThat(StunMessageType.BINDING_ERROR.toWire()).isEqualTo(0x0111);
    assertThat(new StunMessageType(0x003, StunClass.SUCCESS_RESPONSE).toWire()).isEqualTo(0x0103);
    assertThat(new StunMessageType(0x003, StunClass.ERROR_RESPONSE).toWire()).isEqualTo(0x0113);
    assertThat(new StunMessageType(0x006, StunClass.INDICATION).toWire()).isEqualTo(0x0016);
    assertThat(new StunMessageType(0x007, StunClass.INDICATION).toWire()).isEqualTo(0x0017);
    assertThat(new StunMessageType(0x009, StunClass.SUCCESS_RESPONSE).toWire()).isEqualTo(0x0109);
  }

  @Test
  void messageTypesRoundTripForEveryMethodAndClass() {
    Set<Integer> seen = new HashSet<>();
    for (int method = 0; method <= StunConstants.MAX_METHOD; method++) {
      for (StunClass c : StunClass.values()) {
        StunMessageType t = new StunMessageType(method, c);
        int wire = t.toWire();
        assertThat(wire & 0xC000).isZero();
        assertThat(StunMessageType.fromWire(wire)).isEqualTo(t);
        seen.add(wire);
      }
    }
    assertThat(seen).hasSize(4 * 4096);
  }

  @Test
  void errorCodesAndAlgorithms() {
    assertThat(StunConstants.ERROR_TRY_ALTERNATE).isEqualTo(300);
    assertThat(StunConstants.ERROR_BAD_REQUEST).isEqualTo(400);
    assertThat(StunConstants.ERROR_UNAUTHENTICATED).isEqualTo(401);
    assertThat(StunConstants.ERROR_FORBIDDEN).isEqualTo(403);
    assertThat(StunConstants.ERROR_UNKNOWN_ATTRIBUTE).isEqualTo(420);
    assertThat(StunConstants.ERROR_ALLOCATION_MISMATCH).isEqualTo(437);
    assertThat(StunConstants.ERROR_STALE_NONCE).isEqualTo(438);
    assertThat(StunConstants.ERROR_ADDRESS_FAMILY_NOT_SUPPORTED).isEqualTo(440);
    assertThat(StunConstants.ERROR_WRONG_CREDENTIALS).isEqualTo(441);
    assertThat(StunConstants.ERROR_UNSUPPORTED_TRANSPORT_PROTOCOL).isEqualTo(442);
    assertThat(StunConstants.ERROR_PEER_ADDRESS_FAMILY_MISMATCH).isEqualTo(443);
    assertThat(StunConstants.ERROR_ALLOCATION_QUOTA_REACHED).isEqualTo(486);
    assertThat(StunConstants.ERROR_ROLE_CONFLICT).isEqualTo(487);
    assertThat(StunConstants.ERROR_SERVER_ERROR).isEqualTo(500);
    assertThat(StunConstants.ERROR_INSUFFICIENT_CAPACITY).isEqualTo(508);
    assertThat(StunConstants.PASSWORD_ALGORITHM_MD5).isEqualTo(0x0001);
    assertThat(StunConstants.PASSWORD_ALGORITHM_SHA256).isEqualTo(0x0002);
    assertThat(StunConstants.FAMILY_IPV4).isEqualTo(0x01);
    assertThat(StunConstants.FAMILY_IPV6).isEqualTo(0x02);
    assertThat(StunConstants.CHANGE_IP_FLAG).isEqualTo(0x04);
    assertThat(StunConstants.CHANGE_PORT_FLAG).isEqualTo(0x02);
    assertThat(StunConstants.TRANSPORT_UDP).isEqualTo(17);
  }
}
