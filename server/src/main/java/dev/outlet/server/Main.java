package dev.outlet.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code outlet}: the command line. */
@Command(
    name = "outlet",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A self-hosted AWS Lambda: runs unmodified Lambda zip packages as processes.")
public final class Main implements Runnable {
  /** The server's own subcommands, in the order the usage lists them (the local ones follow). */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("serve", ServeCommand::new);
    COMMANDS.put("doctor", DoctorCommand::new);
    COMMANDS.put("logs", LogsCommand::new);
    COMMANDS.put("stats", StatsCommand::new);
    COMMANDS.put("credentials", CredentialsCommand::new);
    COMMANDS.put("cluster", ClusterCommand::new);
    COMMANDS.put("drain", DrainCommand::new);
  }

  public static void main(String[] args) {
    dev.outlet.core.StartupTrace.mark("main");
    SqliteLibrary.useCached();
    dev.outlet.core.StartupTrace.mark("sqlite library");
    CommandLine cli = commandLine(args.length > 0 ? args[0] : null);
    dev.outlet.core.StartupTrace.mark("command line");
    int code = cli.execute(args);
    if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
      dev.outlet.core.StartupTrace.mark("exit");
      System.exit(code);
    }
  }

  /** The command line with every subcommand, including the local-development ones. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line with only the subcommand {@code first} names, or with every one when it names
   * none ({@code --help}, {@code help}, a typo): picocli reads a command's annotations, options and
   * their types when the command is added, and adding all of them cost a start about 0.2 s
   * (docs/architecture.md, "Startup").
   */
  static CommandLine commandLine(String first) {
    CommandLine cli = new CommandLine(new Main());
    Supplier<Object> only = first == null ? null : COMMANDS.get(first);
    if (only != null) {
      return cli.addSubcommand(first, only.get());
    }
    if (first != null && dev.outlet.local.LocalCommand.NAMES.contains(first)) {
      dev.outlet.local.LocalCommand.register(cli, LocalStarter::start, first);
      return cli;
    }
    COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
    cli.addSubcommand("help", new CommandLine.HelpCommand());
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
