package io.positrack.signal.commandapi;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A command as a trader's bot posts it to {@code POST /commands} (docs/command-api.md). Decimals are strings, as
 * everywhere on our wire; {@code side} is text so that a wrong one gets a reason, not a parse error.
 *
 * @param type {@code open}, {@code close} or {@code update-stops}
 * @param venue optional: signal-service's default venue otherwise
 * @param positionId {@code close} only, optional: close that position rather than the symbol's open one
 */
public record CommandRequest(String type, String account, String venue, String symbol, String side,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal referencePrice,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal stopLoss,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal takeProfit,
        Long positionId, String reason) {
}
