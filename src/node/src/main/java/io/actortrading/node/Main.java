package io.actortrading.node;

import io.actortrading.node.bench.BenchCommand;
import io.actortrading.node.demo.DemoCommand;
import io.actortrading.node.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/actortrading}: the node's entry point. */
@Command(name = "actortrading", mixinStandardHelpOptions = true,
        description = "ActorTrading: actor-model market data and trading on Apache Pekko.",
        subcommands = {DemoCommand.class, NodeCommand.class, ReplayCommand.class, BenchCommand.class})
public final class Main {

    /** Bad arguments or unreadable input, as DESIGN.md promises. */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main())
                .setParameterExceptionHandler((ex, arguments) -> {
                    ex.getCommandLine().getErr().println("actortrading: " + ex.getMessage());
                    ex.getCommandLine().usage(ex.getCommandLine().getErr());
                    return EXIT_BAD_INPUT;
                });
        System.exit(commandLine.execute(args));
    }
}
