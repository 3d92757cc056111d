package io.actortrading.node.registry;

import com.typesafe.config.Config;
import io.actortrading.market.symbols.SymbolMapping;
import io.actortrading.node.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The symbols the cluster serves, added and removed while it runs. One registry actor per node; the
 * set itself is a Distributed Data {@link LWWMap} keyed by canonical symbol, replicated to every
 * node and kept in the durable (LMDB) store so a restarted node has it before the cluster answers.
 *
 * <p>A removal is written as a tombstone rather than deleting the entry. That is what lets the
 * configured {@code actortrading.symbols.initial} list be seeded on every start without undoing an
 * operator's removal: a symbol is seeded only if the registry has never seen it, and seeds are
 * stamped with the lowest possible LWW timestamp, so even a fresh node that seeds before gossip
 * reaches it loses against any real add or remove elsewhere in the cluster.
 *
 * <p>Writes (add, remove, seeding) are handled one at a time, so "already registered" is answered
 * against this node's replica including its own previous write; reads are answered at once from the
 * local replica, once the configured symbols are seeded.
 */
public final class SymbolRegistry extends AbstractBehavior<SymbolRegistry.Command> {

    /** The replicated key; listed under {@code pekko.cluster.distributed-data.durable.keys}. */
    public static final String DATA_KEY = "symbol-registry";

    public sealed interface Command permits Add, Remove, GetSymbols, Subscribe, AddChecked, AddWritten,
            RemoveChecked, RemoveWritten, ListingRead, SeedChecked, SeedWritten, ReplicaChanged, SubscriberTerminated {
    }

    /** Registers a symbol; {@code sources} may be empty (every feed that serves it). */
    public record Add(String symbol, List<String> sources, ActorRef<AddResult> replyTo) implements Command {
    }

    public record Remove(String symbol, ActorRef<RemoveResult> replyTo) implements Command {
    }

    public record GetSymbols(ActorRef<Listing> replyTo) implements Command {
    }

    /** The subscriber gets the current listing at once and again after every change, until it stops. */
    public record Subscribe(ActorRef<Listing> subscriber) implements Command {
    }

    /**
     * A symbol the cluster trades or watches, as the operator (or the configuration) registered it.
     *
     * @param symbol  canonical spelling: {@code NVDA}, {@code BTC-USD}, {@code EUR/USD}
     * @param sources the feeds that should serve it, lower case, in the order given: for live providers
     *                that is the failover order; empty means every feed (and the configured order)
     *                that can serve it
     * @param addedAt epoch milliseconds of the registration
     */
    public record RegisteredSymbol(String symbol, List<String> sources, long addedAt) implements CborSerializable {

        public RegisteredSymbol {
            sources = List.copyOf(sources);
        }
    }

    /** The registered symbols, sorted by symbol. */
    public record Listing(List<RegisteredSymbol> symbols) implements CborSerializable {

        public Listing {
            symbols = List.copyOf(symbols);
        }

        public Set<String> names() {
            Set<String> names = new TreeSet<>();
            symbols.forEach(s -> names.add(s.symbol()));
            return names;
        }

        public Optional<RegisteredSymbol> find(String symbol) {
            return symbols.stream().filter(s -> s.symbol().equals(symbol)).findFirst();
        }
    }

    public sealed interface AddResult permits Added, AlreadyRegistered, Rejected, WriteFailed {
    }

    public sealed interface RemoveResult permits Removed, NotRegistered, WriteFailed {
    }

    public record Added(RegisteredSymbol symbol) implements AddResult {
    }

    /** The symbol was registered before; the existing registration (sources included) is kept. */
    public record AlreadyRegistered(RegisteredSymbol symbol) implements AddResult {
    }

    /**
     * The input is not a symbol or source list the registry accepts; nothing was written.
     *
     * @param reason a message for the operator, naming the rejected input
     */
    public record Rejected(String input, String reason) implements AddResult {
    }

    public record Removed(RegisteredSymbol symbol) implements RemoveResult {
    }

    public record NotRegistered(String symbol) implements RemoveResult {
    }

    /** The write could not be stored (durable store failure, queue full); nothing changed. */
    public record WriteFailed(String symbol, String reason) implements AddResult, RemoveResult {
    }

