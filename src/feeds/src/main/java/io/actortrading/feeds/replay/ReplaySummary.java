package io.actortrading.feeds.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * What reading one or more replay files came to.
 *
 * @param files          files read to the end
 * @param lines          lines read, blank ones and headers included
 * @param events         market events produced
 * @param skippedLines   lines rejected in whole or (a polygon-ws frame with some bad events) in part
 * @param problemCount   every problem found; at least {@code skippedLines}
 * @param problems       the first {@link ReplayReader#MAX_RECORDED_PROBLEMS} problems, in file order
 * @param statusMessages provider status messages seen (polygon-ws {@code status} events)
 * @param ignoredEvents  well-formed provider events deliberately not replayed (polygon-ws per-second aggregates)
 */
public record ReplaySummary(int files, long lines, long events, long skippedLines, long problemCount,
                            List<ReplayProblem> problems, long statusMessages, long ignoredEvents) {

    public ReplaySummary {
        problems = List.copyOf(problems);
    }

    public static ReplaySummary empty() {
        return new ReplaySummary(0, 0, 0, 0, 0, List.of(), 0, 0);
    }

    /** Whether every line was usable. */
    public boolean clean() {
        return problemCount == 0;
    }

    /** This summary followed by another file's (or files'). */
    public ReplaySummary plus(ReplaySummary next) {
        List<ReplayProblem> merged = new ArrayList<>(problems);
        for (ReplayProblem p : next.problems) {
            if (merged.size() == ReplayReader.MAX_RECORDED_PROBLEMS) {
                break;
            }
            merged.add(p);
        }
        return new ReplaySummary(files + next.files, lines + next.lines, events + next.events,
                skippedLines + next.skippedLines, problemCount + next.problemCount, merged,
                statusMessages + next.statusMessages, ignoredEvents + next.ignoredEvents);
    }
}
