package dev.p2pchat.lab.tools;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;

/**
 * A UDP socket made directly with the C library through the FFM API, because the JDK cannot set the
 * unicast IP TTL per socket (only the multicast one): the lab needs TTL-limited priming packets.
 * Linux IPv4 only; the constants are Linux's (x86-64 and arm64 share them). Test tooling, not the
 * product's socket (that one lives in the traversal module).
 */
final class NativeUdpSocket implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int SOCKADDR_IN_SIZE = 16;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = libc("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = libc("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT =
            libc("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME =
            libc("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO =
            libc("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVFROM =
            libc("recvfrom", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    /** A datagram received, with the address it came from. */
    record Datagram(InetSocketAddress from, byte[] data) {}

    private final int fd;

    private NativeUdpSocket(int fd) {
        this.fd = fd;
    }

    /** Binds to {@code address:port} (port 0: any); receive waits at most {@code receiveTimeout}. */
    static NativeUdpSocket bind(InetAddress address, int port, Duration receiveTimeout) throws IOException {
        int fd = call((arena, state) -> check((int) SOCKET.invokeExact(state, AF_INET, SOCK_DGRAM, 0), state, "socket"));
        NativeUdpSocket socket = new NativeUdpSocket(fd);
        try {
            call((arena, state) -> {
                MemorySegment timeval = arena.allocate(16); // struct timeval { long tv_sec; long tv_usec; }
                timeval.set(JAVA_LONG, 0, receiveTimeout.toSeconds());
                timeval.set(JAVA_LONG, 8, receiveTimeout.toMillisPart() * 1000L);
                check((int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16), state, "SO_RCVTIMEO");
                MemorySegment sockaddr = sockaddr(arena, new InetSocketAddress(address, port));
                return check((int) BIND.invokeExact(state, fd, sockaddr, SOCKADDR_IN_SIZE), state, "bind " + address + ":" + port);
            });
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The IP TTL of the datagrams sent from now on (IP_TTL, 1..255). */
    void setTtl(int ttl) throws IOException {
        call((arena, state) -> {
            MemorySegment value = arena.allocateFrom(JAVA_INT, ttl);
            return check((int) SETSOCKOPT.invokeExact(state, fd, IPPROTO_IP, IP_TTL, value, 4), state, "IP_TTL " + ttl);
        });
    }

    int localPort() throws IOException {
        return call((arena, state) -> {
            MemorySegment sockaddr = arena.allocate(SOCKADDR_IN_SIZE);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SOCKADDR_IN_SIZE);
            check((int) GETSOCKNAME.invokeExact(state, fd, sockaddr, length), state, "getsockname");
            return address(sockaddr).getPort();
        });
    }

    void send(InetSocketAddress to, byte[] data) throws IOException {
        call((arena, state) -> {
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, data);
            MemorySegment sockaddr = sockaddr(arena, to);
            long sent = (long) SENDTO.invokeExact(state, fd, buffer, (long) data.length, 0, sockaddr, SOCKADDR_IN_SIZE);
            return check((int) Math.min(sent, 0), state, "sendto " + to);
        });
    }

    /** The next datagram, or empty when the receive timeout passed first. */
    Optional<Datagram> receive(int maxLength) throws IOException {
        return call((arena, state) -> {
            MemorySegment buffer = arena.allocate(maxLength);
            MemorySegment sockaddr = arena.allocate(SOCKADDR_IN_SIZE);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SOCKADDR_IN_SIZE);
            long received = (long) RECVFROM.invokeExact(state, fd, buffer, (long) maxLength, 0, sockaddr, length);
            if (received < 0) {
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == EAGAIN || errno == EINTR) {
                    return Optional.<Datagram>empty();
                }
                throw new IOException("recvfrom: errno " + errno);
            }
            return Optional.of(new Datagram(address(sockaddr), buffer.asSlice(0, received).toArray(JAVA_BYTE)));
        });
    }

    @Override
    public void close() {
        try {
            call((arena, state) -> (int) CLOSE.invokeExact(state, fd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One native call with its own memory and errno capture. */
    private interface NativeCall<T> {
        T call(Arena arena, MemorySegment state) throws Throwable;
    }

    private static <T> T call(NativeCall<T> call) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return call.call(arena, arena.allocate(CALL_STATE));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MemorySegment sockaddr(Arena arena, InetSocketAddress address) {
        if (!(address.getAddress() instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("IPv4 only: " + address);
        }
        MemorySegment sockaddr = arena.allocate(SOCKADDR_IN_SIZE);
        sockaddr.set(JAVA_SHORT, 0, (short) AF_INET); // sin_family: host byte order
        sockaddr.set(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) address.getPort());
        MemorySegment.copy(v4.getAddress(), 0, sockaddr, JAVA_BYTE, 4, 4); // sin_addr: network order
        return sockaddr;
    }

    private static InetSocketAddress address(MemorySegment sockaddr) throws UnknownHostException {
        int port = Short.toUnsignedInt(sockaddr.get(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
        byte[] ip = sockaddr.asSlice(4, 4).toArray(JAVA_BYTE);
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }

    private static int check(int result, MemorySegment state, String what) throws IOException {
        if (result < 0) {
            throw new IOException(what + ": errno " + (int) ERRNO.get(state, 0L));
        }
        return result;
    }

    @SuppressWarnings("restricted") // native access is this class's purpose; surefire enables it
    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException("no " + name + " in libc"));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }
}
