package dev.p2pchat.traversal.net;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.Optional;

/**
 * Sets a UDP socket's unicast TTL through the Foreign Function &amp; Memory API: the JDK has a socket option
 * for the multicast TTL only. Needs the channel's file descriptor, which the JDK keeps in
 * {@code sun.nio.ch} — so the JVM must run with {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} (the
 * launcher and the tests do) and with native access enabled. Where any of this is missing, {@link #load()}
 * says so once and the caller sends with the default TTL.
 */
final class NativeTtl {
    private static final System.Logger LOG = System.getLogger(NativeTtl.class.getName());
    private static final Optional<NativeTtl> INSTANCE = create();

    private final Levels levels;
    private final MethodHandle setsockopt;
    private final MethodHandle getsockopt;
    private final Method fdGetter;

    /** Socket option numbers differ by OS; these are from the system headers (netinet/in.h). */
    private record Levels(int ipLevel, int ipTtl, int ipv6Level, int ipv6Hops) {
        static Optional<Levels> forThisOs() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (os.contains("linux")) {
                return Optional.of(new Levels(0, 2, 41, 16)); // IPPROTO_IP, IP_TTL, IPPROTO_IPV6, IPV6_UNICAST_HOPS
            }
            if (os.contains("mac")) {
                return Optional.of(new Levels(0, 4, 41, 4));
            }
            return Optional.empty();
        }
    }

    private NativeTtl(Levels levels, MethodHandle set, MethodHandle get, Method fdGetter) {
        this.levels = levels;
        this.setsockopt = set;
        this.getsockopt = get;
        this.fdGetter = fdGetter;
    }

    /** The native TTL setter, or empty (logged once) where this platform or JVM cannot offer it. */
    static Optional<NativeTtl> load() {
        return INSTANCE;
    }

    private static Optional<NativeTtl> create() {
        Optional<Levels> levels = Levels.forThisOs();
        if (levels.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "low-TTL priming unavailable on this OS; sending with the default TTL");
            return Optional.empty();
        }
        if (!Object.class.getModule().isExported("sun.nio.ch", NativeTtl.class.getModule())) {
            LOG.log(System.Logger.Level.INFO, "low-TTL priming unavailable: run with "
                    + "--add-opens java.base/sun.nio.ch=ALL-UNNAMED; sending with the default TTL");
            return Optional.empty();
        }
        try {
            Method fd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            Linker linker = Linker.nativeLinker();
            FunctionDescriptor sig = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
            MethodHandle set = linker.downcallHandle(linker.defaultLookup().findOrThrow("setsockopt"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle get = linker.downcallHandle(linker.defaultLookup().findOrThrow("getsockopt"), sig);
            return Optional.of(new NativeTtl(levels.get(), set, get, fd));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "low-TTL priming unavailable (" + e + "); sending with the default TTL");
            return Optional.empty();
        }
    }

    /** The channel's file descriptor; throws IllegalStateException if the JVM hides it. */
    int fd(DatagramChannel channel) {
        try {
            return (int) fdGetter.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the socket's file descriptor: " + e, e);
        }
    }

    /** Sets the unicast TTL (IPv4) or hop limit (IPv6) of the socket {@code fd}. */
    void set(int fd, StandardProtocolFamily family, int ttl) {
        boolean v6 = family == StandardProtocolFamily.INET6;
        int rc = call(fd, v6 ? levels.ipv6Level : levels.ipLevel, v6 ? levels.ipv6Hops : levels.ipTtl, ttl);
        if (rc != 0) {
            throw new IllegalStateException("setsockopt(TTL=" + ttl + ") failed on fd " + fd);
        }
    }

    /** Reads back the unicast TTL/hop limit; used by tests and to restore the default. */
    int get(int fd, StandardProtocolFamily family) {
        boolean v6 = family == StandardProtocolFamily.INET6;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, 4);
            int rc = (int) getsockopt.invokeExact(fd, v6 ? levels.ipv6Level : levels.ipLevel,
                    v6 ? levels.ipv6Hops : levels.ipTtl, value, length);
            if (rc != 0) {
                throw new IllegalStateException("getsockopt(TTL) failed on fd " + fd);
            }
            return value.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
    }

    private int call(int fd, int level, int option, int ttl) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            value.set(ValueLayout.JAVA_INT, 0, ttl);
            return (int) setsockopt.invokeExact(fd, level, option, value, 4);
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
    }
}
