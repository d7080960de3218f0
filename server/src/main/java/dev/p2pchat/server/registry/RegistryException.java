package dev.p2pchat.server.registry;

/** The registry's storage failed or is unusable (I/O error, corrupt or too new a schema). */
public final class RegistryException extends RuntimeException {
  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }

  public RegistryException(String message) {
    super(message);
  }
}
