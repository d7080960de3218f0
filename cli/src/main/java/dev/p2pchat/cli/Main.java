package dev.p2pchat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code p2pchat} command. Each subcommand is its own class; this one only dispatches. */
@Command(
    name = "p2pchat",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Peer-to-peer, end-to-end encrypted chat over UDP.",
    subcommands = {CommandLine.HelpCommand.class, ServerCommand.class, ChatCommand.class, FingerprintCommand.class,
      NetcheckCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"p2pchat " + (version == null ? "dev" : version)};
    }
  }
}
