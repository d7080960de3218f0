package dev.p2pchat.server.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.server.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NonceBookTest {
  final MutableClock clock = new MutableClock();
  final NonceBook book = new NonceBook(clock, new SecureRandom(), Duration.ofSeconds(60), 3);

  @Test
  void aNonceRedeemsOnce() {
    String nonce = book.issue().nonce();
    assertThat(book.redeem(nonce)).isTrue();
    assertThat(book.redeem(nonce)).isFalse();
    assertThat(book.redeem("never-issued")).isFalse();
  }

  @Test
  void aNonceExpires() {
    String nonce = book.issue().nonce();
    clock.advance(Duration.ofSeconds(60));
    assertThat(book.redeem(nonce)).isFalse();
  }

  @Test
  void theBookIsBoundedOldestFirst() {
    String oldest = book.issue().nonce();
    String second = book.issue().nonce();
    book.issue();
    book.issue();
    assertThat(book.outstanding()).isEqualTo(3);
    assertThat(book.redeem(oldest)).isFalse();
    assertThat(book.redeem(second)).isTrue();
  }

  @Test
  void expiredNoncesArePurgedOnIssue() {
    book.issue();
    book.issue();
    clock.advance(Duration.ofMinutes(2));
    book.issue();
    assertThat(book.outstanding()).isEqualTo(1);
  }
}
