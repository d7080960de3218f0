package dev.p2pchat.cli;

import dev.p2pchat.client.DataDirectory;
import dev.p2pchat.client.identity.Fingerprint;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.identity.IdentityException;
import dev.p2pchat.client.identity.IdentityFile;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.Contact;
import dev.p2pchat.client.store.SqliteChatStore;
import dev.p2pchat.protocol.identity.Username;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code p2pchat fingerprint}: prints the user's own fingerprint and, with {@code --peer}, the one
 * pinned for a contact, so that two people can compare them (in person or over another channel).
 */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
      "Print your identity fingerprint (and a contact's pinned one) to compare out of band.",
      "Read the digits to each other: if they match, no one substituted a key."
    })
public final class FingerprintCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ~/.p2pchat/USER).")
  Path dataDir;

  @Option(names = "--user", paramLabel = "NAME", description = "Your username (needed without --data-dir).")
  String user;

  @Option(names = "--peer", paramLabel = "NAME", description = "Also print this contact's pinned fingerprint.")
  String peer;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Username me = user == null ? null : Username.normalize(user);
      Path dir = DataDirectory.resolve(dataDir, me == null ? null : me.value());
      Identity identity = IdentityFile.load(dir);
      if (me != null && !me.equals(identity.user())) {
        throw new IdentityException.WrongUser(IdentityFile.path(dir), me.value(), identity.user().value());
      }
      print(out, "Your fingerprint (" + identity.user() + "):", identity.fingerprint());
      if (peer != null) {
        return printPeer(out, err, dir, Username.normalize(peer));
      }
      return 0;
    } catch (IdentityException | IllegalArgumentException e) {
      err.println("p2pchat fingerprint: " + e.getMessage());
      return 1;
    }
  }

  private static int printPeer(PrintWriter out, PrintWriter err, Path dir, Username peer) {
    Optional<Contact> contact = Optional.empty();
    Path db = dir.resolve(ChatStore.FILE_NAME);
    if (Files.exists(db)) {
      try (ChatStore store = SqliteChatStore.open(db)) {
        contact = store.contact(peer);
      }
    }
    if (contact.isEmpty()) {
      err.println("p2pchat fingerprint: no keys pinned for " + peer + " (chat with them once first)");
      return 1;
    }
    String trust = contact.get().verified() ? "verified" : "not verified: trusted on first use";
    out.println();
    print(out, peer + "'s fingerprint (" + trust + "):", Fingerprint.of(contact.get().keys()));
    return 0;
  }

  private static void print(PrintWriter out, String title, Fingerprint fingerprint) {
    out.println(title);
    fingerprint.digitLines().lines().forEach(line -> out.println("  " + line));
    out.println("  hex " + fingerprint.hex());
    out.flush();
  }
}
