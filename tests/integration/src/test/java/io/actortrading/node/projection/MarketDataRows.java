package io.actortrading.node.projection;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The rows of {@code market_data} as bars, for comparing with what symbols computed. */
final class MarketDataRows {

    private MarketDataRows() {
    }

    /** Every row; a row keeps its bar's start, not its end, so the bars come back with end 0. */
    static List<Bar> read(Connection c) throws SQLException {
        List<Bar> bars = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT symbol, timeframe, (extract(epoch FROM start) * 1000)::bigint, open, "
                     + "high, low, close, volume, vwap, trades, source FROM market_data")) {
            while (rs.next()) {
                Timeframe tf = Timeframe.fromLabel(rs.getString(2)).orElseThrow();
                bars.add(new Bar(rs.getString(1), tf, rs.getLong(3), 0, rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getLong(10),
                        rs.getString(11)));
            }
        }
        return bars;
    }

    /** The bars as the table holds them. */
    static List<Bar> withoutEnds(List<Bar> bars) {
        return bars.stream().map(bar -> new Bar(bar.symbol(), bar.timeframe(), bar.start(), 0, bar.open(), bar.high(),
                bar.low(), bar.close(), bar.volume(), bar.vwap(), bar.trades(), bar.source())).toList();
    }
}
