package io.actortrading.node.inspect;

import org.apache.pekko.actor.ActorIdentity;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.Identify;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the actors under a path, level by level: {@code Identify} sent to {@code <path>/*} is
 * answered by every child. Nothing says how many children there are, so the walk ends once no actor
 * has answered for the settle time (or at the overall timeout), and then answers once and stops.
 * Each child is asked for its own children as soon as it answers, so the settle time is paid once
 * per walk, not once per level.
 */
final class ActorTreeWalker extends AbstractBehavior<ActorTreeWalker.Command> {

    sealed interface Command permits Walk, Identified, Settled, GaveUp {
    }

    record Walk(ActorRef<Outcome> replyTo) implements Command {
    }

    private record Identified(ActorIdentity identity) implements Command {
    }

    private enum Settled implements Command { INSTANCE }

    private enum GaveUp implements Command { INSTANCE }

    sealed interface Outcome permits Found, NoSuchActor {
    }

    record Found(ActorNode root) implements Outcome {
    }

    /** Nothing answered at the path before the timeout. */
    record NoSuchActor(String path) implements Outcome {
    }

    /** One actor; {@code children} is empty for leaves and for actors at the depth limit. */
    public record ActorNode(String name, String path, List<ActorNode> children) {
    }

    static Behavior<Command> create(String path, int depth, Duration settle, Duration timeout) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new ActorTreeWalker(context, timers, path, depth, settle, timeout)));
    }

    private static final Integer ROOT_LEVEL = 0;

    private final TimerScheduler<Command> timers;
    private final String path;
    private final int depth;
    private final Duration settle;
    private final Duration timeout;
    private final org.apache.pekko.actor.ActorRef identities;
    private final Map<ActorPath, Branch> found = new HashMap<>();
    private ActorRef<Outcome> replyTo;
    private Branch root;

    private ActorTreeWalker(ActorContext<Command> context, TimerScheduler<Command> timers, String path, int depth,
                            Duration settle, Duration timeout) {
        super(context);
        this.timers = timers;
        this.path = path;
        this.depth = depth;
        this.settle = settle;
        this.timeout = timeout;
        this.identities = Adapter.toClassic(context.messageAdapter(ActorIdentity.class, Identified::new));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Walk.class, this::onWalk)
                .onMessage(Identified.class, this::onIdentified)
                .onMessageEquals(Settled.INSTANCE, this::finish)
                .onMessageEquals(GaveUp.INSTANCE, this::finish)
                .build();
    }

    private Behavior<Command> onWalk(Walk walk) {
        if (replyTo != null) {
            return this;
        }
        replyTo = walk.replyTo();
        timers.startSingleTimer(GaveUp.INSTANCE, GaveUp.INSTANCE, timeout);
        identify(path, ROOT_LEVEL);
        return this;
    }

    private Behavior<Command> onIdentified(Identified identified) {
        int level = (Integer) identified.identity().correlationId();
        org.apache.pekko.actor.ActorRef actor = identified.identity().getActorRef().orElse(null);
        if (level == ROOT_LEVEL) {
            if (actor == null) {
                replyTo.tell(new NoSuchActor(path));
                return Behaviors.stopped();
            }
            root = new Branch(actor.path());
            found.put(actor.path(), root);
        } else {
            Branch parent = actor == null ? null : found.get(actor.path().parent());
            if (parent == null || found.containsKey(actor.path())) {
                return this;
            }
            Branch branch = new Branch(actor.path());
            parent.children.put(branch.name, branch);
            found.put(actor.path(), branch);
        }
        if (level < depth) {
            identify(actor.path().toStringWithoutAddress() + "/*", level + 1);
        }
        timers.startSingleTimer(Settled.INSTANCE, Settled.INSTANCE, settle);
        return this;
    }

    /** At the timeout, whatever has answered is the tree: actors with full mailboxes answer late. */
    private Behavior<Command> finish() {
        replyTo.tell(root == null ? new NoSuchActor(path) : new Found(root.toNode()));
        return Behaviors.stopped();
    }

    private void identify(String selection, int level) {
        Adapter.toClassic(getContext().getSystem()).actorSelection(selection).tell(new Identify(level), identities);
    }

    /** An actor found so far, with its children by name. */
    private static final class Branch {
        private final String name;
        private final String path;
        private final TreeMap<String, Branch> children = new TreeMap<>();

        Branch(ActorPath actorPath) {
            this.name = actorPath.name();
            this.path = actorPath.toString();
        }

        ActorNode toNode() {
            return new ActorNode(name, path, children.values().stream().map(Branch::toNode).toList());
        }
    }
}
