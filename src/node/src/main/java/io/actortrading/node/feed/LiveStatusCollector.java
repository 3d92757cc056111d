package io.actortrading.node.feed;

import io.actortrading.feeds.live.SourceHandle;
import io.actortrading.feeds.live.SourceStatus;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Asks every live feed for its status and answers once with all of them, or with those that answered
 * within the timeout (a feed stuck in a restart must not keep {@code atctl feeds show} waiting).
 */
final class LiveStatusCollector {

    sealed interface Command permits Answer, Timeout {
    }

    private record Answer(SourceStatus status) implements Command {
    }

    private enum Timeout implements Command { INSTANCE }

    static Behavior<Command> create(List<SourceHandle> handles, ActorRef<List<SourceStatus>> replyTo,
                                    Duration timeout) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            if (handles.isEmpty()) {
                replyTo.tell(List.of());
                return Behaviors.stopped();
            }
            ActorRef<SourceStatus> answers = context.messageAdapter(SourceStatus.class, Answer::new);
            handles.forEach(handle -> handle.status(answers));
            timers.startSingleTimer(Timeout.INSTANCE, timeout);
            List<SourceStatus> received = new ArrayList<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Answer.class, answer -> {
                        received.add(answer.status());
                        return received.size() == handles.size() ? reply(received, replyTo) : Behaviors.same();
                    })
                    .onMessageEquals(Timeout.INSTANCE, () -> reply(received, replyTo))
                    .build();
        }));
    }

    private static Behavior<Command> reply(List<SourceStatus> received, ActorRef<List<SourceStatus>> replyTo) {
        received.sort(Comparator.comparing(SourceStatus::connection));
        replyTo.tell(List.copyOf(received));
        return Behaviors.stopped();
    }

    private LiveStatusCollector() {
    }
}
