package dev.outlet.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code outlet}: the command line. */
@Command(
    name = "outlet",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A self-hosted AWS Lambda: runs unmodified Lambda zip packages as processes.",
    subcommands = {
      ServeCommand.class,
      DoctorCommand.class,
      LogsCommand.class,
      StatsCommand.class,
      CredentialsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
      System.exit(code);
    }
  }

  /** The command line with every subcommand, including the local-development ones. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    dev.outlet.local.LocalCommand.register(cli, LocalStarter::start);
    return cli;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"outlet " + (v == null ? "dev" : v)};
    }
  }
}
