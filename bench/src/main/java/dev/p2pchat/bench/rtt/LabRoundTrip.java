package dev.p2pchat.bench.rtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.bench.Args;
import dev.p2pchat.protocol.noise.HandshakeResponse;
import dev.p2pchat.protocol.noise.IkHandshake;
import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.protocol.noise.NoisePublicKey;
import dev.p2pchat.protocol.noise.NoiseWire;
import dev.p2pchat.protocol.noise.RekeyPolicy;
import dev.p2pchat.protocol.noise.SecureChannel;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Candidate;
import dev.p2pchat.traversal.CandidateType;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.UdpNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The message round trip between two processes, for the NAT lab (bench/round-trip): one pings, one
 * echoes, each behind its own NAT, and they exchange their offer and answer as JSON files in a shared
 * directory (both namespaces see the same file system) instead of through signalling.
 *
 * <pre>
 * java ... LabRoundTrip --role echo --exchange DIR --stun 198.18.0.10:3478
 * java ... LabRoundTrip --role ping --exchange DIR --stun 198.18.0.10:3478 [--pings 5000] [--block 250] [--warmup 2000]
 * </pre>
 *
 * The pinger is the offerer: it gathers and writes {@code offer.json}; the echo peer gathers, connects
 * (which primes its NAT toward the offer's candidates), primes a raw UDP socket toward the pinger's with
 * TTL 2 and writes {@code answer.json} with its static Noise key. The pinger then connects, runs the IK
 * handshake over the path and measures as {@link RoundTrip} does: p2pchat's path and Noise transport
 * against a plain UDP socket connected to the echo peer's raw socket, same two hosts, same NATs. A raw
 * socket's public address is its host's server-reflexive address with its own port: the lab's
 * port-restricted NATs keep ports. The echo peer runs until it is killed.
 */
public final class LabRoundTrip {
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one side writes for the other: its candidates, static key (the echo peer's) and raw socket. */
  record Offer(PeerDescription description, String key, String raw) {}

  private LabRoundTrip() {}

  public static void main(String[] argv) throws Exception {
    try {
      Args args = Args.parse(argv);
      String role = args.required("role");
      java.nio.file.Path exchange = java.nio.file.Path.of(args.required("exchange"));
      InetSocketAddress stun = args.address("stun");
      switch (role) {
        case "echo" -> { args.checkAllUsed(); echo(exchange, stun); }
        case "ping" -> {
          int pings = (int) args.number("pings", 5_000);
          int block = (int) args.number("block", 250);
          int warmup = (int) args.number("warmup", 2_000);
          args.checkAllUsed();
          ping(exchange, stun, pings, block, warmup);
        }
        default -> throw new Args.UsageException("--role is echo or ping, not '" + role + "'");
      }
    } catch (Args.UsageException e) {
      System.err.println("round-trip: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void echo(java.nio.file.Path exchange, InetSocketAddress stun) throws Exception {
    SecureRandom random = new SecureRandom();
    NoiseKeyPair keys = NoiseKeyPair.generate(random);
    ThreadTaskLoop loop = new ThreadTaskLoop("rtt-echo");
    TraversalAgent agent = TraversalAgent.open(new UdpNetwork(), loop, config(stun), random);
    Offer offer = await(exchange.resolve("offer.json"));
    PeerDescription local = agent.gather().get(STEP.toSeconds(), TimeUnit.SECONDS);
    var path = agent.connect(local, offer.description(), Role.CONTROLLED);
    path.thenAccept(p -> p.setListener(new EchoListener(keys)));
    DatagramEndpoint raw = new UdpNetwork().bind(new InetSocketAddress(0));
    raw.receive(datagram -> raw.send(datagram.source(), datagram.data()));
    raw.send(parse(offer.raw()), "PRIME".getBytes(StandardCharsets.UTF_8), 2);
    String key = Base64.getEncoder().encodeToString(keys.publicKey().raw());
    write(exchange.resolve("answer.json"), new Offer(local, key, publicRaw(local, raw.localAddress().getPort())));
    Path selected = path.get(STEP.toSeconds(), TimeUnit.SECONDS);
    System.out.println("echoing on a " + selected.kind() + " path to " + selected.remoteAddress());
    Thread.currentThread().join(); // until killed
  }

  private static void ping(java.nio.file.Path exchange, InetSocketAddress stun, int pings, int block, int warmup)
      throws Exception {
    SecureRandom random = new SecureRandom();
    ThreadTaskLoop loop = new ThreadTaskLoop("rtt-ping");
    TraversalAgent agent = TraversalAgent.open(new UdpNetwork(), loop, config(stun), random);
    PeerDescription local = agent.gather().get(STEP.toSeconds(), TimeUnit.SECONDS);
    DatagramChannel raw = DatagramChannel.open().bind(new InetSocketAddress(0));
    write(exchange.resolve("offer.json"), new Offer(local, null, publicRaw(local, raw.socket().getLocalPort())));
    Offer answer = await(exchange.resolve("answer.json"));
    Path path = agent.connect(local, answer.description(), Role.CONTROLLING).get(STEP.toSeconds(), TimeUnit.SECONDS);
    System.out.println("pinging on a " + path.kind() + " path to " + path.remoteAddress());
    raw.connect(parse(answer.raw()));
    SecureChannel channel = handshake(path, NoisePublicKey.ofRaw(Base64.getDecoder().decode(answer.key())), random);
    try (Pinger session = new SessionPinger(path, channel, () -> { agent.close(); loop.close(); });
         Pinger bare = new RawUdpPinger(raw, () -> {})) {
      RoundTrip.compare(session, bare, pings, block, warmup);
    }
  }

  /** IK over the path, the initiation repeated until answered (the echo peer may not have its path yet). */
  private static SecureChannel handshake(Path path, NoisePublicKey peer, SecureRandom random) throws Exception {
    Clock clock = Clock.systemUTC();
    BlockingQueue<byte[]> responses = new LinkedBlockingQueue<>();
    path.setListener((p, packet) -> {
      if (packet.length > 0 && packet[0] == NoiseWire.TYPE_RESPONSE) {
        responses.add(packet);
      }
    });
    var now = clock.instant();
    IkHandshake.Pending pending = IkHandshake.initiate(NoiseKeyPair.generate(random), peer, NoiseKeyPair.generate(random),
        1, now.toEpochMilli(), new byte[0], now);
    byte[] init = pending.message().encode();
    long deadline = System.nanoTime() + STEP.toNanos();
    byte[] response = null;
    while (response == null && System.nanoTime() < deadline) {
      path.send(init);
      response = responses.poll(200, TimeUnit.MILLISECONDS);
    }
    if (response == null) {
      throw new IOException("no handshake response over the path in " + STEP.toSeconds() + " s");
    }
    return IkHandshake.complete(pending, (HandshakeResponse) NoiseWire.decode(response), clock.instant(),
        RekeyPolicy.STANDARD).channel();
  }

  private static AgentConfig config(InetSocketAddress stun) {
    return AgentConfig.defaults().withStunServers(List.of(stun));
  }

  /** host:port of a raw socket on {@code port} as the peer must address it: behind the NAT, its mapping. */
  private static String publicRaw(PeerDescription local, int port) {
    String ip = local.candidates().stream().filter(c -> c.type() == CandidateType.SRFLX).map(Candidate::ip).findFirst()
        .orElse(local.candidates().getFirst().ip());
    return ip + ":" + port;
  }

  private static void write(java.nio.file.Path file, Offer offer) throws IOException {
    java.nio.file.Path partial = file.resolveSibling(file.getFileName() + ".partial");
    JSON.writeValue(partial.toFile(), offer);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Offer await(java.nio.file.Path file) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STEP.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("no " + file.getFileName() + " after " + STEP.toSeconds() + " s");
      }
      Thread.sleep(5);
    }
    return JSON.readValue(file.toFile(), Offer.class);
  }

  private static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
