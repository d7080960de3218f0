package dev.p2pchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.identity.IdentityFile;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.SqliteChatStore;
import dev.p2pchat.protocol.identity.Username;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FingerprintCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void printsOwnAndPinnedPeerFingerprints() {
    Identity alice = IdentityFile.loadOrCreate(dir, Username.of("alice"), new SecureRandom());
    Identity bob = Identity.generate(Username.of("bob"), new SecureRandom());
    try (ChatStore store = SqliteChatStore.open(dir.resolve(ChatStore.FILE_NAME))) {
      store.pin(bob.user(), bob.publicKeys(), Instant.now());
    }

    int code = run("fingerprint", "--data-dir", dir.toString(), "--peer", "Bob");

    assertThat(code).isZero();
    String[] aliceLines = alice.fingerprint().digitLines().split("\n");
    assertThat(out.toString())
        .contains("Your fingerprint (alice):")
        .contains(aliceLines[0], aliceLines[2], alice.fingerprint().hex())
        .contains("bob's fingerprint (not verified: trusted on first use):")
        .contains(bob.fingerprint().hex());
  }

  @Test
  void unknownPeerAndMissingIdentityFailWithAClearMessage() {
    assertThat(run("fingerprint", "--data-dir", dir.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no identity");

    IdentityFile.loadOrCreate(dir, Username.of("alice"), new SecureRandom());
    assertThat(run("fingerprint", "--data-dir", dir.toString(), "--peer", "carol")).isEqualTo(1);
    assertThat(err.toString()).contains("no keys pinned for carol");
  }

  @Test
  void wrongUserForTheDirectoryIsRefused() {
    IdentityFile.loadOrCreate(dir, Username.of("alice"), new SecureRandom());

    assertThat(run("fingerprint", "--data-dir", dir.toString(), "--user", "bob")).isEqualTo(1);
    assertThat(err.toString()).contains("belongs to user 'alice'");
  }
}
