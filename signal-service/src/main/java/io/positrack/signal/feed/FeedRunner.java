package io.positrack.signal.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.MeterRegistry;
import io.positrack.contracts.market.MarketTick;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/** Starts every enabled {@link MarketFeed} when the application starts and publishes its ticks until it stops. */
@ApplicationScoped
public class FeedRunner {

    private final Instance<MarketFeed> feeds;
    private final TickPublisher publisher;
    private final MeterRegistry registry;
    private final List<Cancellable> running = new ArrayList<>();

    public FeedRunner(Instance<MarketFeed> feeds, TickPublisher publisher, MeterRegistry registry) {
        this.feeds = feeds;
        this.publisher = publisher;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        for (MarketFeed feed : feeds) {
            if (feed.enabled()) {
                Log.infof("Market feed '%s' publishing to market-ticks", feed.name());
                running.add(run(feed).subscribe().with(
                        count -> Log.infof("Market feed '%s' finished after %d tick(s)", feed.name(), count),
                        failure -> Log.errorf(failure, "Market feed '%s' stopped", feed.name())));
            }
        }
    }

    /** Publishes the feed's ticks in order, each acknowledged before the next; completes with their count when the feed ends. */
    public Uni<Long> run(MarketFeed feed) {
        return publish(feed.name(), feed.ticks());
    }

    /** Publishes ticks in order, each acknowledged before the next; completes with their count. */
    public Uni<Long> publish(String feedName, Multi<MarketTick> ticks) {
        return ticks
                .onItem().call(publisher::publish)
                .onItem().invoke(tick -> registry.counter("positrack.signal.feed.ticks", "feed", feedName).increment())
                .collect().with(Collectors.counting());
    }

    void stop(@Observes ShutdownEvent event) {
        running.forEach(Cancellable::cancel);
    }
}
