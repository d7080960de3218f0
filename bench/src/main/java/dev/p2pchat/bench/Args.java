package dev.p2pchat.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} arguments of the load tools. The scripts under {@code bench/} are their
 * only callers, so a mistake is a usage error that names the option, not a crash.
 */
public final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> used = new HashSet<>();

  private Args(String[] argv) {
    for (int i = 0; i < argv.length; i++) {
      if (!argv[i].startsWith("--") || i + 1 == argv.length) {
        throw new UsageException("expected --name value pairs, got '" + argv[i] + "'");
      }
      values.put(argv[i].substring(2), argv[++i]);
    }
  }

  public static Args parse(String[] argv) {
    return new Args(argv);
  }

  public String string(String name, String fallback) {
    used.add(name);
    return values.getOrDefault(name, fallback);
  }

  public String required(String name) {
    used.add(name);
    String value = values.get(name);
    if (value == null) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  public long number(String name, long fallback) {
    String text = string(name, null);
    try {
      return text == null ? fallback : Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " wants a whole number, got '" + text + "'");
    }
  }

  public double decimal(String name, double fallback) {
    String text = string(name, null);
    try {
      return text == null ? fallback : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " wants a number, got '" + text + "'");
    }
  }

  /** A duration in milliseconds ({@code 1500}) or with a unit ({@code 2s}, {@code 500ms}). */
  public Duration duration(String name, Duration fallback) {
    String text = string(name, null);
    if (text == null) {
      return fallback;
    }
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      if (text.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
      }
      return Duration.ofMillis(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " wants a duration such as 2s or 500ms, got '" + text + "'");
    }
  }

  /** {@code host:port}, an IPv4 address or name (the tools talk to loopback). */
  public InetSocketAddress address(String name) {
    String text = required(name);
    int colon = text.lastIndexOf(':');
    try {
      return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw new UsageException("--" + name + " wants host:port, got '" + text + "'");
    }
  }

  /** Fails on an option no tool asked for: a typo must not silently run the default. */
  public void checkAllUsed() {
    Set<String> unknown = new HashSet<>(values.keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      throw new UsageException("unknown options: " + unknown);
    }
  }

  /** A wrong command line. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }
}
