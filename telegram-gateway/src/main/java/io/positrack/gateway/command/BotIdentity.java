package io.positrack.gateway.command;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.positrack.gateway.botapi.BotApiClient;
import io.positrack.gateway.security.Secrets;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The bot's username, learnt with {@code getMe} at startup (retried until it answers): in groups, commands may
 * be addressed as {@code /status@username}, and a command for another bot must be left alone. Once it is known, the
 * command menu is published ({@code setMyCommands}, from {@link CommandMenu}).
 */
@ApplicationScoped
public class BotIdentity {

    private final BotApiClient api;
    private final Secrets secrets;
    private volatile String username;

    public BotIdentity(BotApiClient api, Secrets secrets) {
        this.api = api;
        this.secrets = secrets;
    }

    void onStart(@Observes StartupEvent event) {
        if (!api.configured()) {
            Log.info("No bot token configured (positrack.telegram.bot-token): not connecting to the Bot API");
            return;
        }
        api.getMe()
                .onFailure().invoke(e -> Log.warnf("getMe failed, retrying: %s", secrets.describe(e)))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(60)).indefinitely()
                .subscribe().with(me -> {
                    username = me.username();
                    Log.infof("Connected to the Bot API as @%s (bot id %d)", me.username(), me.id());
                    publishMenu();
                }, e -> Log.errorf("getMe gave up: %s", secrets.describe(e)));
    }

    /** The "/" menu users see; a failure only costs the menu, so it is retried a few times and then logged. */
    private void publishMenu() {
        api.setMyCommands(CommandMenu.forTelegram())
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(5)
                .subscribe().with(ok -> Log.debugf("Command menu set (%d commands)", CommandMenu.ENTRIES.size()),
                        e -> Log.warnf("setMyCommands failed; the \"/\" menu stays as it was: %s", secrets.describe(e)));
    }

    /** Null until getMe has answered. */
    public String username() {
        return username;
    }
}
