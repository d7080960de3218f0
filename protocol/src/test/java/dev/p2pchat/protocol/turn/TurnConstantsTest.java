package dev.p2pchat.protocol.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The values typed from RFC 8656, not derived from the code. */
class TurnConstantsTest {

  @Test
  void channelNumbersAreTheRfc8656Range() {
    assertThat(TurnConstants.MIN_CHANNEL).isEqualTo(16384);
    assertThat(TurnConstants.MAX_CHANNEL).isEqualTo(20479);
  }

  @Test
  void timersAreTheRfc8656Values() {
    assertThat(TurnConstants.DEFAULT_ALLOCATION_LIFETIME).isEqualTo(Duration.ofSeconds(600));
    assertThat(TurnConstants.MAX_ALLOCATION_LIFETIME).isEqualTo(Duration.ofSeconds(3600));
    assertThat(TurnConstants.PERMISSION_LIFETIME).isEqualTo(Duration.ofSeconds(300));
    assertThat(TurnConstants.CHANNEL_LIFETIME).isEqualTo(Duration.ofSeconds(600));
    assertThat(TurnConstants.CHANNEL_REUSE_DELAY).isEqualTo(Duration.ofSeconds(300));
  }
}
