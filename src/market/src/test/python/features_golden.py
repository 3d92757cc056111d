#!/usr/bin/python3
"""Golden values of the model's 12-value feature vector, computed by pandas itself.

Rerun (from anywhere; it writes next to the Java tests and is deterministic, so an unchanged
pandas reproduces the committed file byte for byte):

    apt-get update && apt-get install -y python3-pandas   # only if the import below fails
    /usr/bin/python3 src/market/src/test/python/features_golden.py

Always Debian's /usr/bin/python3: `python3` on PATH may be another interpreter without pandas.
The committed file was written by pandas 1.5.3 / numpy 1.24.2 (Debian 12); the versions are
recorded in its first line. FeatureWindowGoldenTest (src/market/src/test/java/.../features)
feeds the bars to FeatureWindow and compares every value of every vector.

Output: src/market/src/test/resources/features/features_golden.csv, one row per 1-minute bar:
    series,symbol,zone,start_ms,open,high,low,close,volume,<the 12 feature names>
The feature columns are empty for the first 49 bars of a series and hold, from the 50th bar on,
the vector of the trailing 50-row window exactly as DESIGN.md section 7 defines it. Floats are
written with repr(), which round-trips to the same double in Java's Double.parseDouble.

The series cover the numerically awkward cases on purpose: flat closes (RSI 0/0, zero
volatility), zero volume (volume_ratio and vwap 0/0), big jumps, strictly monotonic runs (no
losses: rs = inf; no gains: rs = 0), prices near 0.0001 and near 100000, US equity bars in
America/New_York across both DST switches and a weekend, crypto/forex bars in UTC, and closes
of 0 (which the validator normally rejects) so that nan_to_num's +-inf mapping is pinned too.

Residue audit (printed on every run): pandas' rolling mean and variance are online algorithms
(Kahan-compensated sums and Welford updates that add and remove values as the window slides),
so their results can differ from the exact value of the window. The audit compares them with
exact rational arithmetic. With pandas 1.5.3 a window whose exact mean or variance is 0 always
comes out as an exact 0 (or -0.0 for the all-"-0.0" loss series), because pandas returns the
repeated value itself when every observation in the window is the same (GH#42064), and only an
all-equal window has mean or variance 0 here. Without that rule the residue would be real: a
Java replay with the rule removed gave volatility 3e-12 to 5e-12 where pandas says 0 (flat_runs,
zero_volume_crypto). So no absolute floor is needed: the Java side replays pandas' online
algorithms operation for operation, rule included, and is compared with a purely relative
tolerance of 1e-9. Off nonzero values pandas' own online error reaches 1.8e-12 relative
(returns_var_20 after the jumps); the replay reproduces those bits too.
"""

import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

WINDOW = 50
NAMES = ["returns", "log_returns", "sma_5", "sma_20", "ema_12", "volatility", "rsi",
         "volume_ratio", "vwap", "hour", "minute", "close"]
NEW_YORK = "America/New_York"
UTC = "UTC"
MINUTE_MS = 60_000

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "..", "resources", "features", "features_golden.csv")


def features(window: pd.DataFrame, zone: str) -> np.ndarray:
    """The vector of the window's last row, written the way the model's training code wrote it."""
    c = window["close"]
    v = window["volume"]
    returns = c.pct_change()
    log_returns = np.log(c / c.shift(1))
    sma_5 = c.rolling(5).mean()
    sma_20 = c.rolling(20).mean()
    ema_12 = c.ewm(span=12, adjust=True).mean()
    volatility = returns.rolling(20).std()
    delta = c.diff()
    gain = delta.where(delta > 0, 0)
    loss = -delta.where(delta < 0, 0)
    rs = gain.rolling(14).mean() / loss.rolling(14).mean()
    rsi = 100 - 100 / (1 + rs)
    volume_ratio = v / v.rolling(20).mean()
    vwap = (c * v).cumsum() / v.cumsum()
    local = pd.to_datetime(window["start_ms"], unit="ms", utc=True).dt.tz_convert(zone)
    columns = [returns, log_returns, sma_5, sma_20, ema_12, volatility, rsi, volume_ratio, vwap,
               local.dt.hour, local.dt.minute, c]
    return np.nan_to_num(np.array([col.iloc[-1] for col in columns], dtype=np.float64))


# --------------------------------------------------------------------------------------------
# Bar series. Only close, volume and start feed the vector; open/high/low are made plausible
# so that the rows are valid bars for the rest of the system too.

