package dev.outlet.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code outlet local}: the commands that need no running server. */
@Command(
    name = "local",
    description = "Local development: invoke a function once, generate events, serve a template.",
    mixinStandardHelpOptions = true,
    subcommands = {
      LocalInvokeCommand.class,
      GenerateEventCommand.class,
      StartApiCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LocalCommand implements Runnable {
  private final EmbeddedOutlet.Starter starter;

  public LocalCommand(EmbeddedOutlet.Starter starter) {
    this.starter = starter;
  }

  EmbeddedOutlet.Starter starter() {
    return starter;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The names {@link #register} adds. */
  public static final java.util.Set<String> NAMES =
      java.util.Set.of("local", "deploy", "schedules");

  /** Adds {@code local}, {@code deploy} and {@code schedules} to Outlet's command line. */
  public static void register(CommandLine cli, EmbeddedOutlet.Starter starter) {
    cli.addSubcommand("local", new LocalCommand(starter));
    cli.addSubcommand("deploy", new DeployCommand());
    cli.addSubcommand("schedules", new SchedulesCommand());
  }

  /**
   * Adds only the one of {@link #NAMES} called {@code name}: a start reads the options of the
   * command it runs, not of every command.
   */
  public static void register(CommandLine cli, EmbeddedOutlet.Starter starter, String name) {
    switch (name) {
      case "local" -> cli.addSubcommand("local", new LocalCommand(starter));
      case "deploy" -> cli.addSubcommand("deploy", new DeployCommand());
      case "schedules" -> cli.addSubcommand("schedules", new SchedulesCommand());
      default -> throw new IllegalArgumentException("not a local command: " + name);
    }
  }
}
