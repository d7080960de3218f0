package dev.p2pchat.traversal.net;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Splits the datagrams of one shared endpoint by their first byte (see {@link PacketClass}) and hands each
 * to the handler registered for its class. Datagrams of an unknown class, or of a class nobody handles,
 * are dropped and counted — junk from the internet must cost nothing but a counter.
 */
public final class Demultiplexer implements DatagramHandler {
    private final Map<PacketClass, DatagramHandler> handlers = new ConcurrentHashMap<>();
    private final Map<PacketClass, AtomicLong> received = new EnumMap<>(PacketClass.class);
    private final Map<PacketClass, AtomicLong> dropped = new EnumMap<>(PacketClass.class);

    public Demultiplexer() {
        for (PacketClass c : PacketClass.values()) {
            received.put(c, new AtomicLong());
            dropped.put(c, new AtomicLong());
        }
    }

    /** Registers the handler for one class, replacing any previous one. UNKNOWN cannot be handled. */
    public void register(PacketClass packetClass, DatagramHandler handler) {
        if (packetClass == PacketClass.UNKNOWN) {
            throw new IllegalArgumentException("datagrams of unknown class are always dropped");
        }
        handlers.put(packetClass, handler);
    }

    public void unregister(PacketClass packetClass) {
        handlers.remove(packetClass);
    }

    @Override
    public void onDatagram(Datagram datagram) {
        PacketClass c = PacketClass.of(datagram.firstByte());
        received.get(c).incrementAndGet();
        DatagramHandler h = handlers.get(c);
        if (h == null) {
            dropped.get(c).incrementAndGet();
            return;
        }
        h.onDatagram(datagram);
    }

    /** Datagrams seen of this class, handled or not. */
    public long received(PacketClass c) {
        return received.get(c).get();
    }

    /** Datagrams of this class dropped here because no handler was registered (always all of UNKNOWN). */
    public long dropped(PacketClass c) {
        return dropped.get(c).get();
    }
}
