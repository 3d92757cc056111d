package io.actortrading.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Answers written the way /work/notes/inspection-api.md specifies them. */
final class ContractDocuments {

    static final String NODE_A = "pekko://ActorTrading@127.0.0.1:25520";
    static final String NODE_B = "pekko://ActorTrading@127.0.0.1:25521";
    static final String NODE_C = "pekko://ActorTrading@127.0.0.1:25522";

    static final String CLUSTER_MEMBERS = """
            {"selfNode": "pekko://ActorTrading@127.0.0.1:25521",
             "leader": "pekko://ActorTrading@127.0.0.1:25520",
             "oldest": "pekko://ActorTrading@127.0.0.1:25520",
             "oldestPerRole": {"feed": "pekko://ActorTrading@127.0.0.1:25520"},
             "members": [
               {"node": "pekko://ActorTrading@127.0.0.1:25522", "nodeUid": "-3", "status": "Joining", "roles": ["symbols", "dc-default"]},
               {"node": "pekko://ActorTrading@127.0.0.1:25520", "nodeUid": "1", "status": "Up", "roles": ["feed", "dc-default"]},
               {"node": "pekko://ActorTrading@127.0.0.1:25521", "nodeUid": "2", "status": "Up", "roles": ["portfolio", "dc-default"]}
             ],
             "unreachable": [{"node": "pekko://ActorTrading@127.0.0.1:25522", "observedBy": ["pekko://ActorTrading@127.0.0.1:25520"]}]}
            """;

    static final String REGION_STATS = """
            {"node": "pekko://ActorTrading@127.0.0.1:25520",
             "regions": [
               {"type": "symbol", "node": "pekko://ActorTrading@127.0.0.1:25520", "shards": 7, "entities": 12, "perShard": {"3": 2, "9": 1}},
               {"type": "symbol", "node": "pekko://ActorTrading@127.0.0.1:25521", "shards": 5, "entities": 9, "perShard": {"4": 9}}
             ]}
            """;

    static final String ACTOR_TREE = """
            {"node": "pekko://ActorTrading@127.0.0.1:25520",
             "root": {"name": "user", "path": "pekko://ActorTrading/user", "children": [
               {"name": "feeds", "path": "pekko://ActorTrading/user/feeds", "children": [
                 {"name": "synthetic", "path": "pekko://ActorTrading/user/feeds/synthetic", "children": []},
                 {"name": "router", "path": "pekko://ActorTrading/user/feeds/router"}
               ]},
               {"name": "registry", "path": "pekko://ActorTrading/user/registry", "children": []}
             ]}}
            """;

    static final String SYMBOLS = """
            {"symbols": [
              {"symbol": "NVDA", "assetClass": "US_EQUITY", "zone": "America/New_York", "sources": ["synthetic"], "status": "live"},
              {"symbol": "EUR/USD", "assetClass": "FX", "zone": "UTC", "sources": ["twelvedata", "polygon"], "status": "warming"}
            ]}
            """;

