package dev.p2pchat.traversal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link DatagramEndpoint} on a blocking {@link DatagramChannel}, read by one platform (daemon) thread.
 *
 * <p>Sends hold {@link #sendLock}, so that a low-TTL send (set TTL, send, restore) never lends its TTL to
 * another thread's datagram.
 */
final class UdpEndpoint implements DatagramEndpoint {
    private static final System.Logger LOG = System.getLogger(UdpEndpoint.class.getName());
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel channel;
    private final StandardProtocolFamily family;
    private final InetSocketAddress local;
    private final Optional<NativeTtl> ttl;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile DatagramHandler handler;
    private volatile boolean closed;

    UdpEndpoint(DatagramChannel channel, StandardProtocolFamily family) throws IOException {
        this.channel = channel;
        this.family = family;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.ttl = NativeTtl.load();
        // A platform thread blocks in the kernel's recv; a virtual one parks, and the JDK's poller plus
        // the ForkJoinPool wake it per datagram (two hand-offs per packet). A client has a handful of sockets.
        Thread.ofPlatform().daemon().name("udp-" + local.getPort()).start(this::receiveLoop);
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void send(InetSocketAddress destination, byte[] data) {
        sendLock.lock();
        try {
            channel.send(ByteBuffer.wrap(data), destination);
        } catch (IOException e) {
            countSendError(destination, e);
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public void send(InetSocketAddress destination, byte[] data, int ttlValue) {
        if (ttlValue < 1 || ttlValue > 255) {
            throw new IllegalArgumentException("TTL must be 1..255: " + ttlValue);
        }
        if (ttl.isEmpty() || ttlValue == DEFAULT_TTL) {
            send(destination, data);
            return;
        }
        sendLock.lock();
        try {
            int fd = ttl.get().fd(channel);
            int previous = ttl.get().get(fd, family);
            ttl.get().set(fd, family, ttlValue);
            try {
                channel.send(ByteBuffer.wrap(data), destination);
            } finally {
                ttl.get().set(fd, family, previous);
            }
        } catch (IOException | IllegalStateException e) {
            countSendError(destination, e);
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public boolean supportsTtl() {
        return ttl.isPresent();
    }

    /** The socket's current unicast TTL, read back from the kernel (for tests). */
    int currentTtl() {
        NativeTtl n = ttl.orElseThrow(() -> new IllegalStateException("TTL not supported here"));
        return n.get(n.fd(channel), family);
    }

    long sendErrors() {
        return sendErrors.get();
    }

    @Override
    public void receive(DatagramHandler h) {
        this.handler = h;
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (!closed) {
            try {
                buffer.clear();
                InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
                DatagramHandler h = handler;
                if (source != null && h != null) {
                    h.onDatagram(new Datagram(source, Arrays.copyOf(buffer.array(), buffer.position())));
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // e.g. ICMP port unreachable surfacing as PortUnreachableException on Linux: keep reading.
                LOG.log(System.Logger.Level.DEBUG, "receive on " + local + ": " + e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "datagram handler failed on " + local, e);
            }
        }
    }

    private void countSendError(InetSocketAddress destination, Exception e) {
        if (!closed) {
            sendErrors.incrementAndGet();
            LOG.log(System.Logger.Level.DEBUG, "send to " + destination + " failed: " + e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "close " + local + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "UdpEndpoint" + local;
    }
}
