package dev.p2pchat.protocol.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RestCredentialsTest {

  /** Expected passwords computed with openssl: {@code echo -n USERNAME | openssl dgst -sha1 -hmac SECRET -binary | base64}. */
  @Test
  void passwordsMatchOpensslHmacSha1() {
    assertThat(RestCredentials.password(TurnSecret.of("north"), "1700000000:alice"))
        .isEqualTo("Cd/49soE35ICqcJF/bCTn8Z4OyE=");
    assertThat(RestCredentials.password(TurnSecret.of("s3cr3t-with:colon"), "1735689600:bob"))
        .isEqualTo("Ln16yJJ3bBne/yhGNV5EGSN8BiE=");
  }

  @Test
  void usernameCarriesTheExpiryInWholeSeconds() {
    String username = RestCredentials.username(Instant.parse("2023-11-14T22:13:20.900Z"), "alice");
    assertThat(username).isEqualTo("1700000000:alice");
    assertThat(RestCredentials.expiry(username)).contains(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(RestCredentials.user(username)).isEqualTo("alice");
  }

  @Test
  void usernamesWithoutATimestampHaveNoExpiry() {
    assertThat(RestCredentials.expiry("alice")).isEmpty();
    assertThat(RestCredentials.expiry(":alice")).isEmpty();
    assertThat(RestCredentials.expiry("17x:alice")).isEmpty();
    assertThat(RestCredentials.expiry("99999999999999999999:alice")).isEmpty();
  }

  @Test
  void refusesUsersThatWouldBreakTheFormat() {
    assertThatThrownBy(() -> RestCredentials.username(Instant.EPOCH, "a:b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RestCredentials.username(Instant.EPOCH, "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsNeverPrintThemselves() {
    TurnSecret generated = TurnSecret.generate(new Random(1));
    assertThat(generated.reveal()).hasSize(64).matches("[0-9a-f]+");
    assertThat(generated.toString()).doesNotContain(generated.reveal()).isEqualTo("TurnSecret[hidden]");
    assertThat(generated).isEqualTo(TurnSecret.of(generated.reveal())).isNotEqualTo(TurnSecret.of("other"));
  }
}
