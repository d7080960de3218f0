package dev.p2pchat.client.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.protocol.identity.Username;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerMessageParserTest {
  private final ServerMessageParser parser = new ServerMessageParser(new ObjectMapper());

  @Test
  void parsesEveryServerMessage() throws Exception {
    Identity bob = Identity.generate(Username.of("bob"), new SecureRandom());
    String keys = "\"signing_key\":\"" + bob.publicKeys().signing().toText()
        + "\",\"dh_key\":\"" + bob.publicKeys().dh().toText() + "\"";

    assertThat(parser.parse("{\"type\":\"challenge\",\"nonce\":\"abc\"}"))
        .isEqualTo(new ServerMessage.Challenge("abc"));
    assertThat(parser.parse("{\"type\":\"welcome\",\"user\":\"alice\",\"server_time\":5,\"stun\":[\"198.18.0.10:3478\"]}"))
        .isInstanceOfSatisfying(ServerMessage.Welcome.class, w -> {
          assertThat(w.user()).isEqualTo(Username.of("alice"));
          assertThat(w.serverTimeMillis()).isEqualTo(5);
          assertThat(w.stun()).containsExactly("198.18.0.10:3478");
          assertThat(w.turn()).isEmpty();
        });
    assertThat(parser.parse("{\"type\":\"user\",\"id\":\"1\",\"user\":\"bob\",\"online\":true," + keys + "}"))
        .isEqualTo(new ServerMessage.UserInfo(Optional.of("1"), Username.of("bob"), true, bob.publicKeys()));
    assertThat(parser.parse("{\"type\":\"presence\",\"user\":\"bob\",\"online\":false}"))
        .isEqualTo(new ServerMessage.Presence(Username.of("bob"), false));
    assertThat(parser.parse("{\"type\":\"signal\",\"from\":\"bob\",\"payload\":{\"a\":1}}"))
        .isInstanceOfSatisfying(ServerMessage.Signal.class, s -> assertThat(s.payload().path("a").asInt()).isEqualTo(1));
    assertThat(parser.parse("{\"type\":\"sent\",\"id\":\"2\"}")).isEqualTo(new ServerMessage.Sent(Optional.of("2")));
    assertThat(parser.parse("{\"type\":\"pong\"}")).isEqualTo(new ServerMessage.Pong());
    assertThat(parser.parse("{\"type\":\"error\",\"code\":\"peer-offline\",\"message\":\"bob is offline\",\"id\":\"3\"}"))
        .isEqualTo(new ServerMessage.Error(ErrorCode.PEER_OFFLINE, "peer-offline", "bob is offline", Optional.of("3")));
  }

  @Test
  void unknownErrorCodesKeepTheirWireText() throws Exception {
    assertThat(parser.parse("{\"type\":\"error\",\"code\":\"brand-new\"}"))
        .isEqualTo(new ServerMessage.Error(ErrorCode.OTHER, "brand-new", "brand-new", Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "not json", "[1,2]", "42", "{}", "{\"type\":7}", "{\"type\":\"weird\"}",
    "{\"type\":\"challenge\"}",
    "{\"type\":\"user\",\"id\":\"1\",\"user\":\"bob\",\"online\":true,\"signing_key\":\"AAAA\",\"dh_key\":\"AAAA\"}",
    "{\"type\":\"presence\",\"user\":\"Bob!\",\"online\":true}",
    "{\"type\":\"presence\",\"user\":\"bob\",\"online\":\"yes\"}",
    "{\"type\":\"signal\",\"from\":\"bob\",\"payload\":\"text\"}",
    "{\"type\":\"error\"}",
  })
  void malformedMessagesAreTypedErrors(String text) {
    assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(SignallingProtocolException.class);
  }
}
