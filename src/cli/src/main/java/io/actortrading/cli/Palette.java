package io.actortrading.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A palette given without a command is a usage error that lists the palette's commands. */
final class Palette {

    private Palette() {
    }

    static ParameterException missingCommand(CommandSpec palette) {
        return new ParameterException(palette.commandLine(),
                "Missing command for '" + palette.name() + "': one of " + palette.subcommands().keySet());
    }
}
