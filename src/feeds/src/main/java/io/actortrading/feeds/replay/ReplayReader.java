package io.actortrading.feeds.replay;

import io.actortrading.market.MarketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Streams the market events of one replay file, a line at a time, without loading the file.
 *
 * <p>Malformed lines never stop a replay: each problem is counted and recorded with its file and line
 * (the first {@link #MAX_RECORDED_PROBLEMS} are kept) and the line is skipped. The file is read as
 * UTF-8; bytes that are not UTF-8 become U+FFFD and so fail the line they are on. Only a file that
 * cannot be opened or read at all raises {@link ReplayFileException}. Not thread-safe.
 */
public final class ReplayReader implements AutoCloseable {

    /** Problems beyond this many are counted but not kept: one broken file must not fill the heap. */
    public static final int MAX_RECORDED_PROBLEMS = 100;

    private final Path file;
    private final LineInput input;
    private final ReplayTally tally;
    private final ReplayDecoder decoder;
    private final Consumer<MarketEvent> countingSink = this::deliver;
    private Consumer<MarketEvent> sink;
    private boolean exhausted;

    private ReplayReader(Path file, ReplayFormat format, String source, InputStream in) {
        this.file = file;
        this.input = new LineInput(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.tally = new ReplayTally(file);
        this.decoder = format.decoder(input, tally, source);
    }

    /**
     * Opens a file for replay; events carry {@code source} as their source id.
     *
     * @throws ReplayFileException when the file does not exist, is a directory or cannot be read
     */
    public static ReplayReader open(Path file, ReplayFormat format, String source) {
        if (Files.isDirectory(file)) {
            throw new ReplayFileException(file, "is a directory, not a file", null);
        }
        try {
            return new ReplayReader(file, format, source, Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new ReplayFileException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ReplayFileException(file, "permission denied", e);
        } catch (IOException e) {
            throw new ReplayFileException(file, "cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Reads content that does not come from a file (tests); {@code name} stands for the file in problems. */
    static ReplayReader of(Path name, ReplayFormat format, String source, InputStream content) {
        return new ReplayReader(name, format, source, content);
    }

    /**
     * Reads the next line and hands its events to {@code sink}: none for a blank, header, status-only or
     * malformed line, several for a Polygon frame. Returns false once the file is exhausted.
     *
     * @throws ReplayFileException when reading fails (an I/O error, not bad content)
     */
    public boolean next(Consumer<MarketEvent> sink) {
        if (exhausted) {
            return false;
        }
        this.sink = sink;
        try {
            exhausted = !decoder.next(countingSink);
            return !exhausted;
        } catch (IOException e) {
            throw new ReplayFileException(file, "read failed after line " + tally.lines + ": " + e.getMessage(), e);
        }
    }

    private void deliver(MarketEvent event) {
        tally.events++;
        sink.accept(event);
    }

    public Path file() {
        return file;
    }

    /** The first {@link #MAX_RECORDED_PROBLEMS} problems so far, in line order. */
    public List<ReplayProblem> problems() {
        return tally.problems();
    }

    /** Every problem so far, recorded or not. */
    public long problemCount() {
        return tally.problemCount();
    }

    /** Lines rejected in whole or, for a polygon-ws frame with some bad events, in part. */
    public long skippedLines() {
        return tally.skippedLines();
    }

    /** Lines read so far. */
    public long lines() {
        return tally.lines;
    }

    /** Events handed out so far. */
    public long events() {
        return tally.events;
    }

    /** The counts so far; {@code files} is 1 once the file has been read to its end. */
    public ReplaySummary summary() {
        return tally.summary(exhausted ? 1 : 0);
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            throw new ReplayFileException(file, "cannot be closed: " + e.getMessage(), e);
        }
    }

    /**
     * The events of several files, one file after another, for a stream. Files are opened lazily, as
     * the stream reaches them, on Pekko's blocking-I/O dispatcher. The materialized value completes
     * with the summary of all files once the last is read (or, if downstream cancels early, with what
     * had been read by then, which may run ahead of what downstream took); it fails, like the stream, with {@link ReplayFileException} if a file cannot be read.
     */
    public static Source<MarketEvent, CompletionStage<ReplaySummary>> source(List<Path> files, ReplayFormat format,
                                                                             String source) {
        return Source.fromGraph(new ReplayStage(List.copyOf(files), format, source));
    }
}
