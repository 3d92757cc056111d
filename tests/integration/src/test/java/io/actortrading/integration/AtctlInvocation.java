package io.actortrading.integration;

import io.actortrading.cli.Atctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * One atctl invocation run in-process, with what it printed ({@link Atctl#main} would end the test JVM).
 *
 * @param exitCode what the atctl process would have exited with
 * @param out      standard output
 * @param err      standard error
 */
public record AtctlInvocation(int exitCode, String out, String err) {

    /** Runs atctl with {@code args} and an empty environment, so no $ATCTL_HOST of the test run leaks in. */
    public static AtctlInvocation run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Atctl.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new AtctlInvocation(exitCode, out.toString(), err.toString());
    }

    /** Runs atctl with {@code args} against the node at {@code host}; fails the test unless it exits 0. */
    public static AtctlInvocation succeeding(String host, String... args) {
        String[] withHost = new String[args.length + 2];
        withHost[0] = "--host";
        withHost[1] = host;
        System.arraycopy(args, 0, withHost, 2, args.length);
        AtctlInvocation result = run(withHost);
        if (result.exitCode() != 0) {
            throw new AssertionError("atctl " + String.join(" ", withHost) + " exited " + result.exitCode() + ": "
                    + result.err());
        }
        return result;
    }
}
