package dev.p2pchat.bench.rtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The baseline: a plain UDP socket, connected to an echoing one, blocking reads. On loopback
 * ({@link #onLoopback()}) the echo is a thread of this process; in the lab it is {@link LabRoundTrip}'s
 * echo peer behind its NAT. Nothing but the kernel and a thread wake-up per hop.
 */
final class RawUdpPinger implements Pinger {
  private final DatagramChannel client;
  private final Runnable closer;
  private final ByteBuffer answer = ByteBuffer.allocateDirect(2048);

  RawUdpPinger(DatagramChannel connected, Runnable closer) throws IOException {
    this.client = connected;
    this.closer = closer;
    client.socket().setSoTimeout(5_000);
  }

  static RawUdpPinger onLoopback() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    DatagramChannel echo = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
    DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
    client.connect(echo.getLocalAddress());
    Thread echoer = Thread.ofPlatform().daemon().name("raw-echo").start(() -> echoLoop(echo));
    return new RawUdpPinger(client, () -> {
      try {
        echo.close();
      } catch (IOException e) {
        System.err.println("round-trip: closing the echo socket: " + e);
      }
      echoer.interrupt();
    });
  }

  private static void echoLoop(DatagramChannel echo) {
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
    closer.run();
  }
}
