package io.actortrading.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableRendererTest {

    @Test
    void columnsAreAlignedTwoSpacesApartWithoutTrailingBlanks() {
        String table = TableRenderer.withColumns("NAME", "COUNT", "NOTE")
                .alignRight("COUNT")
                .row("a", "7", "short")
                .row("longer-name", "12345", null)
                .render();

        assertThat(table).isEqualTo("""
                NAME         COUNT  NOTE
                a                7  short
                longer-name  12345  -
                """);
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRejected() {
        TableRenderer table = TableRenderer.withColumns("A", "B");

        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
