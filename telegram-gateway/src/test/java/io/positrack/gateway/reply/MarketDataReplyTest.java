package io.positrack.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;

class MarketDataReplyTest {

    @Test
    void anEntryRefusedForStaleMarketDataIsExplainedWithItsReason() {
        CommandResult result = new CommandResult("c-1", "GET_SIGNAL", "acc", "paper", "BTCUSDT", 42L, Outcome.REJECTED_MARKET_DATA,
                "no fresh market data for BTCUSDT since 2026-12-02T19:41:07Z", null, null, Instant.now(), null, null);

        String html = new ReplyRenderer(symbol -> Optional.empty()).render(result);

        assertThat(html).isEqualTo("⚠️ Not opened: no fresh market data for BTCUSDT since 2026-12-02T19:41:07Z");
    }
}
