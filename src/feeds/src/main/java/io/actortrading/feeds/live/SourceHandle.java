package io.actortrading.feeds.live;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the node needs of a running feed, whatever its protocol: set the symbols it serves and ask
 * for its status. Each feed actor keeps its own sealed protocol and offers one of these.
 *
 * @param provider   the source name the feed's events carry ({@code polygon})
 * @param connection the feed's own name, unique on the node ({@code polygon-stocks})
 * @param subscribe replaces the feed's symbols with the given canonical symbols
 * @param askStatus asks the feed to send its {@link SourceStatus} to the given actor
 */
public record SourceHandle(String provider, String connection, ActorRef<?> actor, Consumer<Set<String>> subscribe,
                           Consumer<ActorRef<SourceStatus>> askStatus) {

    public void assign(Set<String> symbols) {
        subscribe.accept(Set.copyOf(symbols));
    }

    public void status(ActorRef<SourceStatus> replyTo) {
        askStatus.accept(replyTo);
    }

    /** For a feed whose protocol has a message taking the symbols and one taking the reply address. */
    public static <C> SourceHandle of(String provider, String connection, ActorRef<C> actor, Function<Set<String>, C> subscribe,
                                      Function<ActorRef<SourceStatus>, C> status) {
        return new SourceHandle(provider, connection, actor, symbols -> actor.tell(subscribe.apply(symbols)),
                replyTo -> actor.tell(status.apply(replyTo)));
    }
}
