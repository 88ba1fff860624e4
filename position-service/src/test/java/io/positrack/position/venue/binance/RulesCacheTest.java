package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.positrack.position.venue.rules.SymbolRules;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class RulesCacheTest {

    private static final Duration REFRESH = Duration.ofHours(1);
    private static final Duration RETRY = Duration.ofSeconds(10);

    private Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final AtomicInteger fetches = new AtomicInteger();
    private final Deque<Supplier<Uni<Map<String, SymbolRules>>>> answers = new ArrayDeque<>();

    private final RulesCache cache = new RulesCache(() -> {
        fetches.incrementAndGet();
        return answers.isEmpty() ? listing("BTCUSDT").get() : answers.poll().get();
    }, () -> now, REFRESH, RETRY);

    private static Supplier<Uni<Map<String, SymbolRules>>> listing(String... symbols) {
        return () -> {
            Map<String, SymbolRules> all = new java.util.HashMap<>();
            for (String s : symbols) {
                all.put(s, SymbolRules.unrestricted(s));
            }
            return Uni.createFrom().item(all);
        };
    }

    private static Supplier<Uni<Map<String, SymbolRules>>> failing() {
        return () -> Uni.createFrom().failure(new IllegalStateException("HTTP 503"));
    }

    private Optional<SymbolRules> ask(String symbol) {
        return cache.rules(symbol).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aKnownSymbolIsAnsweredFromTheCacheUntilTheRefresh() {
        assertThat(ask("BTCUSDT")).isPresent();
        now = now.plus(Duration.ofMinutes(59));
        assertThat(ask("BTCUSDT")).isPresent();
        assertThat(fetches).hasValue(1);

        now = now.plus(Duration.ofMinutes(1));
        ask("BTCUSDT");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anUnknownSymbolFetchesOnceThenWaitsForTheRetryInterval() {
        answers.add(listing("BTCUSDT"));
        answers.add(listing("BTCUSDT", "NEWUSDT"));
        ask("BTCUSDT");
        now = now.plusSeconds(11);

        assertThat(ask("NEWUSDT")).as("listed since the first fetch").isPresent();
        assertThat(fetches).hasValue(2);

        assertThat(ask("NOSUCH")).isEmpty();
        assertThat(ask("NOSUCH")).isEmpty();
        now = now.plusSeconds(9);
        assertThat(ask("NOSUCH")).isEmpty();
        assertThat(fetches).as("no second request within the retry interval").hasValue(2);

        now = now.plusSeconds(1);
        assertThat(ask("NOSUCH")).isEmpty();
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aFailedRefreshKeepsTheRulesItHad() {
        ask("BTCUSDT");
        answers.add(failing());
        now = now.plus(REFRESH);

        assertThat(ask("BTCUSDT")).isPresent();
        assertThat(ask("BTCUSDT")).isPresent();
        assertThat(fetches).as("the outage is asked again only after the retry interval").hasValue(2);
    }

    @Test
    void withNothingFetchedAFailureIsUnknownNotUnlisted() {
        answers.add(failing());

        assertThatThrownBy(() -> ask("BTCUSDT")).hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> ask("BTCUSDT")).hasMessageContaining("not read yet");
        assertThat(fetches).hasValue(1);

        now = now.plus(RETRY);
        assertThat(ask("BTCUSDT")).isPresent();
    }

    @Test
    void concurrentAskersShareOneRequest() {
        AtomicInteger subscribed = new AtomicInteger();
        UniEmitter<? super Map<String, SymbolRules>>[] pending = new UniEmitter[1];
        answers.add(() -> Uni.createFrom().emitter(e -> {
            subscribed.incrementAndGet();
            pending[0] = e;
        }));
        var first = cache.rules("BTCUSDT").subscribeAsCompletionStage();
        var second = cache.rules("BTCUSDT").subscribeAsCompletionStage();
        pending[0].complete(Map.of("BTCUSDT", SymbolRules.unrestricted("BTCUSDT")));

        assertThat(first.join()).isPresent();
        assertThat(second.join()).isPresent();
        assertThat(fetches).hasValue(1);
        assertThat(subscribed).hasValue(1);
    }
}
