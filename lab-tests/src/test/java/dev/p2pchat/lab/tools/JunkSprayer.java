package dev.p2pchat.lab.tools;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Sprays junk UDP at one endpoint, as a scanner or a broken peer would: random bytes of random
 * length (0 to 1,472), and datagrams that look like the first bytes of something real — a STUN
 * header with the RFC 8489 magic cookie and a lying length, every possible first byte (p2pchat
 * demultiplexes by it), oversize lengths — so that each of the client's parsers gets its share.
 *
 * <pre>java JunkSprayer IP PORT COUNT GAP_MICROS SEED</pre>
 * prints {@code {"event":"done","count":"N"}} at the end. Seeded: a failure can be replayed.
 */
public final class JunkSprayer {
    /** RFC 8489 §6: the magic cookie that marks a STUN message. */
    private static final int MAGIC_COOKIE = 0x2112A442;
    /** The largest UDP payload in one unfragmented 1,500-byte IPv4 packet. */
    private static final int MAX_PAYLOAD = 1472;

    private JunkSprayer() {}

    public static void main(String[] args) throws IOException {
        InetSocketAddress target = new InetSocketAddress(InetAddress.ofLiteral(args[0]), Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        long gapNanos = Long.parseLong(args[3]) * 1_000;
        Random random = new Random(Long.parseLong(args[4]));
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int i = 0; i < count; i++) {
                byte[] junk = junk(random, i);
                socket.send(new DatagramPacket(junk, junk.length, target));
                if (gapNanos > 0) {
                    LockSupport.parkNanos(gapNanos);
                }
            }
        }
        Events.emit("done", "count", Integer.toString(count));
    }

    static byte[] junk(Random random, int index) {
        return switch (index % 4) {
            case 0 -> randomBytes(random, random.nextInt(MAX_PAYLOAD + 1));
            case 1 -> stunLike(random);
            case 2 -> {
                byte[] bytes = randomBytes(random, 1 + random.nextInt(64));
                bytes[0] = (byte) (index / 4); // every first byte, in turn
                yield bytes;
            }
            default -> randomBytes(random, random.nextInt(4)); // empty and tiny
        };
    }

    /** A 20-byte STUN header (any type, the magic cookie, a length that rarely matches) and random rest. */
    private static byte[] stunLike(Random random) {
        int bodyLength = random.nextInt(200);
        ByteBuffer buffer = ByteBuffer.allocate(20 + bodyLength);
        buffer.putShort((short) (random.nextInt(0x4000)));
        buffer.putShort((short) (random.nextBoolean() ? bodyLength : random.nextInt(0x10000)));
        buffer.putInt(MAGIC_COOKIE);
        byte[] rest = randomBytes(random, 12 + bodyLength);
        buffer.put(rest);
        return buffer.array();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
