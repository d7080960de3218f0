package dev.p2pchat.client.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
  @TempDir Path temp;

  @Test
  void firstRunCreatesPrivateKeyFileAndLaterRunsLoadTheSameKeys() throws Exception {
    Path dir = temp.resolve("home/.p2pchat/alice");

    Identity created = IdentityFile.loadOrCreate(dir, "alice", new SecureRandom());
    Identity loaded = IdentityFile.loadOrCreate(dir, "alice", new SecureRandom());

    assertThat(loaded.publicKeys()).isEqualTo(created.publicKeys());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(IdentityFile.path(dir))))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(IdentityFile.path(dir)); // no temporary file left behind
    }
  }

  @Test
  void loadedKeysSignVerifiably() throws Exception {
    IdentityFile.loadOrCreate(temp, "alice", new SecureRandom());
    Identity loaded = IdentityFile.load(temp);
    byte[] message = "hello".getBytes();

    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(KeyCodec.jdkSigningPublic(loaded.publicKeys().signing()));
    verifier.update(message);

    assertThat(verifier.verify(loaded.sign(message))).isTrue();
  }

  @Test
  void refusesAKeyFileReadableByOthers() throws Exception {
    IdentityFile.loadOrCreate(temp, "alice", new SecureRandom());
    Path file = IdentityFile.path(temp);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> IdentityFile.load(temp))
        .isInstanceOf(IdentityException.InsecureKeyFile.class)
        .hasMessageContaining("chmod 600")
        .hasMessageContaining("rw-r--r--");
  }

  @Test
  void refusesAnotherUsersKeyFile() {
    IdentityFile.loadOrCreate(temp, "alice", new SecureRandom());

    assertThatThrownBy(() -> IdentityFile.loadOrCreate(temp, "bob", new SecureRandom()))
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
    Identity identity = Identity.generate("alice", new SecureRandom());

    assertThat(identity.toString()).isEqualTo("Identity[alice]");
    assertThat(identity.publicKeys().toString())
        .doesNotContain(identity.publicKeys().signing().base64())
        .doesNotContain(identity.publicKeys().dh().base64());
  }
}
