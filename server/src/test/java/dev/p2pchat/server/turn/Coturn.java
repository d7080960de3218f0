package dev.p2pchat.server.turn;

import static org.awaitility.Awaitility.await;

import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TransactionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn ({@code turnserver}, Debian package {@code coturn}) on loopback, with the TURN REST API
 * secret: the relay an operator swaps in with {@code --turn-url --turn-secret}. Everything it writes
 * (log, pid file, its SQLite database) stays in the test's directory.
 */
final class Coturn implements AutoCloseable {
  static final String BINARY = "turnserver";
  static final String REALM = "p2pchat.test";

  final InetSocketAddress address;
  final Path log;
  private final Process process;

  private Coturn(InetSocketAddress address, Path log, Process process) {
    this.address = address;
    this.log = log;
    this.process = process;
  }

  /** Where {@code turnserver} is on the PATH, if it is installed. */
  static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin");
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir, BINARY);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Starts coturn on a free loopback port with relayed ports in {@code [minPort, minPort + 99]}; waits until it answers STUN. */
  static Coturn start(Path binary, Path dir, String secret, int minPort) throws IOException {
    int port = freeUdpPort();
    Path log = dir.resolve("coturn.log");
    List<String> command = List.of(binary.toString(), "-n",
        "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1", "--listening-port", String.valueOf(port),
        "--min-port", String.valueOf(minPort), "--max-port", String.valueOf(minPort + 99),
        "--use-auth-secret", "--static-auth-secret=" + secret, "--realm", REALM,
        "--no-cli", "--no-tls", "--no-dtls", "--no-tcp-relay", "--allow-loopback-peers",
        "--pidfile", dir.resolve("coturn.pid").toString(), "--db", dir.resolve("coturn.db").toString(),
        "--log-file", "stdout", "--simple-log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Coturn coturn = new Coturn(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), log, process);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive() || coturn.answersBinding());
      if (!process.isAlive()) {
        throw new IOException("turnserver exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
    } catch (IOException | RuntimeException e) {
      coturn.close();
      throw e;
    }
    return coturn;
  }

  private boolean answersBinding() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(200);
      byte[] request = Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(new SplittableRandom())));
      socket.send(new DatagramPacket(request, request.length, address));
      socket.receive(new DatagramPacket(new byte[1500], 1500));
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private static int freeUdpPort() {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The log, for a failure message. */
  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
