package dev.p2pchat.bench.signal;

import dev.p2pchat.bench.Args;
import dev.p2pchat.protocol.identity.SigningKeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connects many authenticated WebSocket clients to the signalling server and holds them, so that
 * {@code bench/signalling} can read the server's memory with all of them online.
 *
 * <pre>
 * java -cp p2pchat-bench.jar dev.p2pchat.bench.signal.WsLoad --server 127.0.0.1:5000 --clients 10000
 *     [--prefix w] [--concurrency 200] [--timeout 120s]
 * </pre>
 *
 * Each client logs in as its own user ({@code PREFIX0}, {@code PREFIX1}, ...; registered by the
 * {@code hello} on first use) with one signing key shared by all, which the API allows and which
 * keeps key generation out of the run. Prints {@code ready clients=N failed=F login_per_s=R}, then
 * holds every socket open until standard input ends, closes them and prints {@code closed}.
 */
public final class WsLoad {
  private WsLoad() {}

  public static void main(String[] argv) throws Exception {
    Args args;
    try {
      args = Args.parse(argv);
    } catch (Args.UsageException e) {
      System.err.println("ws-load: " + e.getMessage());
      System.exit(2);
      return;
    }
    InetSocketAddress server = args.address("server");
    int clients = (int) args.number("clients", 10_000);
    String prefix = args.string("prefix", "w");
    int concurrency = (int) args.number("concurrency", 200);
    Duration timeout = args.duration("timeout", Duration.ofSeconds(120));
    args.checkAllUsed();
    run(server, clients, prefix, concurrency, timeout);
  }

  private static void run(InetSocketAddress server, int clients, String prefix, int concurrency, Duration timeout)
      throws InterruptedException, IOException {
    SigningKeyPair keys = SigningKeyPair.generate(new SecureRandom());
    HttpClient http = HttpClient.newHttpClient();
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<LoggedIn>> logins = new ArrayList<>(clients);
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      inFlight.acquire();
      CompletableFuture<LoggedIn> login = LoggedIn.connect(http, server, prefix + i, keys);
      login.whenComplete((ok, error) -> {
        inFlight.release();
        if (error != null && failed.getAndIncrement() == 0) {
          System.err.println("ws-load: a login failed: " + error);
        }
      });
      logins.add(login);
    }
    List<LoggedIn> open = collect(logins, timeout);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "ready clients=%d failed=%d login_per_s=%.0f%n", open.size(), clients - open.size(),
        open.size() / seconds);
    System.out.flush();
    drain(System.in);
    for (LoggedIn client : open) {
      client.close();
    }
    System.out.println("closed");
  }

  private static List<LoggedIn> collect(List<CompletableFuture<LoggedIn>> logins, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<LoggedIn> open = new ArrayList<>();
    for (CompletableFuture<LoggedIn> login : logins) {
      try {
        open.add(login.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException | TimeoutException e) {
        // counted as failed: the summary says how many
      }
    }
    return open;
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[256];
    while (in.read(buf) >= 0) {
      // holding the sockets until the script closes our standard input
    }
  }
}