    /**
     * One symbol's replicated state: live, or (with {@code removedAt > 0}) a tombstone that keeps
     * configuration seeding from bringing back what an operator removed.
     */
    public record Registration(RegisteredSymbol symbol, long removedAt) implements CborSerializable {

        static Registration registered(RegisteredSymbol symbol) {
            return new Registration(symbol, 0L);
        }

        boolean live() {
            return removedAt == 0L;
        }
    }

    private record AddChecked(Add add, RegisteredSymbol candidate,
                              Replicator.GetResponse<LWWMap<String, Registration>> response) implements Command {
    }

    private record AddWritten(Add add, RegisteredSymbol written,
                              Replicator.UpdateResponse<LWWMap<String, Registration>> response) implements Command {
    }

    private record RemoveChecked(Remove remove, String symbol,
                                 Replicator.GetResponse<LWWMap<String, Registration>> response) implements Command {
    }

    private record RemoveWritten(Remove remove, RegisteredSymbol removed,
                                 Replicator.UpdateResponse<LWWMap<String, Registration>> response) implements Command {
    }

    private record ListingRead(ActorRef<Listing> replyTo,
                               Replicator.GetResponse<LWWMap<String, Registration>> response) implements Command {
    }

    private record SeedChecked(Replicator.GetResponse<LWWMap<String, Registration>> response) implements Command {
    }

    private record SeedWritten(List<String> seeded,
                               Replicator.UpdateResponse<LWWMap<String, Registration>> response) implements Command {
    }

    private record ReplicaChanged(Replicator.SubscribeResponse<LWWMap<String, Registration>> response)
            implements Command {
    }

    private record SubscriberTerminated(ActorRef<Listing> subscriber) implements Command {
    }

    /**
     * @param writeTimeout   how long an add or remove waits for a majority of nodes; after that the
     *                       write still stands locally and spreads by gossip
     * @param stashCapacity  requests that may wait (behind the write in progress, or for seeding at
     *                       start) before further writes are refused
     * @param initialSymbols seeded when the registry has never seen them (see the class comment)
     */
    public record Settings(Duration writeTimeout, int stashCapacity, List<String> initialSymbols) {

        public Settings {
            initialSymbols = List.copyOf(initialSymbols);
        }

        /** Reads {@code actortrading.registry} and {@code actortrading.symbols.initial} from the system config. */
        public static Settings fromConfig(Config root) {
            Config registry = root.getConfig("actortrading.registry");
            Duration writeTimeout = registry.getDuration("write-timeout");
            Duration askLimit = root.getDuration("pekko.cluster.ddata.typed.replicator-message-adapter-unexpected-ask-timeout");
            if (writeTimeout.compareTo(askLimit) >= 0) {
                throw new IllegalArgumentException("actortrading.registry.write-timeout (" + writeTimeout
                        + ") must be shorter than pekko.cluster.ddata.typed.replicator-message-adapter-unexpected-ask-timeout ("
                        + askLimit + "), or a slow write would fail the registry actor");
            }
            List<String> initial = root.hasPath("actortrading.symbols.initial")
                    ? root.getStringList("actortrading.symbols.initial")
                    : List.of();
            return new Settings(writeTimeout, registry.getInt("stash-capacity"), initial);
        }
    }

    /** Spawn one per node; reads its settings from the system config. */
    public static Behavior<Command> create() {
        return Behaviors.setup(context -> create(Settings.fromConfig(context.getSystem().settings().config())));
    }

    public static Behavior<Command> create(Settings settings) {
        return Behaviors.setup(context -> Behaviors.withStash(settings.stashCapacity(), stash ->
                DistributedData.<Command, LWWMap<String, Registration>>withReplicatorMessageAdapter(replicator ->
                        new SymbolRegistry(context, replicator, stash, settings))));
    }

    private static final String SPELLING_RULE = "expected a canonical symbol of 1 to 20 letters, digits and . - /:"
            + " a ticker (NVDA, BRK.B), a crypto pair (BTC-USD) or a currency pair (EUR/USD)";
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /**
     * Seeds carry timestamp 0, below any wall-clock write: a seed never overrides an operator's add
     * or remove, wherever and whenever it was made.
     */
    private static final LWWRegister.Clock<Registration> BELOW_EVERY_OPERATOR_WRITE = (current, value) -> 0L;

