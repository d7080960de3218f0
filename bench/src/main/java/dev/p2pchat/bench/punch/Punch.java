package dev.p2pchat.bench.punch;

import dev.p2pchat.bench.Args;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.UdpNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bare hole punch that {@code bench/time-to-first-message} compares p2pchat against: the least
 * any peer-to-peer chat has to do. Three tiny roles on UDP, text datagrams:
 *
 * <ul>
 *   <li>{@code --mode rendezvous --bind HOST:PORT}: remembers {@code HELLO name} senders; on
 *       {@code CONNECT from to} tells the waiting side the caller's address ({@code PEER from host:port});
 *       on its {@code PRIMED from to}, tells the caller the waiting side's ({@code PEER to host:port}).
 *   <li>{@code --mode wait --rendezvous HOST:PORT --name bob}: registers (again every 10 s, which keeps
 *       its NAT's mapping toward the rendezvous), prints {@code ready},
 *       answers {@code PEER} with a TTL-2 {@code PRIME} datagram toward the caller (it opens bob's own
 *       NAT and dies before the caller's) and {@code PRIMED}, and prints {@code message TEXT} for every
 *       {@code MSG TEXT}.
 *   <li>{@code --mode send --rendezvous HOST:PORT --name alice --to bob --text T}: asks for bob,
 *       sends {@code MSG T} to the address it is given, and exits.
 * </ul>
 *
 * The prime comes first because on a lab of zero latency a datagram that reaches a NAT before its host
 * sent anything leaves a conntrack entry that moves the host's later mapping to another port
 * (docs/lab.md, "The conntrack trap"). No retransmission, no crypto, no identity: a lost datagram is a
 * failed run. Bob's TTL needs the JVM options of the {@code ./p2pchat} launcher ({@link UdpNetwork}).
 */
public final class Punch {
  private static final int PRIME_TTL = 2;
  private static final long KEEPALIVE_MILLIS = 10_000;

  private Punch() {}

  public static void main(String[] argv) throws IOException, InterruptedException {
    try {
      Args args = Args.parse(argv);
      String mode = args.required("mode");
      switch (mode) {
        case "rendezvous" -> { InetSocketAddress bind = args.address("bind"); args.checkAllUsed(); rendezvous(bind); }
        case "wait" -> { InetSocketAddress server = args.address("rendezvous"); String name = args.required("name");
          args.checkAllUsed(); await(server, name); }
        case "send" -> { InetSocketAddress server = args.address("rendezvous"); String name = args.required("name");
          String to = args.required("to"); String text = args.required("text"); args.checkAllUsed(); send(server, name, to, text); }
        default -> throw new Args.UsageException("--mode is rendezvous, wait or send, not '" + mode + "'");
      }
    } catch (Args.UsageException e) {
      System.err.println("punch: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void rendezvous(InetSocketAddress bind) throws IOException {
    Map<String, InetSocketAddress> peers = new HashMap<>();
    try (DatagramChannel socket = DatagramChannel.open().bind(bind)) {
      ByteBuffer buf = ByteBuffer.allocate(512);
      while (true) {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) socket.receive(buf);
        String[] words = text(buf).split(" ");
        if (words[0].equals("HELLO") && words.length == 2) {
          peers.put(words[1], from);
          socket.send(bytes("OK"), from);
        } else if (words[0].equals("CONNECT") && words.length == 3 && peers.containsKey(words[2])) {
          peers.put(words[1], from);
          socket.send(bytes("PEER " + words[1] + " " + address(from)), peers.get(words[2]));
        } else if (words[0].equals("PRIMED") && words.length == 3 && peers.containsKey(words[1])) {
          socket.send(bytes("PEER " + words[2] + " " + address(from)), peers.get(words[1]));
        }
      }
    }
  }

  private static void await(InetSocketAddress server, String name) throws IOException, InterruptedException {
    try (DatagramEndpoint socket = new UdpNetwork().bind(new InetSocketAddress(0))) {
      if (!socket.supportsTtl()) {
        System.err.println("punch: no low-TTL send here (JVM options?): behind a NAT the punch may fail");
      }
      AtomicBoolean registered = new AtomicBoolean();
      socket.receive(datagram -> {
        String message = new String(datagram.data(), StandardCharsets.UTF_8);
        if (message.equals("OK") && !registered.getAndSet(true)) {
          System.out.println("ready");
        } else if (message.startsWith("PEER ")) {
          String[] words = message.split(" "); // PEER caller host:port
          socket.send(parse(words[2]), utf8("PRIME"), PRIME_TTL);
          socket.send(server, utf8("PRIMED " + words[1] + " " + name));
        } else if (message.startsWith("MSG ")) {
          System.out.println("message " + message.substring(4));
        }
        System.out.flush();
      });
      while (true) { // until killed; a NAT forgets a mapping unused for 30 s
        socket.send(server, utf8("HELLO " + name));
        Thread.sleep(KEEPALIVE_MILLIS);
      }
    }
  }

  private static void send(InetSocketAddress server, String name, String to, String text) throws IOException {
    try (DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress(0))) {
      socket.send(bytes("CONNECT " + name + " " + to), server);
      ByteBuffer buf = ByteBuffer.allocate(512);
      String answer;
      do { // blocks; the script gives up on a run that takes too long
        buf.clear();
        socket.receive(buf);
        answer = text(buf);
      } while (!answer.startsWith("PEER ")); // on loopback bob's PRIME reaches us too
      socket.send(bytes("MSG " + text), parse(answer.split(" ")[2]));
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(utf8(text));
  }

  private static String text(ByteBuffer buf) {
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  private static String address(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  private static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
