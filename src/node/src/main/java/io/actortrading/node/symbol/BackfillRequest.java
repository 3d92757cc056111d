package io.actortrading.node.symbol;

import io.actortrading.node.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A symbol asks for the one-minute bars of [fromMillis, toMillis): minutes it missed (the window
 * starts with the last minute it closed before them, which may be partial) or, for a new symbol, the
 * history it warms up with. The backfill service answers {@link SymbolActor.Backfilled} with the bars
 * it found (none is an answer: nothing traded) or {@link SymbolActor.BackfillFailed}.
 */
public record BackfillRequest(String symbol, long fromMillis, long toMillis, ActorRef<SymbolActor.Command> replyTo)
        implements CborSerializable {
}
