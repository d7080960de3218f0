package dev.p2pchat.server.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Interop with Debian's {@code stun-client} (the classic RFC 3489 client of the stund project):
 * {@code stun 127.0.0.1:PORT -v -p SRC} must report our server's mapped address for its socket. CI
 * installs the package ({@code .ci/run}); without the binary the test is skipped, saying so.
 */
class StunClientInteropTest {

  private static final Pattern MAPPED = Pattern.compile("MappedAddress = ([0-9.]+):(\\d+)");
  private static final Pattern CHANGED = Pattern.compile("ChangedAddress = ([0-9.]+):(\\d+)");
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void reportsTheMappedAddressOfASingleAddressServer() throws Exception {
    Path stun = stunBinary();
    try (StunServer server = StunServer.start(StunServerConfig.of(LOOPBACK, 0))) {
      int source = freePortPair();
      String output = run(stun, server.primaryAddress(), source);

      assertThat(matches(MAPPED, output)).as(output).isNotEmpty().allMatch(a -> a.getAddress().equals(LOOPBACK));
      assertThat(matches(MAPPED, output).getFirst()).as(output).isEqualTo(new InetSocketAddress(LOOPBACK, source));
      assertThat(output).contains("test I = 1");
      assertThat(server.stats().answered()).isPositive();
    }
  }

  @Test
  void seesAnOpenInternetThroughAnRfc5780Server() throws Exception {
    Path stun = stunBinary();
    InetAddress a2 = InetAddress.getByName("127.0.0.2");
    try (StunServer server = StunServer.start(StunServerConfig.of(LOOPBACK, 0).withAlternateAddress(a2))) {
      int source = freePortPair();
      String output = run(stun, server.primaryAddress(), source);

      assertThat(matches(MAPPED, output).getFirst()).as(output).isEqualTo(new InetSocketAddress(LOOPBACK, source));
      assertThat(matches(CHANGED, output).getFirst()).as(output).isEqualTo(new InetSocketAddress(a2, server.endpoints().get(3).getPort()));
      // Tests II and III are answered from the other address and port; on loopback nothing filters them.
      assertThat(output).contains("test I = 1", "test II = 1", "test III = 1", "Primary: Open");
    }
  }

  private static String run(Path stun, InetSocketAddress server, int sourcePort) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(stun.toString(), "127.0.0.1:" + server.getPort(), "-v", "-p", String.valueOf(sourcePort))
        .redirectErrorStream(true)
        .start();
    // The client retries unanswered tests for a few seconds before it gives its verdict.
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("stun client did not finish: %s", output).isTrue();
    return output;
  }

  private static List<InetSocketAddress> matches(Pattern pattern, String output) throws IOException {
    List<InetSocketAddress> found = new ArrayList<>();
    Matcher m = pattern.matcher(output);
    while (m.find()) {
      found.add(new InetSocketAddress(InetAddress.getByName(m.group(1)), Integer.parseInt(m.group(2))));
    }
    return found;
  }

  /** A port P with P and P+1 free: the client opens both. */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (DatagramSocket first = new DatagramSocket(0, LOOPBACK)) {
        int port = first.getLocalPort();
        if (port < 65535 && port % 2 == 0) {
          try (DatagramSocket second = new DatagramSocket(port + 1, LOOPBACK)) {
            return port;
          } catch (IOException taken) {
            // try another pair
          }
        }
      }
    }
    throw new IOException("no free pair of UDP ports");
  }

  private static Path stunBinary() {
    Path stun = Stream.concat(Stream.of("/usr/bin/stun"), Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> d + "/stun"))
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
    assumeTrue(stun != null, "Debian's stun-client (binary 'stun') is not installed: apt-get install stun-client");
    return stun;
  }
}
