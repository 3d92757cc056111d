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
}
