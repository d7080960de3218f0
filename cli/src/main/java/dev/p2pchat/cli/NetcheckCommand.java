package dev.p2pchat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.nat.NatProbe;
import dev.p2pchat.traversal.nat.NatReport;
import dev.p2pchat.traversal.net.UdpNetwork;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code p2pchat netcheck}: asks the rendezvous server's STUN service (RFC 5780 behaviour discovery)
 * what this network does to UDP, and says in plain words whether direct connections are likely.
 */
@Command(
    name = "netcheck",
    mixinStandardHelpOptions = true,
    description = "Report your public address, NAT mapping and filtering, hairpinning, and whether direct chats will work.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:probe done (whatever the verdict)", "1:no answer from the STUN server", "2:invalid usage"})
public final class NetcheckCommand implements Callable<Integer> {
  /** RFC 8489 §18.6: the default STUN port. */
  static final int STUN_PORT = 3478;
  private static final long PROBE_TIMEOUT_SECONDS = 30;

  @Spec CommandSpec spec;

  @Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:5000",
      description = "Rendezvous server; its host is probed on the STUN port (default ${DEFAULT-VALUE}).")
  URI server;

  @Option(names = "--stun", paramLabel = "HOST:PORT", description = "STUN server to probe (default: the server's host, port 3478).")
  String stun;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InetSocketAddress target;
    try {
      target = stunAddress();
    } catch (IllegalArgumentException e) {
      err.println("p2pchat netcheck: " + e.getMessage());
      return 2;
    }
    NatReport report;
    try (ThreadTaskLoop loop = new ThreadTaskLoop("netcheck")) {
      report = new NatProbe(new UdpNetwork(), loop, new SecureRandom(), NatProbe.PROBE_TIMING)
          .probe(target).get(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      err.println("p2pchat netcheck: probe failed: " + (e.getCause() != null ? e.getCause() : e));
      return 1;
    }
    out.println(json ? json(target, report) : text(target, report));
    out.flush();
    return report.udpWorks() ? 0 : 1;
  }

  InetSocketAddress stunAddress() {
    if (stun != null) {
      int colon = stun.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--stun must be HOST:PORT, not " + stun);
      }
      try {
        return new InetSocketAddress(stun.substring(0, colon), Integer.parseInt(stun.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--stun must be HOST:PORT, not " + stun);
      }
    }
    if (server.getHost() == null) {
      throw new IllegalArgumentException("--server must be a URL like http://HOST:5000");
    }
    return new InetSocketAddress(server.getHost(), STUN_PORT);
  }

  static String text(InetSocketAddress target, NatReport report) {
    StringBuilder text = new StringBuilder("STUN server:    " + address(target) + "\n");
    text.append("UDP:            ").append(report.udpWorks() ? "works" : "no answer").append('\n');
    text.append("local address:  ").append(address(report.localAddress())).append('\n');
    report.publicAddress().ifPresent(a -> text.append("public address: ").append(address(a))
        .append(report.behindNat() ? " (behind NAT)" : " (no NAT)").append('\n'));
    text.append("mapping:        ").append(word(report.mapping())).append('\n');
    text.append("filtering:      ").append(word(report.filtering())).append('\n');
    text.append("hairpinning:    ").append(report.hairpinning().map(h -> h ? "yes" : "no").orElse("not tested")).append('\n');
    text.append('\n').append(report.verdict());
    return text.toString();
  }

  static String json(InetSocketAddress target, NatReport report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = mapper.createObjectNode().put("type", "netcheck").put("stun", address(target))
        .put("udp", report.udpWorks()).put("local", address(report.localAddress()))
        .put("behind_nat", report.behindNat());
    report.publicAddress().ifPresent(a -> node.put("public", address(a)));
    report.mapping().ifPresent(m -> node.put("mapping", word(Optional.of(m))));
    report.filtering().ifPresent(f -> node.put("filtering", word(Optional.of(f))));
    report.hairpinning().ifPresent(h -> node.put("hairpinning", h));
    return node.put("verdict", report.verdict()).toString();
  }

  private static String word(Optional<? extends Enum<?>> behavior) {
    return behavior.map(b -> b.name().toLowerCase(Locale.ROOT).replace('_', '-')).orElse("not tested");
  }

  private static String address(InetSocketAddress address) {
    return address.getAddress() == null ? address.getHostString() + ":" + address.getPort()
        : address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
