import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes ../replay/alphavantage.json: a TIME_SERIES_INTRADAY 1min answer for NVDA, 2026-03-02 09:30 to
 * 10:59 US/Eastern (90 bars), newest first as Alpha Vantage sends it. Seeded, so a rerun writes the same
 * file. Run from this directory: java ReplayFixture.java > ../replay/alphavantage.json
 */
public class ReplayFixture {
    public static void main(String[] args) {
        Random random = new Random(20260302L);
        LocalDateTime open = LocalDateTime.of(2026, 3, 2, 9, 30);
        int minutes = 90;
        double price = 182.40;
        List<String> entries = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            double o = price;
            double c = Math.max(1.0, o + random.nextGaussian() * 0.12);
            double h = Math.max(o, c) + random.nextDouble() * 0.08;
            double l = Math.min(o, c) - random.nextDouble() * 0.08;
            long volume = 150_000 + random.nextInt(600_000);
            String time = open.plusMinutes(m).toString().replace('T', ' ') + ":00";
            entries.add(String.format(Locale.ROOT,
                    "\"%s\":{\"1. open\":\"%.4f\",\"2. high\":\"%.4f\",\"3. low\":\"%.4f\",\"4. close\":\"%.4f\",\"5. volume\":\"%d\"}",
                    time, o, h, l, c, volume));
            price = Double.parseDouble(String.format(Locale.ROOT, "%.4f", c));
        }
        String last = open.plusMinutes(minutes - 1).toString().replace('T', ' ') + ":00";
        StringBuilder out = new StringBuilder();
        out.append("{\"Meta Data\":{\"1. Information\":\"Intraday (1min) open, high, low, close prices and volume\",")
                .append("\"2. Symbol\":\"NVDA\",\"3. Last Refreshed\":\"").append(last).append("\",")
                .append("\"4. Interval\":\"1min\",\"5. Output Size\":\"Compact\",\"6. Time Zone\":\"US/Eastern\"},\n")
                .append(" \"Time Series (1min)\":{\n");
        for (int i = entries.size() - 1; i >= 0; i--) {
            out.append("  ").append(entries.get(i)).append(i > 0 ? ",\n" : "\n");
        }
        out.append("}}");
        System.out.println(out);
    }
}
