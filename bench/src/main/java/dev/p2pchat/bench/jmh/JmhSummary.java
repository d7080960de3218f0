package dev.p2pchat.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the JSON that JMH writes ({@code -rf json}) into the table {@code bench/hot-paths} prints:
 * one line per benchmark with ops/s and bytes allocated per op ({@code -prof gc}), then the summary
 * row: the headline figures, and sealing a chat line against the bare JDK AEAD as the ratio.
 *
 * <pre>java -cp p2pchat-bench.jar dev.p2pchat.bench.jmh.JmhSummary results.json</pre>
 */
public final class JmhSummary {
  /** One benchmark (with its parameters) as measured. */
  record Row(String name, double opsPerSecond, double bytesPerOp) {}

  private JmhSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: JmhSummary RESULTS.json");
      System.exit(2);
    }
    List<Row> rows = read(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
    for (Row row : rows) {
      System.out.printf(Locale.ROOT, "  %-48s %,14.0f ops/s %,9.0f B/op%n", row.name(), row.opsPerSecond(), row.bytesPerOp());
    }
    System.out.println(summary(rows));
  }

  static List<Row> read(JsonNode results) {
    List<Row> rows = new ArrayList<>();
    for (JsonNode result : results) {
      String[] parts = result.get("benchmark").asText().split("\\.");
      StringBuilder name = new StringBuilder(parts[parts.length - 2]).append('.').append(parts[parts.length - 1]);
      JsonNode params = result.get("params");
      if (params != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          name.append(' ').append(p.getKey()).append('=').append(p.getValue().asText());
        }
      }
      JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
      rows.add(new Row(name.toString(), result.path("primaryMetric").path("score").asDouble(), alloc.isMissingNode() ? -1 : alloc.asDouble()));
    }
    return rows;
  }

  static String summary(List<Row> rows) {
    Row seal = find(rows, "NoiseTransportBench.seal size=128");
    Row jdk = find(rows, "NoiseTransportBench.jdkChaCha20Poly1305 size=128");
    String p2pchat = String.format(Locale.ROOT,
        "STUN decode %s/s, encode %s/s; seal 128 B %s/s (%s B/op), seal+open %s/s; stream packet decode %s/s; message cycle %s/s",
        ops(find(rows, "StunCodecBench.decodeBindingRequest")), ops(find(rows, "StunCodecBench.encodeBindingSuccess")),
        ops(seal), Math.round(seal.bytesPerOp()), ops(find(rows, "NoiseTransportBench.sealThenOpen size=128")),
        ops(find(rows, "FrameCodecBench.decodeStreamPacket")), ops(find(rows, "ReliableStreamBench.messageCycle")));
    String baseline = String.format(Locale.ROOT, "JDK ChaCha20-Poly1305 128 B %s/s (%d B/op)", ops(jdk), Math.round(jdk.bytesPerOp()));
    return String.format(Locale.ROOT, "Hot paths (JMH, -prof gc) | %s | %s | ratio %.2f | goal ≥ 0.8 (seal vs bare AEAD)",
        p2pchat, baseline, seal.opsPerSecond() / jdk.opsPerSecond());
  }

  private static Row find(List<Row> rows, String name) {
    Optional<Row> row = rows.stream().filter(r -> r.name().equals(name)).findFirst();
    return row.orElseThrow(() -> new IllegalStateException("no result for " + name + " in the JMH output"));
  }

  private static String ops(Row row) {
    double ops = row.opsPerSecond();
    return ops >= 1e6 ? String.format(Locale.ROOT, "%.2fM", ops / 1e6) : String.format(Locale.ROOT, "%.0fk", ops / 1e3);
  }
}