def minutes_from_utc(start: datetime, count: int) -> list:
    first = int(start.timestamp() * 1000)
    return [first + k * MINUTE_MS for k in range(count)]


def session_minutes(day: str, local_open: str, count: int, zone: str) -> list:
    local = datetime.fromisoformat(f"{day}T{local_open}").replace(tzinfo=ZoneInfo(zone))
    return [int((local + timedelta(minutes=k)).timestamp() * 1000) for k in range(count)]


def make_bars(rng, starts, closes, volumes, decimals):
    bars = []
    prev = closes[0]
    for start, close, volume in zip(starts, closes, volumes):
        open_ = prev
        wick = abs(close) * rng.random() * 0.0005
        high = round(max(open_, close) + wick, decimals)
        low = round(max(min(open_, close) - wick, 0.0), decimals)
        if volume == 0:
            high, low = max(open_, close), min(open_, close)
        bars.append((start, open_, high, low, close, volume))
        prev = close
    return bars


def walk(rng, price, count, sigma, decimals):
    out = []
    for _ in range(count):
        price = price * math.exp(rng.gauss(0.0, sigma))
        out.append(round(price, decimals))
    return out


def u_shaped_volumes(rng, count, typical, integral=True):
    out = []
    for k in range(count):
        edge = 1.0 + 2.0 * (abs(k - count / 2) / (count / 2)) ** 4
        volume = typical * edge * rng.lognormvariate(0.0, 0.6)
        out.append(float(round(volume)) if integral else round(volume, 8))
    return out


def random_walk(rng):
    starts = session_minutes("2024-06-12", "09:30", 200, NEW_YORK)
    closes = walk(rng, 189.73, 200, 0.0009, 2)
    return "AAPL", NEW_YORK, make_bars(rng, starts, closes, u_shaped_volumes(rng, 200, 45_000), 2)


def flat_runs(rng):
    closes = walk(rng, 61.20, 30, 0.0006, 2)
    closes += [closes[-1]] * 16          # 15 unchanged closes: gains and losses both 0 -> RSI 0/0
    closes += walk(rng, closes[-1], 25, 0.0006, 2)
    closes += [closes[-1]] * 25          # 21+ unchanged closes: volatility exactly 0
    closes += walk(rng, closes[-1], 20, 0.0006, 2)
    closes += [closes[-1]] * 70          # a whole window of one price
    closes += walk(rng, closes[-1], 14, 0.0006, 2)
    starts = session_minutes("2024-06-13", "09:30", len(closes), NEW_YORK)
    return "KO", NEW_YORK, make_bars(rng, starts, closes, u_shaped_volumes(rng, len(closes), 12_000), 2)


def zero_volume_crypto(rng):
    # No trades for 80 minutes: the provider repeats the last close with volume 0, so a window can
    # hold no volume at all (vwap 0/0) and the 20-bar volume mean can be 0 (volume_ratio 0/0).
    count = 210
    closes = walk(rng, 2231.47, 60, 0.0012, 2)
    closes += [closes[-1]] * 80
    closes += walk(rng, closes[-1], count - 140, 0.0012, 2)
    volumes = [round(rng.lognormvariate(0.0, 1.0) * 3.5, 8) for _ in range(60)]
    volumes += [0.0] * 80
    volumes += [round(rng.lognormvariate(0.0, 1.0) * 3.5, 8) for _ in range(count - 140)]
    starts = minutes_from_utc(datetime(2024, 1, 6, 23, 0, tzinfo=timezone.utc), count)
    return "ETH-USD", UTC, make_bars(rng, starts, closes, volumes, 2)


def forex_without_volume(rng):
    # Forex feeds quote prices but no volume: every window is 0/0 for vwap and volume_ratio.
    count = 90
    closes = walk(rng, 1.08417, count, 0.0002, 5)
    starts = minutes_from_utc(datetime(2024, 5, 14, 13, 21, tzinfo=timezone.utc), count)
    return "EUR/USD", UTC, make_bars(rng, starts, closes, [0.0] * count, 5)


