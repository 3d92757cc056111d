package io.actortrading.feeds.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Every line the project's code logs, down to DEBUG, while it is open: to prove what never reaches a log. */
public final class CapturedLog implements AutoCloseable {

    private static final String PROJECT_LOGGERS = "io.actortrading";

    private final Logger logger = (Logger) LoggerFactory.getLogger(PROJECT_LOGGERS);
    private final Level previousLevel = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLog() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** The formatted lines so far, with the text of any exception logged with them. */
    public List<String> lines() {
        return appender.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        appender.stop();
    }
}
