package dev.p2pchat.protocol.reliable;

import java.util.ArrayList;
import java.util.List;

/** Packs frames, in the given order, into as few packets of at most {@code budget} bytes as it can greedily. */
final class PacketAssembler {
    private PacketAssembler() {}

    static List<byte[]> pack(List<StreamFrame> frames, int budget) {
        List<byte[]> packets = new ArrayList<>();
        List<StreamFrame> current = new ArrayList<>();
        int used = 0;
        for (StreamFrame frame : frames) {
            int length = frame.encodedLength();
            if (length > budget) {
                throw new IllegalArgumentException(frame + " does not fit a packet of " + budget);
            }
            if (used + length > budget) {
                packets.add(StreamFrameCodec.encode(current));
                current.clear();
                used = 0;
            }
            current.add(frame);
            used += length;
        }
        if (!current.isEmpty()) {
            packets.add(StreamFrameCodec.encode(current));
        }
        return packets;
    }
}
