package dev.p2pchat.traversal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DemultiplexerTest {
    private static final InetSocketAddress FROM = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);

    @Test
    void firstByteRangesFollowRfc7983() {
        assertThat(PacketClass.of(0)).isEqualTo(PacketClass.STUN);
        assertThat(PacketClass.of(3)).isEqualTo(PacketClass.STUN);
        assertThat(PacketClass.of(4)).isEqualTo(PacketClass.UNKNOWN);
        assertThat(PacketClass.of(63)).isEqualTo(PacketClass.UNKNOWN);
        assertThat(PacketClass.of(64)).isEqualTo(PacketClass.CHANNEL_DATA);
        assertThat(PacketClass.of(79)).isEqualTo(PacketClass.CHANNEL_DATA);
        assertThat(PacketClass.of(80)).isEqualTo(PacketClass.UNKNOWN);
        assertThat(PacketClass.of(0xCF)).isEqualTo(PacketClass.UNKNOWN);
        assertThat(PacketClass.of(0xD0)).isEqualTo(PacketClass.P2P);
        assertThat(PacketClass.of(0xDF)).isEqualTo(PacketClass.P2P);
        assertThat(PacketClass.of(0xE0)).isEqualTo(PacketClass.UNKNOWN);
        assertThat(PacketClass.of(-1)).isEqualTo(PacketClass.UNKNOWN);
    }

    @Test
    void dispatchesByClassAndCountsWhatNobodyTakes() {
        Demultiplexer demux = new Demultiplexer();
        List<Datagram> stun = new ArrayList<>();
        List<Datagram> p2p = new ArrayList<>();
        demux.register(PacketClass.STUN, stun::add);
        demux.register(PacketClass.P2P, p2p::add);

        demux.onDatagram(new Datagram(FROM, new byte[] {0, 1}));
        demux.onDatagram(new Datagram(FROM, new byte[] {(byte) 0xD4}));
        demux.onDatagram(new Datagram(FROM, new byte[] {0x40, 0}));
        demux.onDatagram(new Datagram(FROM, new byte[] {(byte) 0x80}));
        demux.onDatagram(new Datagram(FROM, new byte[0]));

        assertThat(stun).hasSize(1);
        assertThat(p2p).hasSize(1);
        assertThat(demux.dropped(PacketClass.CHANNEL_DATA)).isEqualTo(1);
        assertThat(demux.dropped(PacketClass.UNKNOWN)).isEqualTo(2);
        assertThat(demux.received(PacketClass.STUN)).isEqualTo(1);
        assertThatThrownBy(() -> demux.register(PacketClass.UNKNOWN, d -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void everyDatagramIsEitherHandledOrCounted(@ForAll byte[] data) {
        Demultiplexer demux = new Demultiplexer();
        List<Datagram> handled = new ArrayList<>();
        demux.register(PacketClass.P2P, handled::add);
        demux.onDatagram(new Datagram(FROM, data));
        long dropped = 0;
        for (PacketClass c : PacketClass.values()) {
            dropped += demux.dropped(c);
        }
        assertThat(handled.size() + dropped).isEqualTo(1);
    }
}