    private final Key<LWWMap<String, Registration>> key = LWWMapKey.create(DATA_KEY);
    private final ReplicatorMessageAdapter<Command, LWWMap<String, Registration>> replicator;
    private final ActorRef<Replicator.Command> replicatorRef;
    private final StashBuffer<Command> waiting;
    private final Settings settings;
    private final SelfUniqueAddress self;
    private final Replicator.WriteConsistency writeMajority;
    private final Set<ActorRef<Listing>> subscribers = new HashSet<>();
    private Listing lastPublished;
    private boolean seeded;
    private boolean writing;

    private SymbolRegistry(ActorContext<Command> context,
                           ReplicatorMessageAdapter<Command, LWWMap<String, Registration>> replicator,
                           StashBuffer<Command> waiting, Settings settings) {
        super(context);
        this.replicator = replicator;
        this.waiting = waiting;
        this.settings = settings;
        this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
        this.replicatorRef = DistributedData.get(context.getSystem()).replicator();
        this.writeMajority = new Replicator.WriteMajority(settings.writeTimeout());
        replicator.subscribe(key, ReplicaChanged::new);
        writing = true;
        replicator.askGet(replyTo -> new Replicator.Get<>(key, Replicator.readLocal(), replyTo), SeedChecked::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Add.class, this::onAdd)
                .onMessage(Remove.class, this::onRemove)
                .onMessage(GetSymbols.class, this::onGetSymbols)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(AddChecked.class, this::onAddChecked)
                .onMessage(AddWritten.class, this::onAddWritten)
                .onMessage(RemoveChecked.class, this::onRemoveChecked)
                .onMessage(RemoveWritten.class, this::onRemoveWritten)
                .onMessage(ListingRead.class, this::onListingRead)
                .onMessage(SeedChecked.class, this::onSeedChecked)
                .onMessage(SeedWritten.class, this::onSeedWritten)
                .onMessage(ReplicaChanged.class, this::onReplicaChanged)
                .onMessage(SubscriberTerminated.class, this::onSubscriberTerminated)
                .build();
    }

    private Behavior<Command> onAdd(Add add) {
        if (writing) {
            return queue(add, add.symbol(), add.replyTo());
        }
        Optional<String> symbol = SymbolMapping.canonicalize(add.symbol());
        if (symbol.isEmpty()) {
            add.replyTo().tell(new Rejected(add.symbol(), "invalid symbol '" + add.symbol() + "': " + SPELLING_RULE));
            return this;
        }
        List<String> sources = new ArrayList<>();
        for (String source : add.sources() == null ? List.<String>of() : add.sources()) {
            String name = source == null ? "" : source.trim().toLowerCase(Locale.ROOT);
            if (!SOURCE.matcher(name).matches()) {
                add.replyTo().tell(new Rejected(add.symbol(), "invalid source '" + source
                        + "': expected a feed name such as synthetic, polygon, yahoo, alphavantage, twelvedata, replay"));
                return this;
            }
            sources.add(name);
        }
        RegisteredSymbol candidate = new RegisteredSymbol(symbol.get(),
                new ArrayList<>(new LinkedHashSet<>(sources)), System.currentTimeMillis());
        writing = true;
        replicator.askGet(replyTo -> new Replicator.Get<>(key, Replicator.readLocal(), replyTo),
                response -> new AddChecked(add, candidate, response));
        return this;
    }

    private Behavior<Command> onAddChecked(AddChecked checked) {
        Optional<Map<String, Registration>> entries = entries(checked.response());
        String symbol = checked.candidate().symbol();
        if (entries.isEmpty()) {
            checked.add().replyTo().tell(new WriteFailed(symbol, "the registry could not read its replica"));
            return writeFinished();
        }
        Registration existing = entries.get().get(symbol);
        if (existing != null && existing.live()) {
            checked.add().replyTo().tell(new AlreadyRegistered(existing.symbol()));
            return writeFinished();
        }
        Registration registration = Registration.registered(checked.candidate());
        replicator.askUpdate(
                replyTo -> new Replicator.Update<>(key, LWWMap.create(), writeMajority, replyTo,
                        map -> map.put(self, symbol, registration)),
                response -> new AddWritten(checked.add(), checked.candidate(), response));
        return this;
    }

