package dev.p2pchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgsTest {
  @Test
  void durationsNumbersAndAddresses() {
    Args args = Args.parse(new String[] {"--a", "1500", "--b", "2s", "--c", "250ms", "--n", "1_000", "--server", "127.0.0.1:3478"});
    assertThat(args.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    assertThat(args.duration("b", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThat(args.duration("c", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(args.number("n", 0)).isEqualTo(1000);
    assertThat(args.address("server").getPort()).isEqualTo(3478);
    args.checkAllUsed();
  }

  @Test
  void mistakesAreUsageErrorsNamingTheOption() {
    assertThatThrownBy(() -> Args.parse(new String[] {"--rate"})).isInstanceOf(Args.UsageException.class);
    assertThatThrownBy(() -> Args.parse(new String[] {"--rate", "fast"}).number("rate", 1))
        .isInstanceOf(Args.UsageException.class).hasMessageContaining("--rate");
    assertThatThrownBy(() -> Args.parse(new String[] {"--wait", "5m"}).duration("wait", Duration.ZERO))
        .isInstanceOf(Args.UsageException.class).hasMessageContaining("--wait");
    Args typo = Args.parse(new String[] {"--rte", "5"});
    typo.number("rate", 1);
    assertThatThrownBy(typo::checkAllUsed).isInstanceOf(Args.UsageException.class).hasMessageContaining("rte");
  }
}
