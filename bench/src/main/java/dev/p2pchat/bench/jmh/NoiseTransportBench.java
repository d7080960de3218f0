package dev.p2pchat.bench.jmh;

import dev.p2pchat.protocol.noise.HandshakeException;
import dev.p2pchat.protocol.noise.IkHandshake;
import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.protocol.noise.OpenResult;
import dev.p2pchat.protocol.noise.RekeyPolicy;
import dev.p2pchat.protocol.noise.SecureChannel;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Noise transport packets ({@link SecureChannel}) after a real IK handshake, against the bare JDK
 * ChaCha20-Poly1305 cipher on the same bytes: the baseline is the AEAD alone, one {@link Cipher}
 * re-initialised per packet, so the ratio is what our framing, counters and per-call set-up cost.
 * {@code open} cannot be timed alone (the replay window refuses a packet twice), so it is measured
 * as {@code sealThenOpen}; its cost is the difference to {@code seal}.
 */
@State(Scope.Thread)
public class NoiseTransportBench {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** A chat line, and a full packet (the reliable stream's default maximum). */
  @Param({"128", "1100"})
  public int size;

  private SecureChannel alice;
  private SecureChannel bob;
  private byte[] plaintext;
  private Cipher jdk;
  private SecretKeySpec jdkKey;
  private long jdkNonce;

  @Setup
  public void setUp() throws HandshakeException, GeneralSecurityException {
    Random random = new Random(42);
    NoiseKeyPair a = NoiseKeyPair.generate(random);
    NoiseKeyPair b = NoiseKeyPair.generate(random);
    IkHandshake.Pending pending = IkHandshake.initiate(a, b.publicKey(), NoiseKeyPair.generate(random), 1, 1000, new byte[0], NOW);
    IkHandshake.Received received = IkHandshake.receive(b, NoiseKeyPair.generate(random), pending.message());
    IkHandshake.Responded responded = IkHandshake.respond(received, 2, new byte[0], NOW, RekeyPolicy.STANDARD);
    alice = IkHandshake.complete(pending, responded.message(), NOW, RekeyPolicy.STANDARD).channel();
    bob = responded.channel();
    plaintext = new byte[size];
    random.nextBytes(plaintext);
    if (!(sealThenOpen() instanceof OpenResult.Opened)) {
      throw new IllegalStateException("a sealed packet did not open");
    }
    jdk = Cipher.getInstance("ChaCha20-Poly1305");
    byte[] key = new byte[32];
    random.nextBytes(key);
    jdkKey = new SecretKeySpec(key, "ChaCha20");
  }

  @Benchmark
  public byte[] seal() {
    return alice.seal(NOW, plaintext).orElseThrow();
  }

  @Benchmark
  public OpenResult sealThenOpen() {
    return bob.open(NOW, alice.seal(NOW, plaintext).orElseThrow());
  }

  @Benchmark
  public byte[] jdkChaCha20Poly1305() throws GeneralSecurityException {
    byte[] iv = new byte[12];
    long n = ++jdkNonce;
    for (int i = 0; i < 8; i++) {
      iv[4 + i] = (byte) (n >>> (8 * i));
    }
    jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new IvParameterSpec(iv));
    jdk.updateAAD(iv, 0, 8);
    return jdk.doFinal(plaintext);
  }
}
