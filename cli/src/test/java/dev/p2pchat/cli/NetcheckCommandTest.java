package dev.p2pchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code p2pchat netcheck} against the real server's STUN service on loopback (127.0.0.1 + 127.0.0.2). */
class NetcheckCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void aLoopbackHostHasNoNatAndAnOpenFilter() throws Exception {
    assumeThat(System.getProperty("os.name")).containsIgnoringCase("linux"); // 127.0.0.2 answers on Linux
    try (RendezvousServer server = RendezvousServer.builder(ServerConfig.defaults().toBuilder()
            .bind("127.0.0.1").httpPort(0).stunPort(0).stunAltAddress("127.0.0.2").dataDir(dir).build()).start()) {
      InetSocketAddress stun = server.stun().primaryAddress();

      int code = run("netcheck", "--json", "--stun", "127.0.0.1:" + stun.getPort());

      assertThat(code).as(err.toString()).isZero();
      JsonNode report = new ObjectMapper().readTree(out.toString());
      assertThat(report.path("type").asText()).isEqualTo("netcheck");
      assertThat(report.path("udp").asBoolean()).isTrue();
      assertThat(report.path("behind_nat").asBoolean()).isFalse();
      assertThat(report.path("public").asText()).startsWith("127.0.0.1:");
      assertThat(report.path("mapping").asText()).isEqualTo("endpoint-independent");
      assertThat(report.path("filtering").asText()).isEqualTo("endpoint-independent");
      assertThat(report.path("verdict").asText()).contains("public address");
    }
  }

  @Test
  void silenceIsReportedAsNoUdp() throws Exception {
    int port;
    try (DatagramSocket nobody = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = nobody.getLocalPort(); // a port that was just free: nothing answers there
    }

    int code = run("netcheck", "--stun", "127.0.0.1:" + port);

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("UDP:            no answer");
  }

  @Test
  void aBadStunAddressIsAUsageError() {
    assertThat(run("netcheck", "--stun", "nonsense")).isEqualTo(2);
    assertThat(err.toString()).contains("HOST:PORT");
  }
}
