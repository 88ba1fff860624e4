package io.positrack.gateway.polling;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.gateway.botapi.BotApiClient;
import io.positrack.gateway.botapi.BotApiException;
import io.positrack.gateway.botapi.Update;
import io.positrack.gateway.command.UpdateHandler;
import io.positrack.gateway.config.GatewayConfig;
import io.positrack.gateway.security.Secrets;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Long polling while this instance leads. Each batch is handled in order and only then confirmed, by asking for
 * the next batch with an offset above it: a crash before that leaves the updates with Telegram, and the next
 * leader's handler recognises any it had already handled. A 409 Conflict (another poller, or a webhook) is
 * backed off exponentially, counted and shown in health, and never ends the loop.
 */
@ApplicationScoped
public class UpdatePoller {

    private final BotApiClient api;
    private final UpdateHandler handler;
    private final PollerStatus status;
    private final Secrets secrets;
    private final GatewayConfig.Polling config;

    private long generation;
    private boolean running;
    private Cancellable inFlight;
    private Long offset;
    private int consecutiveConflicts;
    private int consecutiveErrors;

    public UpdatePoller(BotApiClient api, UpdateHandler handler, PollerStatus status, Secrets secrets, GatewayConfig config) {
        this.api = api;
        this.handler = handler;
        this.status = status;
        this.secrets = secrets;
        this.config = config.polling();
    }

    /** Called when this instance becomes the leader. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        long mine = ++generation;
        offset = null;
        consecutiveConflicts = 0;
        consecutiveErrors = 0;
        status.role(PollerStatus.Role.LEADER);
        Log.info("This instance is now the Telegram poller");
        Uni<Void> first = config.deleteWebhook()
                ? api.deleteWebhook().replaceWithVoid().onFailure().recoverWithItem(e -> {
                    Log.warnf("deleteWebhook failed: %s", secrets.describe(e));
                    return null;
                })
                : Uni.createFrom().voidItem();
        first.subscribe().with(ignored -> poll(mine), e -> poll(mine));
    }

    /** Called when leadership is lost: stop at once, abandoning the request in flight. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        generation++;
        if (inFlight != null) {
            inFlight.cancel();
            inFlight = null;
        }
        status.role(PollerStatus.Role.STANDBY);
        Log.info("This instance stopped polling Telegram (standby)");
    }

    private synchronized boolean current(long mine) {
        return running && generation == mine;
    }

    private synchronized void poll(long mine) {
        if (!current(mine)) {
            return;
        }
        inFlight = api.getUpdates(offset).subscribe().with(updates -> handle(mine, updates), failure -> failed(mine, failure));
    }

    private void handle(long mine, List<Update> updates) {
        status.polled(updates.size());
        synchronized (this) {
            consecutiveConflicts = 0;
            consecutiveErrors = 0;
        }
        if (updates.isEmpty() || !current(mine)) {
            poll(mine);
            return;
        }
        long next = updates.stream().mapToLong(Update::updateId).max().getAsLong() + 1;
        Multi.createFrom().iterable(updates)
                .onItem().transformToUniAndConcatenate(update -> handler.handle(update).replaceWith(update))
                .collect().last()
                .subscribe().with(done -> {
                    synchronized (this) {
                        if (current(mine)) {
                            offset = next;
                        }
                    }
                    poll(mine);
                }, failure -> {
                    // Not confirmed: Telegram gives the batch again, and what was handled is recognised.
                    Log.warnf("Handling updates failed, they will be delivered again: %s", secrets.describe(failure));
                    later(mine, errorBackoff());
                });
    }

    private void failed(long mine, Throwable failure) {
        if (!current(mine)) {
            return;
        }
        if (failure instanceof BotApiException conflict && conflict.isConflict()) {
            status.conflict(conflict.getMessage());
            Duration wait = conflictBackoff();
            Log.warnf("getUpdates: %s; another poller or a webhook holds this bot, backing off %s", conflict.getMessage(), wait);
            later(mine, wait);
            return;
        }
        String why = secrets.describe(failure);
        status.failed(why);
        Duration wait = failure instanceof BotApiException limited && limited.isRateLimited() && limited.retryAfter().isPresent()
                ? limited.retryAfter().get() : errorBackoff();
        Log.warnf("getUpdates failed (%s), retrying in %s", why, wait);
        later(mine, wait);
    }

    private void later(long mine, Duration wait) {
        Uni.createFrom().voidItem().onItem().delayIt().by(wait).subscribe().with(ignored -> poll(mine));
    }

    private synchronized Duration conflictBackoff() {
        return grow(config.conflictBackoff(), consecutiveConflicts++);
    }

    private synchronized Duration errorBackoff() {
        return grow(config.errorBackoff(), consecutiveErrors++);
    }

    private Duration grow(Duration first, int times) {
        Duration wait = first.multipliedBy(1L << Math.min(16, times));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
