package io.actortrading.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.actortrading.cli.ContractDocuments.CLUSTER_MEMBERS;
import static io.actortrading.cli.ContractDocuments.SYMBOLS;
import static io.actortrading.cli.ContractDocuments.SYMBOL_NVDA;
import static io.actortrading.cli.ContractDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole invocations of atctl against a real HTTP endpoint on 127.0.0.1. */
class AtctlTest {

    private RecordingNode node;

    /** What one invocation printed and how it ended. */
    private record Outcome(int exitCode, String out, String err) {
    }

    @BeforeEach
    void startNode() throws IOException {
        node = RecordingNode.start()
                .answer("GET", "/api/symbols", 200, SYMBOLS)
                .answer("GET", "/cluster/members", 200, CLUSTER_MEMBERS)
                .answer("GET", "/api/symbols/EUR%2FUSD", 200, SYMBOL_NVDA.replace("\"NVDA\"", "\"EUR/USD\""))
                .answer("GET", "/api/symbols/TSLA", 404, "{\"error\": \"unknown symbol TSLA\"}")
                .answer("POST", "/api/symbols", 400, "{\"error\": \"invalid symbol '$$$': not a symbol\"}")
                .answer("DELETE", "/api/symbols/TSLA", 200, "{\"symbol\": \"TSLA\", \"removed\": true}")
                .answer("GET", "/api/feeds", 503, "{\"error\": \"feed supervisor is restarting\"}");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private static Outcome atctl(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Atctl.run(args, new PrintWriter(out), new PrintWriter(err), environment);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private Outcome atctlOnNode(String... args) {
        return atctl(Map.of(Atctl.HOST_VARIABLE, node.address()), args);
    }

    @Test
    void anUnreachableNodeGivesOneLineOnStderrAndExitCodeOne() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = socket.getLocalPort();
        }

        Outcome outcome = atctl(Map.of(), "--host", "127.0.0.1:" + closedPort, "cluster", "show");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo("atctl: cannot reach node at 127.0.0.1:" + closedPort + " (connection refused)\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"before", "between", "after"})
    void hostAndJsonAreAcceptedBeforeThePaletteAndAfterTheCommand(String placement) {
        List<String> args = new ArrayList<>(List.of("symbols", "list"));
        List<String> options = List.of("--host", node.address(), "--json");
        switch (placement) {
            case "before" -> args.addAll(0, options);
            case "between" -> args.addAll(1, options);
            default -> args.addAll(options);
        }

        Outcome outcome = atctl(Map.of(), args.toArray(String[]::new));

        assertThat(outcome.exitCode()).isZero();
        assertThat(node.requests()).extracting(RecordingNode.Request::rawPathAndQuery).containsExactly("/api/symbols");
        assertThat(parse(outcome.out())).isEqualTo(parse(SYMBOLS));
    }

    @Test
    void withoutJsonTheSameCommandPrintsATable() {
        Outcome outcome = atctl(Map.of(), "--host", node.address(), "symbols", "list");

        assertThat(outcome.exitCode()).isZero();
        assertThat(RenderedTable.row(outcome.out(), "SYMBOL", "SYMBOL", "NVDA")).containsEntry("STATUS", "live");
    }

    @Test
    void jsonOutputIsTheNodesDocumentPrettyPrinted() throws IOException {
        Outcome outcome = atctlOnNode("--json", "cluster", "show");

        assertThat(new ObjectMapper().readTree(outcome.out())).isEqualTo(parse(CLUSTER_MEMBERS));
        assertThat(outcome.out()).startsWith("{\n  \"selfNode\" : ");
    }

    @Test
    void theHostComesFromAtctlHostWhenNoOptionIsGiven() {
        Outcome outcome = atctlOnNode("cluster", "leader");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo(ContractDocuments.NODE_A + "\n");
    }

    @Test
    void theTokenIsSentAsBearerHeaderAndNeverPrinted() {
        Outcome outcome = atctlOnNode("symbols", "list", "--token", "s3cret-token");
        atctl(Map.of(Atctl.HOST_VARIABLE, node.address(), Atctl.TOKEN_VARIABLE, "from-env"), "symbols", "list");
        atctl(Map.of(Atctl.HOST_VARIABLE, node.address()), "symbols", "list");

        assertThat(node.requests()).extracting(r -> r.headers().getFirst("Authorization"))
                .containsExactly("Bearer s3cret-token", "Bearer from-env", null);
        assertThat(outcome.out() + outcome.err()).doesNotContain("s3cret-token");
    }

    @Test
    void theTokenDoesNotAppearInErrorMessages() {
        Outcome outcome = atctlOnNode("--token", "s3cret-token", "symbols", "show", "TSLA");

        assertThat(outcome.err()).doesNotContain("s3cret-token");
    }

    @Test
    void aSymbolWithASlashIsUrlEncodedInThePath() {
        Outcome outcome = atctlOnNode("symbols", "show", "EUR/USD");

        assertThat(outcome.exitCode()).isZero();
        assertThat(node.requests()).extracting(RecordingNode.Request::rawPathAndQuery)
                .containsExactly("/api/symbols/EUR%2FUSD");
        assertThat(outcome.out()).startsWith("EUR/USD  US_EQUITY");
    }

    @Test
    void anUnknownSymbolPrintsTheNodesMessageAndExitsWithTwo() {
        Outcome outcome = atctlOnNode("symbols", "show", "TSLA");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo("atctl: unknown symbol TSLA\n");
    }

    @Test
    void addPostsTheSymbolAndItsSourcesAndReportsARefusalWithExitCodeTwo() {
        Outcome outcome = atctlOnNode("symbols", "add", "$$$", "--sources", "polygon,synthetic");

        assertThat(node.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(parse(request.body())).isEqualTo(parse("{\"symbol\": \"$$$\", \"sources\": [\"polygon\", \"synthetic\"]}"));
        });
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("atctl: invalid symbol '$$$': not a symbol\n");
    }

    @Test
    void removeSendsDeleteAndConfirms() {
        Outcome outcome = atctlOnNode("symbols", "remove", "TSLA");

        assertThat(node.requests()).extracting(RecordingNode.Request::method).containsExactly("DELETE");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo("removed TSLA\n");
    }

    @Test
    void aServerErrorPrintsTheMessageAndExitsWithOne() {
        Outcome outcome = atctlOnNode("feeds", "show");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("atctl: node at " + node.address()
                + " failed (HTTP 503): feed supervisor is restarting\n");
    }

    @Test
    void optionalArgumentsBecomeQueryParameters() {
        node.answer("GET", "/api/actors/tree?depth=5&path=%2Fuser%2Ffeeds", 200, ContractDocuments.ACTOR_TREE)
                .answer("GET", "/api/shards/region-stats?type=symbol", 200, ContractDocuments.REGION_STATS);

        assertThat(atctlOnNode("actors", "tree", "-d", "5", "/user/feeds").exitCode()).isZero();
        assertThat(atctlOnNode("shards", "region-stats").exitCode()).isZero();

        assertThat(node.requests()).extracting(RecordingNode.Request::rawPathAndQuery).containsExactly(
                "/api/actors/tree?depth=5&path=%2Fuser%2Ffeeds", "/api/shards/region-stats?type=symbol");
    }

    @Test
    void badArgumentsPrintUsageOnStderrAndExitWithTwo() {
        Outcome unknownCommand = atctlOnNode("symbols", "frobnicate");
        Outcome missingSymbol = atctlOnNode("symbols", "show");
        Outcome noPalette = atctlOnNode();
        Outcome badHost = atctl(Map.of(), "--host", "not a host", "cluster", "show");

        assertThat(List.of(unknownCommand, missingSymbol, noPalette, badHost)).allSatisfy(outcome -> {
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.out()).isEmpty();
            assertThat(outcome.err()).contains("Usage: atctl");
        });
        assertThat(node.requests()).isEmpty();
    }
}
