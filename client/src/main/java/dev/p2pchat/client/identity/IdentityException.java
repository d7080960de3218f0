package dev.p2pchat.client.identity;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Why the identity could not be loaded or created; each variant carries the offending value. */
public abstract sealed class IdentityException extends RuntimeException {

  IdentityException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The key file may be read by other users: refuse to use keys that may already be copied. */
  public static final class InsecureKeyFile extends IdentityException {
    private final Path file;
    private final Set<PosixFilePermission> permissions;

    public InsecureKeyFile(Path file, Set<PosixFilePermission> permissions) {
      super(
          "key file "
              + file
              + " is accessible by other users ("
              + PosixFilePermissions.toString(permissions)
              + "); make it private with: chmod 600 "
              + file,
          null);
      this.file = file;
      this.permissions = Set.copyOf(permissions);
    }

    public Path file() {
      return file;
    }

    public Set<PosixFilePermission> permissions() {
      return permissions;
    }
  }

  /** The key file exists but cannot be parsed. */
  public static final class MalformedKeyFile extends IdentityException {
    private final Path file;

    public MalformedKeyFile(Path file, String reason) {
      super("key file " + file + " is malformed: " + reason, null);
      this.file = file;
    }

    public Path file() {
      return file;
    }
  }

  /** The key file belongs to a different user than the one asked for. */
  public static final class WrongUser extends IdentityException {
    private final String expected;
    private final String found;

    public WrongUser(Path file, String expected, String found) {
      super("key file " + file + " belongs to user '" + found + "', not '" + expected + "'", null);
      this.expected = expected;
      this.found = found;
    }

    public String expected() {
      return expected;
    }

    public String found() {
      return found;
    }
  }

  /** No identity exists yet where one was required (e.g. {@code p2pchat fingerprint}). */
  public static final class NoIdentity extends IdentityException {
    public NoIdentity(Path file) {
      super("no identity at " + file + "; run 'p2pchat chat' once to create one", null);
    }
  }

  /** The file system refused a read or write. */
  public static final class Io extends IdentityException {
    public Io(Path file, java.io.IOException cause) {
      super("cannot access key file " + file + ": " + cause.getMessage(), cause);
    }
  }
}
