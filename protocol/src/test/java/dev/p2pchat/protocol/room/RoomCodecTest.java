package dev.p2pchat.protocol.room;

import static dev.p2pchat.protocol.room.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.room.RoomMessage.EpochKey;
import dev.p2pchat.protocol.room.RoomMessage.KeyRequest;
import dev.p2pchat.protocol.room.RoomMessage.MembershipUpdate;
import dev.p2pchat.protocol.room.RoomMessage.SenderKeys;
import dev.p2pchat.protocol.room.RoomMessage.SyncRequest;
import dev.p2pchat.protocol.room.RoomMessage.SyncResponse;
import dev.p2pchat.protocol.room.RoomWireException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RoomCodecTest {
    private final TestUsers users = new TestUsers();
    private final RoomId room = RoomId.of(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));

    @Test
    void everyMessageRoundTrips() throws Exception {
        MembershipLog log = users.room("alice", "bob");
        Envelope envelope = RoomCrypto.seal(room, 3, user("bob"), 1, 7, SenderKey.of(new byte[32]),
                users.key("bob"), "hi".getBytes(StandardCharsets.UTF_8));
        List<RoomMessage> messages = List.of(
                envelope,
                new MembershipUpdate(room, log.changes()),
                new SenderKeys(room, user("bob"), List.of(new EpochKey(3, 1, SenderKey.of(new byte[32])))),
                new SyncRequest(room, 3, Map.of(user("alice"), 4L, user("bob"), 0L)),
                new SyncResponse(room, List.of(envelope, envelope)),
                new KeyRequest(room, user("bob"), 3));
        for (RoomMessage message : messages) {
            byte[] bytes = RoomCodec.encode(message);
            assertThat(RoomWire.isRoomPayload(bytes)).isTrue();
            assertThat(RoomCodec.decode(bytes)).isEqualTo(message);
        }
    }

    @Test
    void aKeyRequestHasThisExactLayout() {
        byte[] bytes = RoomCodec.encode(new KeyRequest(room, user("bob"), 3));
        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo("a601" + "00112233445566778899aabbccddeeff" + "03626f62" + "0000000000000003");
    }

    @Test
    void oneToOneTextIsNotRoomTraffic() {
        assertThat(RoomWire.isRoomPayload("{\"v\":1,\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(RoomWire.isRoomPayload(new byte[0])).isFalse();
    }

    @Test
    void malformedInputIsTyped() {
        byte[] good = RoomCodec.encode(new KeyRequest(room, user("bob"), 3));
        assertProblem(Arrays.copyOf(good, good.length - 1), Problem.TRUNCATED);
        assertProblem(Arrays.copyOf(good, good.length + 1), Problem.TRAILING_BYTES);
        byte[] version = good.clone();
        version[1] = 2;
        assertProblem(version, Problem.UNSUPPORTED_VERSION);
        byte[] type = good.clone();
        type[0] = (byte) 0xAF;
        assertProblem(type, Problem.UNKNOWN_TYPE);
        byte[] zeroEpoch = good.clone();
        zeroEpoch[zeroEpoch.length - 1] = 0;
        assertProblem(zeroEpoch, Problem.OUT_OF_RANGE);
        byte[] badName = good.clone();
        badName[19] = 'B';
        assertProblem(badName, Problem.MALFORMED);
    }

    @Test
    void aLamportTimeThatCouldOverflowTheClockIsRefused() {
        Envelope envelope = RoomCrypto.seal(room, 1, user("bob"), 1, RoomWire.MAX_COUNTER + 1,
                SenderKey.of(new byte[32]), users.key("bob"), new byte[0]);
        assertProblem(RoomCodec.encode(envelope), Problem.OUT_OF_RANGE);
    }

    @Property(tries = 2000, seed = "7")
    void arbitraryBytesNeverCrashTheDecoder(@ForAll byte[] bytes) {
        try {
            RoomCodec.decode(bytes);
        } catch (RoomWireException expected) {
            assertThat(expected.problem()).isNotNull();
        }
    }

    @Property(tries = 300, seed = "8")
    void mutatedValidMessagesNeverCrashTheDecoder(@ForAll long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = RoomCodec.encode(new MembershipUpdate(room, users.room("alice", "bob").changes()));
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        try {
            RoomCodec.decode(bytes);
        } catch (RoomWireException expected) {
            assertThat(expected.problem()).isNotNull();
        }
    }

    private static void assertProblem(byte[] bytes, Problem problem) {
        assertThatThrownBy(() -> RoomCodec.decode(bytes)).isInstanceOfSatisfying(RoomWireException.class,
                e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
