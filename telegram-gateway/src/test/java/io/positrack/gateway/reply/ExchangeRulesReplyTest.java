package io.positrack.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.positrack.contracts.position.CommandResult;
import io.positrack.contracts.position.Outcome;

class ExchangeRulesReplyTest {

    @Test
    void anEntryTheExchangeRulesRefuseIsExplainedWithItsReasonEscaped() {
        CommandResult result = new CommandResult("c-1", "OpenPosition", "acc", "binance-usdm", "BTCUSDT", 42L,
                Outcome.REJECTED_EXCHANGE_RULES, "Refused by the rules of binance-usdm (BELOW_MIN_NOTIONAL): notional 65 < 100; nothing was opened",
                null, null, Instant.now(), null, null);

        String html = new ReplyRenderer(symbol -> Optional.empty()).render(result);

        assertThat(html).startsWith("⚠️ The exchange would refuse this: ")
                .contains("BELOW_MIN_NOTIONAL")
                .contains("notional 65 &lt; 100")
                .contains("nothing was opened");
    }
}
