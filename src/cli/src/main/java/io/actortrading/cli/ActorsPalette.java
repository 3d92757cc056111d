package io.actortrading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;

/** {@code atctl actors ...}: the actor hierarchy of one node. */
@Command(name = "actors", description = "The actor hierarchy: tree.")
final class ActorsPalette extends Palette {

    private static final String INDENT = "  ";

    @Command(name = "tree", description = "The actors under PATH (default /user) as an indented tree.")
    int tree(@Option(names = {"-d", "--depth"}, paramLabel = "N",
                     description = "Levels below PATH to show (the node's default is 3).") Integer depth,
             @Parameters(paramLabel = "PATH", arity = "0..1", description = "Actor path, e.g. /user.") String path) {
        if (depth != null && depth < 0) {
            throw new ParameterException(spec().subcommands().get("tree"), "Depth must be 0 or more, not " + depth);
        }
        List<String> query = new ArrayList<>();
        if (depth != null) {
            query.add("depth=" + depth);
        }
        if (path != null) {
            query.add("path=" + NodeClient.encode(path));
        }
        String route = "/api/actors/tree" + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return printGet(route, ActorsPalette::renderTree);
    }

    /** The root by its full path, then every descendant by name, indented two spaces per level. */
    static String renderTree(JsonNode tree) {
        JsonNode root = tree.path("root");
        StringBuilder out = new StringBuilder();
        if (Cells.absent(root) || root.isEmpty()) {
            return "no actors reported by " + Cells.text(tree.path("node")) + "\n";
        }
        out.append(root.path("path").asText(root.path("name").asText())).append('\n');
        appendChildren(out, root, 1);
        return out.toString();
    }

    private static void appendChildren(StringBuilder out, JsonNode parent, int level) {
        for (JsonNode child : parent.path("children")) {
            out.append(INDENT.repeat(level)).append(child.path("name").asText()).append('\n');
            appendChildren(out, child, level + 1);
        }
    }
}
