package io.positrack.gateway.notify;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Chats that asked for position notifications ({@code /start}), until they {@code /stop}. */
@ApplicationScoped
public class Subscriptions {

    private final Pool pool;

    public Subscriptions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> subscribe(long chatId) {
        return pool.preparedQuery("INSERT INTO subscriptions (chat_id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(chatId)).replaceWithVoid();
    }

    public Uni<Void> unsubscribe(long chatId) {
        return pool.preparedQuery("DELETE FROM subscriptions WHERE chat_id = $1").execute(Tuple.of(chatId)).replaceWithVoid();
    }

    /** Those of {@code chats} that are subscribed. */
    public Uni<List<Long>> subscribedAmong(List<Long> chats) {
        if (chats.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT chat_id FROM subscriptions WHERE chat_id = ANY($1) ORDER BY chat_id")
                .execute(Tuple.of(chats.toArray(Long[]::new)))
                .map(rows -> {
                    List<Long> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(row.getLong(0));
                    }
                    return out;
                });
    }
}
