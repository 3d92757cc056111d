package io.actortrading.fakes;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/provider-fakes}: runs the provider fakes until Ctrl+C, printing the base URL of every
 * endpoint (never the keys) so a node can be configured to use them.
 */
@Command(name = "provider-fakes", mixinStandardHelpOptions = true,
        description = {"Loopback stand-ins for Polygon, Yahoo, Alpha Vantage and Twelve Data.",
            "Keys come from POLYGON_API_KEY, ALPHAVANTAGE_API_KEY and TWELVEDATA_API_KEY; without them the fakes "
                + "accept " + FakeSettings.DEFAULT_POLYGON_KEY + ", " + FakeSettings.DEFAULT_ALPHAVANTAGE_KEY
                + " and " + FakeSettings.DEFAULT_TWELVEDATA_KEY + "."})
public final class ProviderFakesMain implements Callable<Integer> {

    static final String POLYGON_KEY_VARIABLE = "POLYGON_API_KEY";
    static final String ALPHAVANTAGE_KEY_VARIABLE = "ALPHAVANTAGE_API_KEY";
    static final String TWELVEDATA_KEY_VARIABLE = "TWELVEDATA_API_KEY";
    private static final int EXIT_BAD_INPUT = 2;
    private static final int EXIT_FAILED = 1;
    private static final int DEFAULT_PORT = 9300;
    private static final long DEFAULT_SEED = 1;
    private static final int DEFAULT_TRADES_PER_MINUTE = 30;
    private static final double REAL_TIME = 1;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = FakeSettings.DEFAULT_HOST;

    @Option(names = "--port", description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port = DEFAULT_PORT;

    @Option(names = "--seed", description = "Picks the fake market; the same seed gives the same trades (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULT_SEED;

    @Option(names = "--trades-per-minute", description = "Trades of every symbol in every minute (default: ${DEFAULT-VALUE}).")
    int tradesPerMinute = DEFAULT_TRADES_PER_MINUTE;

    @Option(names = "--speed", description = "Market minutes per wall minute (default: ${DEFAULT-VALUE}).")
    double speed = REAL_TIME;

    @Option(names = "--start", description = "Market time at start, an ISO instant such as 2026-03-02T14:30:00Z (default: now).")
    Instant start;

    @Option(names = "--anchor", description = "The wall instant at which market time is --start (default: now). "
            + "Give a node the same start, speed and anchor (actortrading.clock) and both read one market clock.")
    Instant anchor;

    @Option(names = "--polygon-page-size", description = "Most aggregates per Polygon REST page (default: ${DEFAULT-VALUE}).")
    int polygonPageSize = FakeSettings.DEFAULT_POLYGON_PAGE_SIZE;

    @Option(names = "--polygon-delayed", description = "Polygon REST answers with status DELAYED.")
    boolean polygonDelayed;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ProviderFakesMain())
                .setParameterExceptionHandler((ex, arguments) -> {
                    ex.getCommandLine().getErr().println("provider-fakes: " + ex.getMessage());
                    ex.getCommandLine().usage(ex.getCommandLine().getErr());
                    return EXIT_BAD_INPUT;
                })
                .setExecutionExceptionHandler((ex, cl, parsed) -> {
                    cl.getErr().println("provider-fakes: " + ex.getMessage());
                    return EXIT_FAILED;
                });
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        FakeSettings settings = FakeSettings.defaults()
                .withAddress(host, port)
                .withKeys(key(POLYGON_KEY_VARIABLE, FakeSettings.DEFAULT_POLYGON_KEY),
                        key(ALPHAVANTAGE_KEY_VARIABLE, FakeSettings.DEFAULT_ALPHAVANTAGE_KEY),
                        key(TWELVEDATA_KEY_VARIABLE, FakeSettings.DEFAULT_TWELVEDATA_KEY))
                .withPolygonPageSize(polygonPageSize)
                .withPolygonDelayed(polygonDelayed);
        Instant now = Instant.now();
        AcceleratedClock clock = new AcceleratedClock(start == null ? now : start, speed, anchor == null ? now : anchor);
        ProviderFakes fakes = ProviderFakes.start(settings, new FakeTape(seed, tradesPerMinute), clock);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fakes.close();
            stopped.countDown();
        }, "provider-fakes-shutdown"));
        describe(fakes, clock, new PrintWriter(System.out, true));
        stopped.await();
        return 0;
    }

    static void describe(ProviderFakes fakes, AcceleratedClock clock, PrintWriter out) {
        out.printf("provider-fakes: listening on %s, market time %s at %sx%n", fakes.httpBase(),
                Instant.ofEpochMilli(clock.getAsLong()), clock.speed());
        out.printf("  polygon       ws-url   = %s   (then /stocks, /crypto)%n", fakes.baseUrl(FakeEndpoint.POLYGON_WS));
        out.printf("  polygon       rest-url = %s%n", fakes.baseUrl(FakeEndpoint.POLYGON_REST));
        out.printf("  yahoo         rest-url = %s%n", fakes.baseUrl(FakeEndpoint.YAHOO));
        out.printf("  alphavantage  rest-url = %s%n", fakes.baseUrl(FakeEndpoint.ALPHAVANTAGE));
        out.printf("  twelvedata    rest-url = %s%n", fakes.baseUrl(FakeEndpoint.TWELVEDATA_REST));
        out.printf("  twelvedata    ws-url   = %s%n", fakes.baseUrl(FakeEndpoint.TWELVEDATA_WS));
        out.printf("  faults: curl -X POST %s%s/{endpoint}/{fault}; state: curl %s%s%n", fakes.httpBase(),
                FaultsAdmin.PREFIX, fakes.httpBase(), FaultsAdmin.PREFIX);
        out.println("  Ctrl+C stops.");
    }

    private static String key(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
