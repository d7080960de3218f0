package dev.p2pchat.client.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import dev.p2pchat.protocol.identity.AuthChallenge;
import dev.p2pchat.protocol.identity.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
  private static final Username ALICE = Username.of("alice");

  @TempDir Path temp;

  @Test
  void firstRunCreatesPrivateKeyFileAndLaterRunsLoadTheSameKeys() throws Exception {
    Path dir = temp.resolve("home/.p2pchat/alice");

    Identity created = IdentityFile.loadOrCreate(dir, ALICE, new SecureRandom());
    Identity loaded = IdentityFile.loadOrCreate(dir, ALICE, new SecureRandom());

    assertThat(loaded.publicKeys()).isEqualTo(created.publicKeys());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(IdentityFile.path(dir))))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(IdentityFile.path(dir)); // no temporary file left behind
    }
  }

  @Test
  void loadedKeysAnswerTheServersChallenge() {
    IdentityFile.loadOrCreate(temp, ALICE, new SecureRandom());
    Identity loaded = IdentityFile.load(temp);
    String nonce = AuthChallenge.newNonce(new SecureRandom());
    PublicKeys keys = loaded.publicKeys();

    byte[] signature = loaded.signChallenge(nonce);

    assertThat(new AuthChallenge(nonce, ALICE, keys.signing(), keys.dh()).verify(signature)).isTrue();
    assertThat(new AuthChallenge(nonce, Username.of("mallory"), keys.signing(), keys.dh()).verify(signature))
        .isFalse();
  }

  @Test
  void dhKeyPairSurvivesTheFile() {
    Identity created = IdentityFile.loadOrCreate(temp, ALICE, new SecureRandom());
    Identity loaded = IdentityFile.load(temp);

    assertThat(loaded.dhKeyPair().publicKey()).isEqualTo(created.dhKeyPair().publicKey());
    assertThat(loaded.dhKeyPair().noiseKeyPair().privateKey())
        .isEqualTo(created.dhKeyPair().noiseKeyPair().privateKey());
    assertThat(DhKeyPair.toNoise(loaded.publicKeys().dh())).isEqualTo(loaded.dhKeyPair().noiseKeyPair().publicKey());
  }

  @Test
  void refusesAKeyFileReadableByOthers() throws Exception {
    IdentityFile.loadOrCreate(temp, ALICE, new SecureRandom());
    Path file = IdentityFile.path(temp);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> IdentityFile.load(temp))
        .isInstanceOf(IdentityException.InsecureKeyFile.class)
        .hasMessageContaining("chmod 600")
        .hasMessageContaining("rw-r--r--");
  }

  @Test
  void refusesAnotherUsersKeyFile() {
    IdentityFile.loadOrCreate(temp, ALICE, new SecureRandom());

    assertThatThrownBy(() -> IdentityFile.loadOrCreate(temp, Username.of("bob"), new SecureRandom()))
        .isInstanceOf(IdentityException.WrongUser.class)
        .hasMessageContaining("alice");
  }

  @Test
  void missingIdentityIsATypedError() {
    assertThatThrownBy(() -> IdentityFile.load(temp)).isInstanceOf(IdentityException.NoIdentity.class);
  }

  @Test
  void malformedFilesAreRejectedWithTheReason() throws Exception {
    Path file = IdentityFile.path(temp);
    String[] bad = {
      "format: p2pchat-identity-v9\nuser: a\ned25519-seed: AA\nx25519-private: AA\n",
      "format: p2pchat-identity-v1\nuser: alice\ned25519-seed: AAAA\nx25519-private: AAAA\n",
      "format: p2pchat-identity-v1\nuser: alice\n",
      "format: p2pchat-identity-v1\nuser: Alice Smith\n",
      "garbage without colon",
      "format: p2pchat-identity-v1\nformat: p2pchat-identity-v1\n",
      "format: p2pchat-identity-v1\nuser: alice\ned25519-seed: !!!\nx25519-private: AA\n",
    };
    for (String text : bad) {
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      assertThatThrownBy(() -> IdentityFile.load(temp))
          .as(text)
          .isInstanceOf(IdentityException.MalformedKeyFile.class);
    }
  }

  @Test
  void toStringNeverShowsKeyMaterial() {
    Identity identity = Identity.generate(ALICE, new SecureRandom());

    assertThat(identity.toString()).isEqualTo("Identity[alice]");
    assertThat(identity.publicKeys().toString())
        .doesNotContain(identity.publicKeys().signing().toText())
        .doesNotContain(identity.publicKeys().dh().toText());
    assertThat(identity.dhKeyPair().toString()).doesNotContain(identity.publicKeys().dh().toText());
  }
}
