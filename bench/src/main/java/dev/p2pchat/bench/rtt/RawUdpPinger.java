package dev.p2pchat.bench.rtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The baseline: two plain UDP sockets on loopback, a thread that echoes every datagram, blocking
 * reads on both sides. Nothing but the kernel and a thread wake-up per hop.
 */
final class RawUdpPinger implements Pinger {
  private final DatagramChannel client;
  private final DatagramChannel echo;
  private final Thread echoer;
  private final ByteBuffer answer = ByteBuffer.allocateDirect(2048);

  RawUdpPinger() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    echo = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
    client = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
    client.connect(echo.getLocalAddress());
    client.socket().setSoTimeout(5_000);
    echoer = Thread.ofPlatform().daemon().name("raw-echo").start(this::echoLoop);
  }

  private void echoLoop() {
    ByteBuffer buf = ByteBuffer.allocateDirect(2048);
    try {
      while (true) {
        buf.clear();
        var from = echo.receive(buf);
        buf.flip();
        echo.send(buf, from);
      }
    } catch (IOException closed) {
      // close() ends the loop
    }
  }

  @Override
  public void ping(byte[] message) throws IOException {
    client.write(ByteBuffer.wrap(message));
    answer.clear();
    if (client.read(answer) <= 0) {
      throw new SocketTimeoutException("no echo");
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
    echo.close();
    echoer.interrupt();
  }
}
