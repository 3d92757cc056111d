package io.actortrading.feeds.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineInputTest {

    /** Hands out at most {@code chunk} characters per read, so line breaks fall across buffer refills. */
    private static final class TrickleReader extends Reader {
        private final Reader delegate;
        private final int chunk;

        TrickleReader(String text, int chunk) {
            this.delegate = new StringReader(text);
            this.chunk = chunk;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            return delegate.read(buffer, offset, Math.min(length, chunk));
        }

        @Override
        public void close() {
        }
    }

    private static List<String> lines(LineInput input) throws IOException {
        List<String> lines = new ArrayList<>();
        while (input.next()) {
            lines.add(input.overlong() ? "<overlong>"
                    : input.lineNumber() + ":" + new String(input.buffer(), input.start(), input.end() - input.start()));
        }
        return lines;
    }

    @Test
    void splitsOnEveryKindOfLineBreak() throws IOException {
        LineInput input = new LineInput(new StringReader("a\nb\r\nc\rd\n\ne"));

        assertThat(lines(input)).containsExactly("1:a", "2:b", "3:c", "4:d", "5:", "6:e");
    }

    @Test
    void doesNotInventALineAfterTheFinalBreak() throws IOException {
        assertThat(lines(new LineInput(new StringReader("a\r\n")))).containsExactly("1:a");
        assertThat(lines(new LineInput(new StringReader("")))).isEmpty();
    }

    @Test
    void findsLinesWhateverTheReadsDeliver() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 2_000; i++) {
            String line = "line-" + i + "-" + "x".repeat(i % 97);
            text.append(line).append(i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r");
            expected.add(i + ":" + line);
        }
        for (int chunk : new int[] {1, 2, 7, 4096, 1 << 20}) {
            assertThat(lines(new LineInput(new TrickleReader(text.toString(), chunk)))).as("chunk %d", chunk)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void growsForLongLines() throws IOException {
        String longLine = "y".repeat(300_000);

        assertThat(lines(new LineInput(new TrickleReader("a\n" + longLine + "\nb", 10_000))))
                .containsExactly("1:a", "2:" + longLine, "3:b");
    }

    @Test
    void dropsLinesOverTheLimitAndKeepsCountingLines() throws IOException {
        LineInput input = new LineInput(new TrickleReader("short\n" + "z".repeat(100) + "\nnext\n" + "w".repeat(100), 3), 10);

        assertThat(lines(input)).containsExactly("1:short", "<overlong>", "3:next", "<overlong>");
        assertThat(input.lineNumber()).isEqualTo(4);
    }
}
