package dev.p2pchat.bench.stun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's UDP sockets, each connected to the server (so the kernel filters other senders and
 * {@code write} skips the address lookup), non-blocking, and registered with one selector. Many
 * sockets rather than one: a server sees many clients, and a server that spreads work by source
 * address (SO_REUSEPORT hashing) gets the chance to.
 */
final class LoadSockets implements AutoCloseable {
  /** Room for the answers of a scheduling hiccup of the generator, so it does not drop them itself. */
  private static final int RECEIVE_BUFFER = 1 << 20;

  private final List<DatagramChannel> channels = new ArrayList<>();
  private final List<InetSocketAddress> locals = new ArrayList<>();
  private final Selector selector;

  LoadSockets(InetSocketAddress server, int count) throws IOException {
    selector = Selector.open();
    try {
      for (int i = 0; i < count; i++) {
        DatagramChannel channel = DatagramChannel.open();
        channels.add(channel);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        channel.bind(new InetSocketAddress(server.getAddress(), 0));
        channel.connect(server);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, i);
        locals.add((InetSocketAddress) channel.getLocalAddress());
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  int size() {
    return channels.size();
  }

  DatagramChannel get(int index) {
    return channels.get(index);
  }

  /** The address the server sees for socket {@code index}: what its XOR-MAPPED-ADDRESS must say. */
  InetSocketAddress local(int index) {
    return locals.get(index);
  }

  Selector selector() {
    return selector;
  }

  @Override
  public void close() throws IOException {
    for (DatagramChannel channel : channels) {
      channel.close();
    }
    selector.close();
  }
}
