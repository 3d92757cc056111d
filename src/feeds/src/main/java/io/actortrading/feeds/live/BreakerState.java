package io.actortrading.feeds.live;

/** The state of a source's circuit breaker. */
public enum BreakerState { CLOSED, OPEN, HALF_OPEN }
