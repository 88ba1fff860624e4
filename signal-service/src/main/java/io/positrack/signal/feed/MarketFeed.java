package io.positrack.signal.feed;

import io.positrack.contracts.market.MarketTick;
import io.smallrye.mutiny.Multi;

/**
 * A source of market ticks that {@link FeedRunner} publishes to {@code market-ticks}. The simulated feed
 * and the CSV replay are two; a live venue feed (a later issue) is a third bean implementing this, and
 * nothing downstream changes: signal-service and the paper venue only ever read the topic.
 */
public interface MarketFeed {

    /** For logs and metrics. */
    String name();

    /** Whether configuration asked for this feed. */
    boolean enabled();

    /** The ticks, in the order to publish them; may be endless. */
    Multi<MarketTick> ticks();
}