def jumps(rng):
    closes = walk(rng, 248.50, 60, 0.001, 2)
    closes.append(round(closes[-1] * 1.25, 2))     # news: +25 %
    closes += walk(rng, closes[-1], 20, 0.004, 2)
    closes.append(round(closes[-1] * 0.60, 2))     # halt and reopen -40 %
    closes += walk(rng, closes[-1], 30, 0.003, 2)
    closes.append(round(closes[-1] * 1.60, 2))     # +60 %
    closes.append(round(closes[-1] + 0.01, 2))     # one tick right after
    closes += walk(rng, closes[-1], 37, 0.002, 2)
    starts = session_minutes("2024-07-02", "09:30", len(closes), NEW_YORK)
    volumes = u_shaped_volumes(rng, len(closes), 80_000)
    for jump in (60, 81, 112):
        volumes[jump] *= 40.0
    return "TSLA", NEW_YORK, make_bars(rng, starts, closes, volumes, 2)


def monotonic_runs(rng):
    closes = walk(rng, 121.05, 20, 0.0008, 2)
    for _ in range(60):                   # strictly rising: no losses, rs = inf, RSI 100
        closes.append(round(closes[-1] + 0.01 * rng.randint(1, 9), 2))
    for _ in range(40):                   # strictly falling: no gains, rs = 0, RSI 0
        closes.append(round(closes[-1] - 0.01 * rng.randint(1, 9), 2))
    closes += walk(rng, closes[-1], 30, 0.0008, 2)
    starts = session_minutes("2024-07-03", "09:30", len(closes), NEW_YORK)
    return "NVDA", NEW_YORK, make_bars(rng, starts, closes, u_shaped_volumes(rng, len(closes), 300_000), 2)


def tiny_prices(rng):
    count = 130
    closes = walk(rng, 0.00010371, count, 0.004, 8)
    volumes = [float(round(rng.lognormvariate(0.0, 0.8) * 4.0e9)) for _ in range(count)]
    starts = minutes_from_utc(datetime(2024, 2, 29, 23, 30, tzinfo=timezone.utc), count)
    return "SHIB-USD", UTC, make_bars(rng, starts, closes, volumes, 8)


def large_prices(rng):
    count = 130
    closes = walk(rng, 99_871.42, count, 0.0007, 2)
    volumes = [round(rng.lognormvariate(0.0, 1.0) * 0.8, 8) for _ in range(count)]
    starts = minutes_from_utc(datetime(2024, 12, 31, 23, 20, tzinfo=timezone.utc), count)
    return "BTC-USD", UTC, make_bars(rng, starts, closes, volumes, 2)


def dst_spring_overnight(rng):
    # Overnight equity bars on 2024-03-10: 01:59 EST is followed by 03:00 EDT.
    count = 150
    starts = minutes_from_utc(datetime(2024, 3, 10, 5, 50, tzinfo=timezone.utc), count)
    closes = walk(rng, 511.83, count, 0.0003, 2)
    return "SPY", NEW_YORK, make_bars(rng, starts, closes, u_shaped_volumes(rng, count, 900), 2)


def dst_fall_overnight(rng):
    # Overnight equity bars on 2024-11-03: 01:00-01:59 happens twice (EDT, then EST).
    count = 150
    starts = minutes_from_utc(datetime(2024, 11, 3, 4, 50, tzinfo=timezone.utc), count)
    closes = walk(rng, 568.64, count, 0.0003, 2)
    return "SPY", NEW_YORK, make_bars(rng, starts, closes, u_shaped_volumes(rng, count, 900), 2)


def weekend_across_dst(rng):
    # Friday's last 40 minutes in EST, then Monday's session in EDT: one window spans both offsets.
    starts = session_minutes("2024-03-08", "15:20", 40, NEW_YORK)
    starts += session_minutes("2024-03-11", "09:30", 70, NEW_YORK)
    closes = walk(rng, 439.02, len(starts), 0.0008, 2)
    return "QQQ", NEW_YORK, make_bars(rng, starts, closes, u_shaped_volumes(rng, len(starts), 60_000), 2)


def zero_close(rng):
    # Degenerate input the validator normally rejects, kept to pin nan_to_num: a close of 0 gives
    # log(0/c) = -inf, the next bar c/0 - 1 = +inf and log(c/0) = +inf, two zeros in a row 0/0.
    closes = walk(rng, 3.17, 60, 0.002, 2) + [0.0, 0.0, 3.05, 3.08] + walk(rng, 3.08, 10, 0.002, 2)
    closes += [0.0, 2.99] + walk(rng, 2.99, 8, 0.002, 2)
    starts = session_minutes("2024-08-05", "09:30", len(closes), NEW_YORK)
    return "ZERO", NEW_YORK, make_bars(rng, starts, closes, u_shaped_volumes(rng, len(closes), 5_000), 2)


