package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.turn.TurnSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.random.RandomGenerator;

/**
 * The generated REST API secret, kept in the data directory ({@code turn-secret}, mode 0600) so that
 * credentials issued before a restart still work after it. Written to a temporary file and renamed:
 * a crash never leaves half a secret.
 */
public final class TurnSecretFile {
  public static final String NAME = "turn-secret";

  private TurnSecretFile() {}

  /** The secret in {@code dataDir}, made and stored first if there is none. */
  public static TurnSecret loadOrCreate(Path dataDir, RandomGenerator random) throws IOException {
    Path file = dataDir.resolve(NAME);
    if (Files.exists(file)) {
      return read(file);
    }
    Files.createDirectories(dataDir);
    TurnSecret secret = TurnSecret.generate(random);
    Path temporary = Files.createTempFile(dataDir, NAME, ".tmp", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temporary, secret.reveal() + "\n", StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException raced) {
      return read(file);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return secret;
  }

  private static TurnSecret read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw new IOException(file + " is empty; delete it to generate a new TURN secret");
    }
    return TurnSecret.of(text);
  }
}
