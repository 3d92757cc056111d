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
    /** The run itself failed (a port in use, a locked journal, ...). */
    public static final int EXIT_FAILED = 1;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main())
                .setParameterExceptionHandler((ex, arguments) -> {
                    ex.getCommandLine().getErr().println("actortrading: " + ex.getMessage());
                    ex.getCommandLine().usage(ex.getCommandLine().getErr());
                    return EXIT_BAD_INPUT;
                })
                .setExecutionExceptionHandler((ex, cl, parsed) -> {
                    // An operator needs the reason in one line; the stack trace is for debugging.
                    cl.getErr().println("actortrading: " + reasons(ex));
                    if ("DEBUG".equalsIgnoreCase(System.getenv("ACTORTRADING_LOG_LEVEL"))) {
                        ex.printStackTrace(cl.getErr());
                    }
                    return EXIT_FAILED;
                });
        System.exit(commandLine.execute(args));
    }

    /** The message of a failure and of each distinct cause, outermost first. */
    static String reasons(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                if (text.length() > 0) {
                    text.append(" <- ");
                }
                text.append(message);
            }
        }
        return text.toString();
    }
}
