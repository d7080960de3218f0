package dev.p2pchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.client.link.LoopbackLinks;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code p2pchat chat --json} end to end: real server, two command instances, in-memory links. */
class ChatCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  RendezvousServer server;
  final LoopbackLinks.Switchboard board = new LoopbackLinks.Switchboard();

  @BeforeEach
  void startServer() throws IOException {
    server = RendezvousServer.builder(ServerConfig.defaults().toBuilder()
        .bind("127.0.0.1").httpPort(0).stunPort(0).dataDir(dir.resolve("server")).presenceGrace(Duration.ofMillis(100)).build())
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
    board.close();
  }

  /** One {@code p2pchat chat} process, run on a thread with the given stdin. */
  final class Run {
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final StringWriter stderr = new StringWriter();
    final CompletableFuture<Integer> exit;

    Run(InputStream stdin, String... args) {
      ChatCommand command = new ChatCommand((identity, port) -> new LoopbackLinks(board, identity), stdin,
          new PrintStream(stdout, true, StandardCharsets.UTF_8));
      CommandLine cli = new CommandLine(command);
      cli.setErr(new PrintWriter(stderr, true));
      // Its own thread, as a process has its main thread: a pool thread blocked on stdin would starve the
      // common pool, which the JDK's WebSocket uses for its handshake on a small machine.
      exit = new CompletableFuture<>();
      Thread.ofPlatform().daemon().name("p2pchat-chat").start(() -> exit.complete(cli.execute(args)));
    }

    List<JsonNode> events() {
      return stdout.toString(StandardCharsets.UTF_8).lines().map(line -> {
        try {
          return JSON.readTree(line);
        } catch (IOException e) {
          throw new UncheckedIOException("stdout line is not JSON: " + line, e);
        }
      }).toList();
    }

    JsonNode await(String type) {
      Awaitility.await("event " + type + "; stderr: " + stderr + "; exit: " + exit).atMost(15, TimeUnit.SECONDS).until(() -> events().stream().anyMatch(e -> e.path("type").asText().equals(type)));
      return events().stream().filter(e -> e.path("type").asText().equals(type)).findFirst().orElseThrow();
    }
  }

  private String[] args(String user, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of("--json", "--server", server.httpUri().toString(),
        "--user", user, "--data-dir", dir.resolve(user).toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void aliceSendsTwoLinesBobReceivesThemAndAliceExitsZeroOnceDelivered() throws Exception {
    PipedOutputStream bobKeyboard = new PipedOutputStream();
    Run bob = new Run(new PipedInputStream(bobKeyboard), args("bob", "--accept-all"));
    assertThat(bob.await("ready").path("user").asText()).isEqualTo("bob");

    Run alice = new Run(new ByteArrayInputStream("hello bob\nsecond line\n".getBytes(StandardCharsets.UTF_8)),
        args("alice", "--peer", "bob"));

    assertThat(alice.exit.get(20, TimeUnit.SECONDS)).isZero();
    List<JsonNode> aliceEvents = alice.events();
    assertThat(aliceEvents).filteredOn(e -> e.path("type").asText().equals("delivered")).hasSize(2)
        .allSatisfy(e -> assertThat(e.path("to").asText()).isEqualTo("bob"));
    JsonNode connected = alice.await("connected");
    assertThat(connected.path("peer").asText()).isEqualTo("bob");
    assertThat(connected.path("path").asText()).isEqualTo("direct");
    assertThat(connected.path("verified").asBoolean()).isFalse();
    assertThat(connected.has("setup_ms")).isTrue();

    Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() ->
        bob.events().stream().filter(e -> e.path("type").asText().equals("message")).count() == 2);
    assertThat(bob.events()).filteredOn(e -> e.path("type").asText().equals("message"))
        .extracting(e -> e.path("text").asText()).containsExactly("hello bob", "second line");
    assertThat(bob.await("incoming").path("peer").asText()).isEqualTo("alice");

    bobKeyboard.close();
    assertThat(bob.exit.get(20, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void undeliveredMessagesGiveExitCodeThreeAfterTheLinger() throws Exception {
    PipedOutputStream keyboard = new PipedOutputStream();
    Run carolOnce = new Run(new PipedInputStream(keyboard), args("carol")); // registers carol, then leaves
    carolOnce.await("ready");
    keyboard.close();
    carolOnce.exit.get(20, TimeUnit.SECONDS);

    Run alice = new Run(new ByteArrayInputStream("anyone?\n".getBytes(StandardCharsets.UTF_8)),
        args("alice", "--peer", "carol", "--linger", "1"));

    assertThat(alice.exit.get(20, TimeUnit.SECONDS)).isEqualTo(JsonChat.EXIT_UNDELIVERED);
    assertThat(alice.events()).anySatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("sent"));
    assertThat(alice.events()).noneSatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("delivered"));
  }

  @Test
  void aRefusalByTheServerEndsTheRunAtOnceWithItsExitCode() throws Exception {
    PipedOutputStream erinKeyboard = new PipedOutputStream();
    Run erin = new Run(new PipedInputStream(erinKeyboard), args("erin")); // registers erin with her keys
    erin.await("ready");
    erinKeyboard.close();
    assertThat(erin.exit.get(20, TimeUnit.SECONDS)).isZero();

    PipedOutputStream keyboard = new PipedOutputStream(); // stays open: the refusal alone must end the run
    PipedInputStream stdin = new PipedInputStream(keyboard);
    keyboard.write("not to be sent\n".getBytes(StandardCharsets.UTF_8)); // typed before the server answered
    Run impostor = new Run(stdin, "--json", "--server", server.httpUri().toString(),
        "--user", "erin", "--data-dir", dir.resolve("other-keys").toString(), "--peer", "bob");

    assertThat(impostor.exit.get(20, TimeUnit.SECONDS)).isEqualTo(JsonChat.EXIT_REFUSED);
    assertThat(impostor.await("error").path("message").asText()).contains("refused", "belongs to other keys");
    assertThat(impostor.events()).noneSatisfy(e -> assertThat(e.path("type").asText()).isIn("sent", "ready"));
  }

  @Test
  void jsonModeNeedsAUser() throws Exception {
    Run run = new Run(InputStream.nullInputStream(), "--json", "--server", server.httpUri().toString());

    assertThat(run.exit.get(10, TimeUnit.SECONDS)).isEqualTo(ChatCommand.EXIT_USAGE);
    assertThat(run.stderr.toString()).contains("--json needs --user");
  }

  @Test
  void anInsecureKeyFileStopsTheClientWithAClearMessage() throws Exception {
    Path data = dir.resolve("dave");
    dev.p2pchat.client.identity.IdentityFile.loadOrCreate(data, dev.p2pchat.protocol.identity.Username.of("dave"),
        new java.security.SecureRandom());
    java.nio.file.Files.setPosixFilePermissions(data.resolve("identity.key"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

    Run run = new Run(InputStream.nullInputStream(), args("dave"));

    assertThat(run.exit.get(10, TimeUnit.SECONDS)).isEqualTo(ChatCommand.EXIT_START_FAILED);
    assertThat(run.stderr.toString()).contains("accessible by other users", "chmod 600");
  }

  @Test
  void roomsAreDrivenFromStdinAndTheirEventsCarryTheRoom() throws Exception {
    PipedOutputStream aliceKeyboard = new PipedOutputStream();
    PipedOutputStream bobKeyboard = new PipedOutputStream();
    Run alice = new Run(new PipedInputStream(aliceKeyboard), args("alice", "--linger", "1"));
    Run bob = new Run(new PipedInputStream(bobKeyboard), args("bob", "--accept-all", "--linger", "1"));
    bob.await("ready");
    alice.await("ready");

    type(aliceKeyboard, "/room create team");
    JsonNode created = alice.await("room-created");
    String room = created.path("room").asText();
    assertThat(created.path("name").asText()).isEqualTo("team");
    type(aliceKeyboard, "/invite bob");
    JsonNode invited = bob.await("invited");
    assertThat(invited.path("room").asText()).isEqualTo(room);
    assertThat(invited.path("from").asText()).isEqualTo("alice");
    type(bobKeyboard, "/join " + room);
    assertThat(bob.await("joined").path("room").asText()).isEqualTo(room);
    Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> alice.events().stream().anyMatch(e ->
        e.path("type").asText().equals("member-added") && e.path("member").asText().equals("bob")));

    type(aliceKeyboard, "hello room");
    type(bobKeyboard, "hi alice");
    for (Run run : List.of(alice, bob)) {
      Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
          run.events().stream().filter(e -> e.path("type").asText().equals("message")).count() == 2);
      assertThat(run.events()).filteredOn(e -> e.path("type").asText().equals("message"))
          .allSatisfy(e -> assertThat(e.path("room").asText()).isEqualTo(room))
          .extracting(e -> e.path("from").asText() + ": " + e.path("text").asText())
          .containsExactlyInAnyOrder("alice: hello room", "bob: hi alice");
    }
    type(aliceKeyboard, "/members");
    assertThat(alice.await("members").path("members")).extracting(JsonNode::asText).containsExactly("alice", "bob");

    aliceKeyboard.close();
    bobKeyboard.close();
    assertThat(alice.exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(bob.exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(bob.events()).noneMatch(e -> e.path("type").asText().equals("error"));
  }

  private static void type(PipedOutputStream keyboard, String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }
}
