# Writes ../replay/twelvedata.json: one Twelve Data time_series body of AAPL, 90 one-minute bars of the
# 2026-03-02 regular session from 09:30 ET, newest first as Twelve Data sends them. Seeded: the same file
# every run. Run from this directory: python3 gen-replay.py
import json
import random

rng = random.Random(20260302)
price = 241.50
bars = []
for minute in range(90):
    hour, mins = divmod(9 * 60 + 30 + minute, 60)
    open_ = price
    close = round(max(1.0, open_ + rng.gauss(0, 0.12)), 5)
    high = round(max(open_, close) + abs(rng.gauss(0, 0.05)), 5)
    low = round(min(open_, close) - abs(rng.gauss(0, 0.05)), 5)
    volume = int(rng.uniform(40_000, 400_000) * (2.0 if minute < 15 else 1.0))
    bars.append({"datetime": f"2026-03-02 {hour:02d}:{mins:02d}:00", "open": f"{open_:.5f}", "high": f"{high:.5f}",
                 "low": f"{low:.5f}", "close": f"{close:.5f}", "volume": str(volume)})
    price = close
bars.reverse()
body = {"meta": {"symbol": "AAPL", "interval": "1min", "currency": "USD", "exchange_timezone": "America/New_York",
                 "exchange": "NASDAQ", "mic_code": "XNGS", "type": "Common Stock"},
        "values": bars, "status": "ok"}
with open("../replay/twelvedata.json", "w") as out:
    json.dump(body, out, separators=(",", ":"))
    out.write("\n")
