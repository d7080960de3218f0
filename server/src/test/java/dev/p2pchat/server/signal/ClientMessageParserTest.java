package dev.p2pchat.server.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMessageParserTest {
  @Test
  void parsesEveryType() {
    TestIdentity alice = TestIdentity.create("alice");
    String nonce = dev.p2pchat.protocol.identity.Base64Url.encode(new byte[32]);
    assertThat(ClientMessageParser.parse(alice.hello(nonce))).isInstanceOfSatisfying(ClientMessage.Hello.class, h -> {
      assertThat(h.user()).isEqualTo(alice.user());
      assertThat(h.signingKey()).isEqualTo(alice.signing().publicKey());
      assertThat(h.dhKey()).isEqualTo(alice.dh());
      assertThat(h.signature()).hasSize(64);
    });
    assertThat(ClientMessageParser.parse("{\"type\":\"lookup\",\"id\":\"1\",\"user\":\"bob\"}"))
        .isEqualTo(new ClientMessage.Lookup("1", Username.of("bob")));
    assertThat(ClientMessageParser.parse("{\"type\":\"watch\",\"users\":[\"bob\",\"carol\",\"bob\"]}"))
        .isEqualTo(new ClientMessage.Watch(null, java.util.List.of(Username.of("bob"), Username.of("carol"))));
    assertThat(ClientMessageParser.parse("{\"type\":\"unwatch\",\"users\":[]}"))
        .isEqualTo(new ClientMessage.Unwatch(null, java.util.List.of()));
    assertThat(ClientMessageParser.parse("{\"type\":\"signal\",\"to\":\"bob\",\"payload\":{\"k\":[1,2]}}"))
        .isInstanceOfSatisfying(ClientMessage.Signal.class, s -> assertThat(s.payload().toString()).isEqualTo("{\"k\":[1,2]}"));
    assertThat(ClientMessageParser.parse("{\"type\":\"ping\",\"id\":\"p\"}")).isEqualTo(new ClientMessage.Ping("p"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "nope|bad-json",
      "[]|bad-json",
      "{\"type\":\"ping\"} x|bad-json",
      "{}|bad-request",
      "{\"type\":1}|bad-request",
      "{\"type\":\"dance\"}|unknown-type",
      "{\"type\":\"lookup\"}|bad-request",
      "{\"type\":\"lookup\",\"user\":\"A\"}|bad-request",
      "{\"type\":\"signal\",\"to\":\"bob\"}|bad-request",
      "{\"type\":\"signal\",\"to\":\"bob\",\"payload\":[]}|bad-request",
      "{\"type\":\"watch\",\"users\":[1]}|bad-request",
      "{\"type\":\"hello\",\"user\":\"bob\"}|bad-request",
  })
  void refusesBadInputWithItsCode(String text, String code) {
    assertThatThrownBy(() -> ClientMessageParser.parse(text))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code().wire()).isEqualTo(code));
  }

  @Test
  void errorsCarryTheRequestIdWhenItCouldBeRead() {
    assertThatThrownBy(() -> ClientMessageParser.parse("{\"type\":\"lookup\",\"id\":\"42\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.id()).isEqualTo("42"));
  }

  @Test
  void deepNestingIsBadJsonNotAStackOverflow() {
    String deep = "{\"type\":\"signal\",\"to\":\"bob\",\"payload\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> ClientMessageParser.parse(deep))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON));
  }

  @Test
  void sizeLimitsCountUtf8Bytes() {
    // 33,000 two-byte characters: fewer than 64 Ki characters, more than 64 KiB.
    String wide = "{\"type\":\"ping\",\"pad\":\"" + "é".repeat(33_000) + "\"}";
    assertThatThrownBy(() -> ClientMessageParser.parse(wide))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
  }
}