SERIES = [
    ("random_walk", random_walk),
    ("flat_runs", flat_runs),
    ("zero_volume_crypto", zero_volume_crypto),
    ("forex_without_volume", forex_without_volume),
    ("jumps", jumps),
    ("monotonic_runs", monotonic_runs),
    ("tiny_prices", tiny_prices),
    ("large_prices", large_prices),
    ("dst_spring_overnight", dst_spring_overnight),
    ("dst_fall_overnight", dst_fall_overnight),
    ("weekend_across_dst", weekend_across_dst),
    ("zero_close", zero_close),
]


# --------------------------------------------------------------------------------------------
# Residue audit: pandas' online rolling statistics against exact rational arithmetic.

def exact_mean(values):
    values = [Fraction(x) for x in values]
    return sum(values) / len(values)


def exact_var(values):
    values = [Fraction(x) for x in values]
    mean = sum(values) / len(values)
    return sum((x - mean) ** 2 for x in values) / (len(values) - 1)


class ResidueAudit:
    def __init__(self):
        self.exact_zero = 0
        self.residue_at_zero = []
        self.worst = {}

    def check(self, label, where, online, tail, exact_of):
        if not all(math.isfinite(x) for x in tail):
            return
        exact = exact_of(tail)
        if exact == 0:
            self.exact_zero += 1
            if online != 0.0:
                self.residue_at_zero.append((label, where, online))
            return
        error = abs(float((Fraction(online) - exact) / exact))
        if error > self.worst.get(label, (0.0, None))[0]:
            self.worst[label] = (error, where)

    def window(self, where, w: pd.DataFrame):
        c, v = w["close"], w["volume"]
        returns = c.pct_change()
        delta = c.diff()
        gain = delta.where(delta > 0, 0)
        loss = -delta.where(delta < 0, 0)
        for label, series, n, stat in (
                ("sma_5", c, 5, "mean"), ("sma_20", c, 20, "mean"), ("volume_mean_20", v, 20, "mean"),
                ("gain_mean_14", gain, 14, "mean"), ("loss_mean_14", loss, 14, "mean"),
                ("returns_var_20", returns, 20, "var")):
            tail = series.iloc[-n:].tolist()
            if stat == "mean":
                self.check(label, where, series.rolling(n).mean().iloc[-1], tail, exact_mean)
            else:
                self.check(label, where, series.rolling(n).var().iloc[-1], tail, exact_var)

    def report(self):
        print(f"residue audit: {self.exact_zero} rolling statistics are exactly 0;"
              f" pandas left a residue in {len(self.residue_at_zero)} of them", file=sys.stderr)
        for label, where, online in self.residue_at_zero[:20]:
            print(f"  residue {label} at {where}: {online!r}", file=sys.stderr)
        for label, (error, where) in sorted(self.worst.items()):
            print(f"  largest relative deviation from exact, {label}: {error:.3e} at {where}", file=sys.stderr)


def main():
    np.seterr(divide="ignore", invalid="ignore")  # log(0) and 0/0 are intended in zero_close
    rng = random.Random(20240612)
    audit = ResidueAudit()
    lines = [f"# pandas {pd.__version__} numpy {np.__version__}; generated by src/market/src/test/python/features_golden.py",
             ",".join(["series", "symbol", "zone", "start_ms", "open", "high", "low", "close", "volume"] + NAMES)]
    vectors = 0
    for name, make in SERIES:
        symbol, zone, bars = make(rng)
        frame = pd.DataFrame(bars, columns=["start_ms", "open", "high", "low", "close", "volume"])
        frame["volume"] = frame["volume"].astype(np.float64)
        for row, (start, open_, high, low, close, volume) in enumerate(bars):
            cells = [name, symbol, zone, str(start)] + [repr(float(x)) for x in (open_, high, low, close, volume)]
            if row + 1 >= WINDOW:
                window = frame.iloc[row + 1 - WINDOW: row + 1].reset_index(drop=True)
                cells += [repr(float(x)) for x in features(window, zone)]
                audit.window(f"{name} row {row}", window)
                vectors += 1
            else:
                cells += [""] * len(NAMES)
            lines.append(",".join(cells))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="ascii", newline="\n") as out:
        out.write("\n".join(lines) + "\n")
    print(f"wrote {vectors} vectors of {len(SERIES)} series to {os.path.normpath(OUT)}", file=sys.stderr)
    audit.report()


if __name__ == "__main__":
    main()
