package io.actortrading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One palette of atctl: a group of commands that each ask the node for one JSON document and print it,
 * as a table or (with --json) as the document itself. A palette given without a command is a usage
 * error that lists the palette's commands.
 */
abstract sealed class Palette implements Callable<Integer>
        permits ClusterPalette, ShardsPalette, ActorsPalette, SymbolsPalette, FeedsPalette, SinksPalette {

    @ParentCommand
    private Atctl atctl;

    @Spec
    private CommandSpec spec;

    @Override
    public final Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command for '" + spec.name() + "': one of " + spec.subcommands().keySet());
    }

    final CommandSpec spec() {
        return spec;
    }

    final Atctl atctl() {
        return atctl;
    }

    /** GETs {@code route} from the node and prints the answer; the exit code is atctl's. */
    final int printGet(String route, Function<JsonNode, String> rendering) {
        return atctl.print(atctl.node().get(route), rendering);
    }
}
