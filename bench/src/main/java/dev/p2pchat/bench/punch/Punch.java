package dev.p2pchat.bench.punch;

import dev.p2pchat.bench.Args;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The bare hole punch that {@code bench/time-to-first-message} compares p2pchat against: the least
 * any peer-to-peer chat has to do. Three tiny roles on UDP, text datagrams:
 *
 * <ul>
 *   <li>{@code --mode rendezvous --bind HOST:PORT}: remembers {@code HELLO name} senders; on
 *       {@code CONNECT from to} tells each side the other's address ({@code PEER host:port}).
 *   <li>{@code --mode wait --rendezvous HOST:PORT --name bob}: registers, prints {@code ready},
 *       answers {@code PEER} with a {@code PUNCH} datagram (opening its NAT, were there one) and
 *       prints {@code message TEXT} for every {@code MSG TEXT}.
 *   <li>{@code --mode send --rendezvous HOST:PORT --name alice --to bob --text T}: asks for bob,
 *       sends {@code MSG T} to the address it is given, and exits.
 * </ul>
 *
 * No retransmission, no crypto, no identity: a lost datagram is a failed run (on loopback, none is lost).
 */
public final class Punch {
  private Punch() {}

  public static void main(String[] argv) throws IOException {
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
          InetSocketAddress to = peers.get(words[2]);
          socket.send(bytes("PEER " + address(to)), from);
          socket.send(bytes("PEER " + address(from)), to);
        }
      }
    }
  }

  private static void await(InetSocketAddress server, String name) throws IOException {
    try (DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress(server.getAddress(), 0))) {
      socket.send(bytes("HELLO " + name), server);
      ByteBuffer buf = ByteBuffer.allocate(512);
      socket.receive(buf);
      System.out.println("ready");
      while (true) {
        buf.clear();
        socket.receive(buf);
        String message = text(buf);
        if (message.startsWith("PEER ")) {
          socket.send(bytes("PUNCH"), parse(message.substring(5)));
        } else if (message.startsWith("MSG ")) {
          System.out.println("message " + message.substring(4));
          System.out.flush();
        }
      }
    }
  }

  private static void send(InetSocketAddress server, String name, String to, String text) throws IOException {
    try (DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress(server.getAddress(), 0))) {
      socket.send(bytes("CONNECT " + name + " " + to), server);
      ByteBuffer buf = ByteBuffer.allocate(512);
      socket.receive(buf); // blocks; the script gives up on a run that takes too long
      InetSocketAddress peer = parse(text(buf).substring(5));
      socket.send(bytes("PUNCH"), peer);
      socket.send(bytes("MSG " + text), peer);
    }
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
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