    static final String SYMBOL_NVDA = """
            {"symbol": "NVDA", "assetClass": "US_EQUITY", "zone": "America/New_York", "sources": ["synthetic"],
             "lastPrice": 912.5, "lastEventAt": "2026-03-02T15:04:05.123Z", "quality": 0.998,
             "counters": {"ticks": 1234, "applied": 1230, "late": 1, "duplicates": 2, "outsideSession": 0,
                          "rejected": {"PRICE_SPIKE": 1}, "barsClosed": 42},
             "forming": [
               {"symbol": "NVDA", "timeframe": "1m", "start": "2026-03-02T15:04:00Z", "end": "2026-03-02T15:05:00Z",
                "open": 912.0, "high": 913.25, "low": 911.75, "close": 912.5, "volume": 1500, "vwap": 912.4, "trades": 17, "source": "polygon"},
               {"symbol": "NVDA", "timeframe": "5m", "start": "2026-03-02T15:00:00Z", "end": "2026-03-02T15:05:00Z",
                "open": 910.0, "high": 913.25, "low": 909.5, "close": 912.5, "volume": 8000, "vwap": 911.9, "trades": 88}
             ],
             "closed": [
               {"symbol": "NVDA", "timeframe": "1m", "start": "2026-03-02T15:03:00Z", "end": "2026-03-02T15:04:00Z",
                "open": 911.0, "high": 912.1, "low": 910.9, "close": 912.0, "volume": 1200, "vwap": 911.6, "trades": 14},
               {"symbol": "NVDA", "timeframe": "5m", "start": "2026-03-02T14:55:00Z", "end": "2026-03-02T15:00:00Z",
                "open": 905.0, "high": 910.5, "low": 904.0, "close": 910.0, "volume": 9100, "vwap": 907.3, "trades": 95},
               {"symbol": "NVDA", "timeframe": "1m", "start": "2026-03-02T15:02:00Z", "end": "2026-03-02T15:03:00Z",
                "open": 910.5, "high": 911.2, "low": 910.1, "close": 911.0, "volume": 900, "vwap": 910.8, "trades": 11},
               {"symbol": "NVDA", "timeframe": "1m", "start": "2026-03-02T15:03:00Z", "end": "2026-03-02T15:04:00Z",
                "open": 911.0, "high": 912.1, "low": 910.9, "close": 912.0, "volume": 1200, "vwap": 911.6, "trades": 14}
             ],
             "indicators": {"5m": {"sma_20": 905.125, "rsi_14": null},
                            "1m": {"sma_20": 911.2, "rsi_14": 61.23456789, "macd": -0.5}},
             "features": {"names": ["returns", "log_returns", "sma_5", "sma_20", "ema_12", "volatility", "rsi",
                                    "volume_ratio", "vwap", "hour", "minute", "close"],
                          "values": [0.000548, 0.000548, 911.1, 911.2, 911.4, 0.0012, 61.2, 1.3, 910.7, 10, 4, 912.0]},
             "featuresAt": "2026-03-02T15:04:00Z",
             "liveSources": {"active": "yahoo", "order": ["polygon", "yahoo", "twelvedata"],
                             "sources": [
                               {"provider": "polygon", "assigned": true, "lastDataAgeMillis": 12500,
                                "unusable": "is stale (no data for 12500 ms)"},
                               {"provider": "yahoo", "assigned": true, "lastDataAgeMillis": 800, "unusable": null},
                               {"provider": "twelvedata", "assigned": false, "lastDataAgeMillis": null, "unusable": null}],
                             "lastSwitch": "polygon -> yahoo: polygon is stale (no data for 10012 ms)"},
             "ready": true, "warmingUp": false, "standbyEvents": 812,
             "discrepancies": {"count": 2, "last": {"minute": "2026-03-02T15:03:00Z", "activeSource": "yahoo",
                               "activePrice": 912.0, "otherSource": "polygon", "otherPrice": 914.1}},
             "gaps": {"detected": 1, "filled": 1, "unfilled": 0, "unfilledMinutes": 0, "pending": null}}
            """;

    static final String FEEDS = """
            {"router": {"bufferCapacity": 65536, "inFlight": 120, "fill": 0.0018, "routed": 123456,
                        "unknownSymbol": 3, "batches": 4567, "failovers": 7},
             "feeds": [
               {"source": "synthetic", "provider": null, "state": "running", "breaker": null, "restarts": null,
                "messagesPerSecond": 10234.5, "lastMessageAgeMs": 12, "errors": {"malformed": 0}, "rateBudget": null,
                "symbols": ["NVDA", "MSFT"], "lastError": null},
               {"source": "polygon-stocks", "provider": "polygon", "state": "BACKOFF", "breaker": "OPEN", "restarts": 3,
                "messagesPerSecond": 0, "lastMessageAgeMs": 125000,
                "errors": {"MALFORMED_FRAME": 2, "DISCONNECTED": 0, "THROTTLED": 5},
                "rateBudget": 4, "symbols": ["NVDA"], "lastError": "HTTP 429: You've exceeded the maximum requests per minute"}
             ]}
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractDocuments() {
    }

    static JsonNode parse(String document) {
        try {
            return MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new AssertionError("fixture is not JSON", e);
        }
    }
}
