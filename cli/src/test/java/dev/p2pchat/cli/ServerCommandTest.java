package dev.p2pchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.server.ConfigException;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {
  @TempDir Path dir;

  private static ServerConfig resolve(Map<String, String> env, String... args) throws ConfigException {
    ServerCommand command = new ServerCommand(env);
    new CommandLine(command).parseArgs(args);
    return command.resolveConfig();
  }

  /** Runs the command; returns its exit code and what it printed on stderr. */
  private static Result run(Map<String, String> env, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ServerCommand(env)).setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, err.toString());
  }

  record Result(int exitCode, String stderr) {}

  @Test
  void defaultsWithoutFileEnvOrFlags() throws Exception {
    ServerConfig config = resolve(Map.of());
    assertThat(config).isEqualTo(ServerConfig.defaults());
    assertThat(config.httpPort()).isEqualTo(5000);
    assertThat(config.presenceGrace()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void flagsOverrideEnvironmentWhichOverridesTheFile() throws Exception {
    Path file = dir.resolve("server.json");
    Files.writeString(file, "{\"http_port\": 6001, \"bind\": \"127.0.0.1\", \"presence_grace_ms\": 1000, \"data_dir\": \"from-file\"}");
    Map<String, String> env = Map.of("P2PCHAT_HTTP_PORT", "6002", "P2PCHAT_DATA_DIR", "from-env");

    ServerConfig fileOnly = resolve(Map.of(), "--config", file.toString());
    assertThat(fileOnly.httpPort()).isEqualTo(6001);
    assertThat(fileOnly.bind()).isEqualTo("127.0.0.1");
    assertThat(fileOnly.presenceGrace()).isEqualTo(Duration.ofSeconds(1));

    ServerConfig withEnv = resolve(env, "--config", file.toString());
    assertThat(withEnv.httpPort()).isEqualTo(6002);
    assertThat(withEnv.dataDir()).isEqualTo(Path.of("from-env"));
    assertThat(withEnv.bind()).isEqualTo("127.0.0.1");

    ServerConfig withFlags = resolve(env, "--config", file.toString(), "--http-port", "6003", "--data-dir", "from-flag");
    assertThat(withFlags.httpPort()).isEqualTo(6003);
    assertThat(withFlags.dataDir()).isEqualTo(Path.of("from-flag"));
    assertThat(withFlags.presenceGrace()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theConfigFileMayComeFromTheEnvironment() throws Exception {
    Path file = dir.resolve("server.json");
    Files.writeString(file, "{\"http_port\": 7000}");
    assertThat(resolve(Map.of("P2PCHAT_CONFIG", file.toString())).httpPort()).isEqualTo(7000);
  }

  @Test
  void theExampleConfigIsValid() throws Exception {
    Path example = Path.of("..", "config", "server.json");
    assertThat(resolve(Map.of(), "--config", example.toString())).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void anUnknownKeyIsAClearErrorAndExit2() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"http_port\": 5000, \"htp_port\": 1}");
    assertThatThrownBy(() -> resolve(Map.of(), "--config", file.toString()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("htp_port"))
        .hasMessageContaining("\"htp_port\" is unknown").hasMessageContaining("http_port");
    Result result = run(Map.of(), "--config", file.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("htp_port");
  }

  @Test
  void aWrongTypeNamesTheKeyAndWhatItShouldBe() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"http_port\": \"5000\"}");
    assertThatThrownBy(() -> resolve(Map.of(), "--config", file.toString()))
        .hasMessageContaining("\"http_port\"").hasMessageContaining("integer from 0 to 65535");
    Files.writeString(file, "{\"http_port\": 70000}");
    assertThatThrownBy(() -> resolve(Map.of(), "--config", file.toString())).hasMessageContaining("http_port");
    Files.writeString(file, "{\"advertise_stun\": \"198.18.0.10:3478\"}");
    assertThatThrownBy(() -> resolve(Map.of(), "--config", file.toString())).hasMessageContaining("advertise_stun");
  }

  @Test
  void badJsonOrAMissingFileIsAClearError() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"http_port\": 5000,");
    assertThatThrownBy(() -> resolve(Map.of(), "--config", file.toString())).hasMessageContaining("not valid JSON");
    Files.writeString(file, "[1]");
    assertThatThrownBy(() -> resolve(Map.of(), "--config", file.toString())).hasMessageContaining("one JSON object");
    Result missing = run(Map.of(), "--config", dir.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).contains("cannot read config file");
  }

  @Test
  void badEnvironmentAndFlagValuesNameTheirSource() {
    assertThatThrownBy(() -> resolve(Map.of("P2PCHAT_HTTP_PORT", "http")))
        .hasMessageContaining("P2PCHAT_HTTP_PORT").hasMessageContaining("http_port");
    assertThatThrownBy(() -> resolve(Map.of(), "--presence-grace-ms", "-1"))
        .hasMessageContaining("--presence-grace-ms");
    Result result = run(Map.of(), "--http-port", "99999");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--http-port");
  }

  @Test
  void aTakenPortIsExit1WithAClearMessage() throws Exception {
    try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Result result = run(Map.of(), "--bind", "127.0.0.1", "--http-port", String.valueOf(taken.getLocalPort()),
          "--data-dir", dir.resolve("data").toString());
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr()).contains("cannot start").contains(String.valueOf(taken.getLocalPort()));
    }
  }

  @Test
  void serverIsRegisteredInMain() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("server");
  }

  @Test
  void runsTheServerUntilStopped() throws Exception {
    CompletableFuture<RendezvousServer> started = new CompletableFuture<>();
    ServerCommand command = new ServerCommand(Map.of()).onStarted(started::complete);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(command)
        .execute("--bind", "127.0.0.1", "--http-port", "0", "--stun-port", "0", "--data-dir", dir.resolve("data").toString()));
    RendezvousServer server = started.get(30, TimeUnit.SECONDS);
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> health = http.send(
          HttpRequest.newBuilder(URI.create(server.httpUri() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"");
    }
    command.stop();
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(dir.resolve("data").resolve("registry.db")).exists();
  }
}
