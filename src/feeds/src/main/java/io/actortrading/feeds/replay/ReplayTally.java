package io.actortrading.feeds.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The running counts of one replay file, kept by its reader and its decoder. */
final class ReplayTally {

    private final Path file;
    private final List<ReplayProblem> problems = new ArrayList<>();
    long lines;
    long events;
    long statusMessages;
    long ignoredEvents;
    private long skippedLines;
    private long problemCount;
    private long lastSkippedLine;

    ReplayTally(Path file) {
        this.file = file;
    }

    /** Records a problem on a line; the line counts as skipped once however many problems it has. */
    void problem(long line, String reason) {
        problemCount++;
        if (problems.size() < ReplayReader.MAX_RECORDED_PROBLEMS) {
            problems.add(new ReplayProblem(file, line, reason));
        }
        if (line != lastSkippedLine) {
            skippedLines++;
            lastSkippedLine = line;
        }
    }

    List<ReplayProblem> problems() {
        return List.copyOf(problems);
    }

    long skippedLines() {
        return skippedLines;
    }

    long problemCount() {
        return problemCount;
    }

    ReplaySummary summary(int filesCompleted) {
        return new ReplaySummary(filesCompleted, lines, events, skippedLines, problemCount, problems,
                statusMessages, ignoredEvents);
    }
}
