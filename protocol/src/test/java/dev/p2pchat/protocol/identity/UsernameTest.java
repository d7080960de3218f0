package dev.p2pchat.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UsernameTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "alice", "bob_2", "0day", "x.y-z", "abcdefghijklmnopqrstuvwxyz012345"})
  void acceptsValidNames(String name) {
    assertThat(Username.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Alice", "_alice", ".a", "-a", "al ice", "alice\n", "ålice", "a/b",
      "abcdefghijklmnopqrstuvwxyz0123456"})
  void rejectsInvalidNames(String name) {
    assertThat(Username.isValid(name)).isFalse();
    assertThatThrownBy(() -> Username.of(name))
        .isInstanceOfSatisfying(IdentityFormatException.class, e -> assertThat(e.field()).isEqualTo("user"));
  }

  @Test
  void normalizeLowerCasesAndTrimsTypedInput() {
    assertThat(Username.normalize("  Alice ")).isEqualTo(Username.of("alice"));
  }
}
