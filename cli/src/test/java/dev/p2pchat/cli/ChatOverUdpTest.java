package dev.p2pchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code p2pchat chat --json} with the production links: real UDP on loopback, traversal checks, the Noise
 * handshake and the reliable stream, against a real server. Once with two in-process commands, once with
 * two separate JVM processes.
 */
class ChatOverUdpTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  RendezvousServer server;
  final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = RendezvousServer.builder(ServerConfig.defaults().toBuilder()
        .bind("127.0.0.1").httpPort(0).stunPort(0).dataDir(dir.resolve("server")).presenceGrace(Duration.ofMillis(100)).build())
        .start();
  }

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    server.close();
  }

  private List<String> args(String user, String... more) {
    List<String> all = new ArrayList<>(List.of("chat", "--json", "--server", server.httpUri().toString(),
        "--user", user, "--data-dir", dir.resolve(user).toString(), "--bind", "127.0.0.1"));
    all.addAll(List.of(more));
    return all;
  }

  /** The JSON lines a chat client printed so far. */
  private static List<JsonNode> events(Supplier<String> stdout) {
    return stdout.get().lines().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (IOException e) {
        throw new UncheckedIOException("stdout line is not JSON: " + line, e);
      }
    }).toList();
  }

  private static List<JsonNode> of(String type, Supplier<String> stdout) {
    return events(stdout).stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }

  private static void await(String what, Supplier<String> stdout, Supplier<String> stderr, java.util.function.BooleanSupplier done) {
    try {
      Awaitility.await(what).atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(done::getAsBoolean);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(what + " timed out\nstdout: " + stdout.get() + "\nstderr: " + stderr.get(), e);
    }
  }

  private static void write(OutputStream stdin, String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** One command, in this JVM, on its own thread (as a process has its main thread). */
  private static final class InProcess {
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final StringWriter stderr = new StringWriter();
    final PipedOutputStream stdin = new PipedOutputStream();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();

    InProcess(List<String> args) throws IOException {
      InputStream keyboard = new PipedInputStream(stdin);
      CommandLine cli = new CommandLine(new ChatCommand(ChatCommand::udpLinks, keyboard,
          new PrintStream(stdout, true, StandardCharsets.UTF_8)));
      cli.setErr(new PrintWriter(stderr, true));
      String[] rest = args.subList(1, args.size()).toArray(String[]::new);
      Thread.ofPlatform().daemon().name("chat-" + args.get(6)).start(() -> exit.complete(cli.execute(rest)));
    }

    String out() {
      return stdout.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void twoCommandsChatBothWaysOverNoiseOnLoopbackUdp() throws Exception {
    InProcess bob = new InProcess(args("bob", "--accept-all"));
    await("bob ready", bob::out, bob.stderr::toString, () -> !of("ready", bob::out).isEmpty());
    InProcess alice = new InProcess(args("alice", "--peer", "bob"));

    write(alice.stdin, "hello bob, encrypted");
    await("bob receives", bob::out, bob.stderr::toString, () -> !of("message", bob::out).isEmpty());
    write(bob.stdin, "hi alice");
    await("alice receives and both have receipts", alice::out, alice.stderr::toString,
        () -> !of("message", alice::out).isEmpty() && !of("delivered", alice::out).isEmpty()
            && !of("delivered", bob::out).isEmpty());

    assertThat(of("message", bob::out).getFirst().path("text").asText()).isEqualTo("hello bob, encrypted");
    assertThat(of("message", alice::out).getFirst().path("text").asText()).isEqualTo("hi alice");
    JsonNode connected = of("connected", alice::out).getFirst();
    assertThat(connected.path("path").asText()).isEqualTo("direct");
    assertThat(connected.path("remote").asText()).startsWith("127.0.0.1:");
    assertThat(of("delivered", alice::out).getFirst().path("id").asText())
        .isEqualTo(of("message", bob::out).getFirst().path("id").asText());
    alice.stdin.close();
    bob.stdin.close();
    assertThat(alice.exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(bob.exit.get(20, TimeUnit.SECONDS)).isZero();
  }

  /** A chat client in a JVM of its own: the classpath of this test, {@code Main} as the entry point. */
  private Process spawn(List<String> args, Path stdout, Path stderr) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
        "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    processes.add(process);
    return process;
  }

  private static Supplier<String> file(Path path) {
    return () -> {
      try {
        return java.nio.file.Files.exists(path) ? java.nio.file.Files.readString(path) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Test
  void twoProcessesHandshakeAndDeliver() throws Exception {
    Supplier<String> bobOut = file(dir.resolve("bob.out"));
    Supplier<String> bobErr = file(dir.resolve("bob.err"));
    Process bob = spawn(args("bob", "--accept-all"), dir.resolve("bob.out"), dir.resolve("bob.err"));
    await("bob ready", bobOut, bobErr, () -> !of("ready", bobOut).isEmpty());

    Supplier<String> aliceOut = file(dir.resolve("alice.out"));
    Supplier<String> aliceErr = file(dir.resolve("alice.err"));
    Process alice = spawn(args("alice", "--peer", "bob", "--linger", "20"), dir.resolve("alice.out"), dir.resolve("alice.err"));
    write(alice.getOutputStream(), "from another process");
    alice.getOutputStream().close();

    assertThat(alice.waitFor(60, TimeUnit.SECONDS)).as("alice exits; stderr: %s", aliceErr.get()).isTrue();
    assertThat(alice.exitValue()).as("alice's exit code; stdout: %s", aliceOut.get()).isZero();
    assertThat(of("connected", aliceOut)).isNotEmpty();
    assertThat(of("delivered", aliceOut)).hasSize(1);
    await("bob receives", bobOut, bobErr, () -> !of("message", bobOut).isEmpty());
    assertThat(of("message", bobOut).getFirst().path("text").asText()).isEqualTo("from another process");
    bob.getOutputStream().close();
    assertThat(bob.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bob.exitValue()).isZero();
  }
}
