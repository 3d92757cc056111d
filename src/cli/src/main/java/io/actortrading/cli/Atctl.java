package io.actortrading.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code atctl [--host HOST:PORT] [--json] [--token TOKEN] PALETTE COMMAND}: inspects and controls a
 * running node through its HTTP inspection endpoint, the way pbm does for Akka.NET.
 */
@Command(name = "atctl",
        description = "Inspect and control a running ActorTrading node.",
        subcommands = {ClusterPalette.class, ShardsPalette.class, ActorsPalette.class, SymbolsPalette.class,
                FeedsPalette.class, SinksPalette.class},
        usageHelpAutoWidth = true,
        footer = {"", "Exit codes: 0 success, 1 node unreachable or failing, 2 bad arguments or refused by the node."})
public final class Atctl implements Callable<Integer> {

    static final String HOST_VARIABLE = "ATCTL_HOST";
    static final String TOKEN_VARIABLE = "ATCTL_TOKEN";
    static final String DEFAULT_HOST = "127.0.0.1:" + NodeAddress.DEFAULT_PORT;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            description = "Node to talk to (default: $" + HOST_VARIABLE + ", else " + DEFAULT_HOST + ").")
    private String host;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the node's JSON, pretty-printed, instead of a table.")
    private boolean json;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "Bearer token for the node (default: $" + TOKEN_VARIABLE + ").")
    private String token;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    private boolean helpRequested;

    private final Map<String, String> environment;
    private final ObjectMapper mapper = new ObjectMapper();

    Atctl(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /** Runs one atctl invocation and returns its exit code; {@code environment} stands in for the process's. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new Atctl(environment))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(Atctl::reportNodeFailure);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int reportNodeFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed)
            throws Exception {
        if (failure instanceof NodeRequestException nodeFailure) {
            commandLine.getErr().println("atctl: " + nodeFailure.getMessage());
            return nodeFailure.exitCode();
        }
        throw failure;
    }

    /** Without a palette there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing palette: one of " + spec.subcommands().keySet());
    }

    /** A client for the node chosen by --host, $ATCTL_HOST or the default, with --token or $ATCTL_TOKEN. */
    NodeClient node() {
        String chosen = host != null ? host : nonBlank(environment.get(HOST_VARIABLE)).orElse(DEFAULT_HOST);
        NodeAddress address;
        try {
            address = NodeAddress.parse(chosen);
        } catch (IllegalArgumentException e) {
            String source = host != null ? "--host" : "$" + HOST_VARIABLE;
            throw new ParameterException(spec.commandLine(), "Invalid " + source + ": " + e.getMessage());
        }
        Optional<String> bearer = token != null ? nonBlank(token) : nonBlank(environment.get(TOKEN_VARIABLE));
        return new NodeClient(address, bearer, mapper);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Prints the node's document as pretty JSON with --json, else as the palette renders it. */
    int print(JsonNode document, Function<JsonNode, String> rendering) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JsonNode always serializes", e);
            }
        } else {
            out.print(rendering.apply(document));
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
