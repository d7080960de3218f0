package dev.p2pchat.client.identity;

import dev.p2pchat.protocol.identity.Ed25519;
import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.Username;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The identity key file {@code identity.key} in the user's data directory.
 *
 * <p>Format (UTF-8 text, one {@code name: value} per line, {@code #} starts a comment):
 *
 * <pre>
 * # p2pchat identity: secret keys, keep this file private
 * format: p2pchat-identity-v1
 * user: alice
 * ed25519-seed: &lt;32 bytes, base64url without padding&gt;   (RFC 8032 private key)
 * x25519-private: &lt;32 bytes, base64url without padding&gt; (RFC 7748 private scalar)
 * </pre>
 *
 * Public keys are derived on load, so the file cannot hold a mismatched pair. The file is written
 * with mode 0600 in a directory of mode 0700, via a temporary file and an atomic rename so that a
 * crash never leaves half a key; on load, a file readable or writable by group or others is refused.
 */
public final class IdentityFile {
  public static final String FILE_NAME = "identity.key";
  static final String FORMAT = "p2pchat-identity-v1";

  private static final Set<PosixFilePermission> OWNER_FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OWNER_DIR =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private IdentityFile() {}

  public static Path path(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  /** Loads the identity of {@code user} from {@code dataDir}, creating keys on first run. */
  public static Identity loadOrCreate(Path dataDir, Username user, SecureRandom random) {
    Path file = path(dataDir);
    if (Files.exists(file)) {
      Identity identity = load(dataDir);
      if (!identity.user().equals(user)) {
        throw new IdentityException.WrongUser(file, user.value(), identity.user().value());
      }
      return identity;
    }
    Identity identity = Identity.generate(user, random);
    write(dataDir, identity);
    return identity;
  }

  /** Loads the identity stored in {@code dataDir}; fails if there is none. */
  public static Identity load(Path dataDir) {
    Path file = path(dataDir);
    try {
      checkPrivate(file);
      return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new IdentityException.NoIdentity(file);
    } catch (IOException e) {
      throw new IdentityException.Io(file, e);
    }
  }

  /** Writes {@code identity} into {@code dataDir} (created with mode 0700 if missing). */
  public static void write(Path dataDir, Identity identity) {
    Path file = path(dataDir);
    byte[] seed = identity.signingKeyPair().seed();
    byte[] dh = identity.dhKeyPair().privateBytes();
    byte[] text = render(identity.user().value(), seed, dh);
    try {
      createPrivateDirectory(dataDir);
      Path temp = Files.createTempFile(dataDir, ".identity-", ".tmp", ownerOnly(dataDir, OWNER_FILE));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(text));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IdentityException.Io(file, e);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(dh, (byte) 0);
      Arrays.fill(text, (byte) 0);
    }
  }

  /** Creates {@code dir} and its parents; the leaf gets mode 0700 on POSIX file systems. */
  public static void createPrivateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      if (isPosix(dir)) {
        Files.setPosixFilePermissions(dir, OWNER_DIR);
      }
    }
  }

  static void checkPrivate(Path file) throws IOException {
    if (!isPosix(file)) {
      return; // no POSIX modes to check (e.g. Windows ACLs): rely on the user's profile directory
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      throw new IdentityException.InsecureKeyFile(file, permissions);
    }
  }

  static Identity parse(Path file, String text) {
    Map<String, String> fields = fields(file, text);
    if (!FORMAT.equals(fields.get("format"))) {
      throw new IdentityException.MalformedKeyFile(file, "expected 'format: " + FORMAT + "'");
    }
    String user = required(file, fields, "user");
    if (!Username.isValid(user)) {
      throw new IdentityException.MalformedKeyFile(file, "invalid user name");
    }
    byte[] seed = key(file, fields, "ed25519-seed");
    byte[] dh = key(file, fields, "x25519-private");
    try {
      return new Identity(Username.of(user), SigningKeyPair.fromSeed(seed), DhKeyPair.fromPrivate(dh));
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(dh, (byte) 0);
    }
  }

  private static Map<String, String> fields(Path file, String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IdentityException.MalformedKeyFile(file, "line without 'name: value'");
      }
      String name = trimmed.substring(0, colon).strip();
      if (fields.put(name, trimmed.substring(colon + 1).strip()) != null) {
        throw new IdentityException.MalformedKeyFile(file, "field '" + name + "' appears twice");
      }
    }
    return fields;
  }

  private static String required(Path file, Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new IdentityException.MalformedKeyFile(file, "missing '" + name + "'");
    }
    return value;
  }

  private static byte[] key(Path file, Map<String, String> fields, String name) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(required(file, fields, name));
    } catch (IllegalArgumentException e) {
      throw new IdentityException.MalformedKeyFile(file, "'" + name + "' is not base64url");
    }
    if (raw.length != Ed25519.SEED_LENGTH) {
      Arrays.fill(raw, (byte) 0);
      throw new IdentityException.MalformedKeyFile(file, "'" + name + "' must be 32 bytes");
    }
    return raw;
  }

  private static byte[] render(String user, byte[] seed, byte[] dh) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String text =
        "# p2pchat identity: secret keys, keep this file private\n"
            + "format: " + FORMAT + "\n"
            + "user: " + user + "\n"
            + "ed25519-seed: " + b64.encodeToString(seed) + "\n"
            + "x25519-private: " + b64.encodeToString(dh) + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static FileAttribute<?>[] ownerOnly(
      Path dir, Set<PosixFilePermission> permissions) {
    return isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