    private Behavior<Command> onAddWritten(AddWritten written) {
        String symbol = written.written().symbol();
        Optional<String> failure = writeFailure(written.response(), "add", symbol);
        written.add().replyTo().tell(failure.<AddResult>map(reason -> new WriteFailed(symbol, reason))
                .orElseGet(() -> new Added(written.written())));
        if (failure.isEmpty()) {
            getContext().getLog().info("Symbol {} registered (sources: {})", symbol,
                    written.written().sources().isEmpty() ? "any" : written.written().sources());
        }
        return writeFinished();
    }

    private Behavior<Command> onRemove(Remove remove) {
        if (writing) {
            return queue(remove, remove.symbol(), remove.replyTo());
        }
        Optional<String> symbol = SymbolMapping.canonicalize(remove.symbol());
        if (symbol.isEmpty()) {
            remove.replyTo().tell(new NotRegistered(remove.symbol()));
            return this;
        }
        writing = true;
        replicator.askGet(replyTo -> new Replicator.Get<>(key, Replicator.readLocal(), replyTo),
                response -> new RemoveChecked(remove, symbol.get(), response));
        return this;
    }

    private Behavior<Command> onRemoveChecked(RemoveChecked checked) {
        Optional<Map<String, Registration>> entries = entries(checked.response());
        if (entries.isEmpty()) {
            checked.remove().replyTo().tell(new WriteFailed(checked.symbol(), "the registry could not read its replica"));
            return writeFinished();
        }
        Registration existing = entries.get().get(checked.symbol());
        if (existing == null || !existing.live()) {
            checked.remove().replyTo().tell(new NotRegistered(checked.symbol()));
            return writeFinished();
        }
        Registration tombstone = new Registration(existing.symbol(), System.currentTimeMillis());
        replicator.askUpdate(
                replyTo -> new Replicator.Update<>(key, LWWMap.create(), writeMajority, replyTo,
                        map -> map.put(self, checked.symbol(), tombstone)),
                response -> new RemoveWritten(checked.remove(), existing.symbol(), response));
        return this;
    }

    private Behavior<Command> onRemoveWritten(RemoveWritten written) {
        String symbol = written.removed().symbol();
        Optional<String> failure = writeFailure(written.response(), "remove", symbol);
        written.remove().replyTo().tell(failure.<RemoveResult>map(reason -> new WriteFailed(symbol, reason))
                .orElseGet(() -> new Removed(written.removed())));
        if (failure.isEmpty()) {
            getContext().getLog().info("Symbol {} removed from the registry", symbol);
        }
        return writeFinished();
    }

    private Behavior<Command> queue(Command write, String symbol, ActorRef<? super WriteFailed> replyTo) {
        if (waiting.isFull()) {
            replyTo.tell(new WriteFailed(symbol, "the registry is busy: " + waiting.capacity()
                    + " requests are already waiting"));
        } else {
            waiting.stash(write);
        }
        return this;
    }

    /**
     * Waiting requests run now; the first write among them starts and the writes after it wait
     * again, so writes stay one at a time and "already registered" is exact. Flushing makes the
     * replicator tell subscribers now rather than at its next notify interval.
     */
    private Behavior<Command> writeFinished() {
        writing = false;
        replicatorRef.tell(Replicator.flushChanges());
        return waiting.unstashAll(this);
    }

    /**
     * A write that reached this node's durable replica but not yet a majority stands: gossip carries
     * it on. Only a failure to store it locally is a failure.
     */
    private Optional<String> writeFailure(Replicator.UpdateResponse<LWWMap<String, Registration>> response,
                                          String operation, String symbol) {
        if (response instanceof Replicator.UpdateSuccess) {
            return Optional.empty();
        }
        if (response instanceof Replicator.UpdateTimeout) {
            getContext().getLog().warn("The {} of {} is stored on this node but a majority did not confirm it within {}; it spreads by gossip",
                    operation, symbol, settings.writeTimeout());
            return Optional.empty();
        }
        if (response instanceof Replicator.StoreFailure) {
            getContext().getLog().error("The {} of {} could not be written to the durable registry store", operation, symbol);
            return Optional.of("the durable registry store failed to write it");
        }
        if (response instanceof Replicator.ModifyFailure<?> modify) {
            getContext().getLog().error("The {} of {} failed: {}", operation, symbol, modify.errorMessage(), modify.cause());
            return Optional.of(modify.errorMessage());
        }
        return Optional.of("the registry data was deleted");
    }

