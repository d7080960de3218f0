package dev.p2pchat.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JmhSummaryTest {
  private static String result(String benchmark, String params, double ops, double bytes) {
    return """
        {"benchmark":"dev.p2pchat.bench.jmh.%s",%s"primaryMetric":{"score":%s},
         "secondaryMetrics":{"gc.alloc.rate.norm":{"score":%s}}}""".formatted(benchmark, params, ops, bytes);
  }

  private static final String SIZE = "\"params\":{\"size\":\"128\"},";

  private static List<JmhSummary.Row> rows(String... results) throws Exception {
    return JmhSummary.read(new ObjectMapper().readTree("[" + String.join(",", results) + "]"));
  }

  @Test
  void namesCarryTheirParametersAndTheRatioIsSealOverTheBareAead() throws Exception {
    List<JmhSummary.Row> rows = rows(
        result("StunCodecBench.decodeBindingRequest", "", 5e6, 176),
        result("StunCodecBench.encodeBindingSuccess", "", 4e6, 190),
        result("NoiseTransportBench.seal", SIZE, 40_000, 6_600),
        result("NoiseTransportBench.sealThenOpen", SIZE, 20_000, 13_000),
        result("NoiseTransportBench.jdkChaCha20Poly1305", SIZE, 50_000, 2_500),
        result("FrameCodecBench.decodeStreamPacket", "", 3e6, 650),
        result("ReliableStreamBench.messageCycle", "", 40_000, 3_900));
    assertThat(rows).extracting(JmhSummary.Row::name).contains("NoiseTransportBench.seal size=128");
    String summary = JmhSummary.summary(rows);
    assertThat(summary.split(" \\| ")).hasSize(5);
    assertThat(summary).contains("STUN decode 5.00M/s", "seal 128 B 40k/s (6600 B/op)", "ratio 0.80");
  }

  @Test
  void aMissingBenchmarkIsAnErrorNotAZero() throws Exception {
    List<JmhSummary.Row> rows = rows(result("StunCodecBench.decodeBindingRequest", "", 5e6, 176));
    assertThatThrownBy(() -> JmhSummary.summary(rows)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no result");
  }
}
