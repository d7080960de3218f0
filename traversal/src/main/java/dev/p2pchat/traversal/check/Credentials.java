package dev.p2pchat.traversal.check;

import dev.p2pchat.protocol.frame.CheckKey;
import dev.p2pchat.protocol.frame.Ufrag;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** One side's check credentials for one connection: its ufrag and the key that PINGs to it carry. */
public record Credentials(Ufrag ufrag, CheckKey key) {
    public Credentials {
        Objects.requireNonNull(ufrag);
        Objects.requireNonNull(key);
    }

    /** Fresh credentials; {@code random} must be a SecureRandom outside tests. */
    public static Credentials random(RandomGenerator random) {
        return new Credentials(Ufrag.random(random), CheckKey.random(random));
    }
}