    /** Until the configured symbols are seeded a read would show a registry that is not ready yet. */
    private Behavior<Command> onGetSymbols(GetSymbols get) {
        if (!seeded && !waiting.isFull()) {
            waiting.stash(get);
            return this;
        }
        return readListing(get.replyTo());
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        if (!seeded && !waiting.isFull()) {
            waiting.stash(subscribe);
            return this;
        }
        if (subscribers.add(subscribe.subscriber())) {
            getContext().watchWith(subscribe.subscriber(), new SubscriberTerminated(subscribe.subscriber()));
        }
        return readListing(subscribe.subscriber());
    }

    private Behavior<Command> onSubscriberTerminated(SubscriberTerminated terminated) {
        subscribers.remove(terminated.subscriber());
        return this;
    }

    private Behavior<Command> readListing(ActorRef<Listing> replyTo) {
        replicator.askGet(r -> new Replicator.Get<>(key, Replicator.readLocal(), r),
                response -> new ListingRead(replyTo, response));
        return this;
    }

    private Behavior<Command> onListingRead(ListingRead read) {
        read.replyTo().tell(listing(entries(read.response()).orElse(Map.of())));
        return this;
    }

    private Behavior<Command> onReplicaChanged(ReplicaChanged changed) {
        if (changed.response() instanceof Replicator.Changed<LWWMap<String, Registration>> data) {
            publish(listing(data.dataValue().getEntries()));
        } else {
            publish(new Listing(List.of()));
        }
        return this;
    }

    private void publish(Listing listing) {
        if (listing.equals(lastPublished)) {
            return;
        }
        lastPublished = listing;
        subscribers.forEach(subscriber -> subscriber.tell(listing));
    }

    private Behavior<Command> onSeedChecked(SeedChecked checked) {
        Map<String, Registration> entries = entries(checked.response()).orElse(Map.of());
        Set<String> missing = new LinkedHashSet<>();
        for (String configured : settings.initialSymbols()) {
            Optional<String> symbol = SymbolMapping.canonicalize(configured);
            if (symbol.isEmpty()) {
                getContext().getLog().warn("Ignoring initial symbol '{}' from actortrading.symbols.initial: {}",
                        configured, SPELLING_RULE);
            } else if (!entries.containsKey(symbol.get())) {
                missing.add(symbol.get());
            }
        }
        if (missing.isEmpty()) {
            seeded = true;
            return writeFinished();
        }
        long now = System.currentTimeMillis();
        List<String> seeded = List.copyOf(missing);
        replicator.askUpdate(
                replyTo -> new Replicator.Update<>(key, LWWMap.create(), Replicator.writeLocal(), replyTo, map -> {
                    LWWMap<String, Registration> seededMap = map;
                    for (String symbol : seeded) {
                        if (!seededMap.contains(symbol)) {
                            seededMap = seededMap.put(self, symbol,
                                    Registration.registered(new RegisteredSymbol(symbol, List.of(), now)),
                                    BELOW_EVERY_OPERATOR_WRITE);
                        }
                    }
                    return seededMap;
                }),
                response -> new SeedWritten(seeded, response));
        return this;
    }

    private Behavior<Command> onSeedWritten(SeedWritten written) {
        if (writeFailure(written.response(), "seeding", String.join(",", written.seeded())).isEmpty()) {
            getContext().getLog().info("Seeded the symbol registry with {} from actortrading.symbols.initial", written.seeded());
        }
        seeded = true;
        return writeFinished();
    }

    /** Local reads only fail if the data was deleted, which this registry never does. */
    private static Optional<Map<String, Registration>> entries(
            Replicator.GetResponse<LWWMap<String, Registration>> response) {
        if (response instanceof Replicator.GetSuccess<LWWMap<String, Registration>> found) {
            return Optional.of(found.dataValue().getEntries());
        }
        if (response instanceof Replicator.NotFound) {
            return Optional.of(Map.of());
        }
        return Optional.empty();
    }

    private static Listing listing(Map<String, Registration> entries) {
        List<RegisteredSymbol> live = new ArrayList<>();
        entries.values().forEach(registration -> {
            if (registration.live()) {
                live.add(registration.symbol());
            }
        });
        live.sort(Comparator.comparing(RegisteredSymbol::symbol));
        return new Listing(live);
    }
}
