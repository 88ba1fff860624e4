package io.positrack.signal.commandapi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.positrack.contracts.position.PositionCommand;
import io.positrack.contracts.position.Side;
import io.positrack.runtime.rules.StopSides;

/**
 * The position command a trader's request becomes, or why it becomes none. Pure. The command id is the caller's
 * idempotency key under the API key's id ({@code api-<key id>-<idempotency key>}), so a request retried after a
 * timeout is the same command, which position-service applies once; and two keys cannot collide on one id.
 * position-service refuses a reused id with a different body (its content hash), so a key cannot be recycled by
 * mistake for another order.
 */
public final class ApiCommands {

    /** What an idempotency key may look like: it is embedded in the command id (at most 128 characters). */
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9._:@-]{1,80}$");

    public static final String PREFIX = "api-";

    /** The command, or the problem the caller is told (400). */
    public record Translation(PositionCommand command, String problem) {
        static Translation refused(String problem) {
            return new Translation(null, problem);
        }

        public boolean accepted() {
            return command != null;
        }
    }

    private ApiCommands() {
    }

    public static String commandId(String keyId, String idempotencyKey) {
        return PREFIX + keyId + "-" + idempotencyKey;
    }

    public static Translation translate(String keyId, String idempotencyKey, CommandRequest request, String defaultVenue,
            Instant now) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return Translation.refused("the Idempotency-Key header is required: 1-80 of A-Z a-z 0-9 . _ : @ - (one per command; "
                    + "send the same key again to retry the same command)");
        }
        if (request.account() == null || request.account().isBlank()) {
            return Translation.refused("account is required");
        }
        String type = request.type() == null ? "" : request.type().trim().toLowerCase(Locale.ROOT);
        boolean pausing = type.equals("pause") || type.equals("resume");
        if (!pausing && (request.symbol() == null || request.symbol().isBlank())) {
            return Translation.refused("symbol is required");
        }
        String commandId = commandId(keyId, idempotencyKey);
        String venue = request.venue() == null ? defaultVenue : request.venue();
        return switch (type) {
            case "open" -> open(request, commandId, venue, now);
            case "close" -> closeOrStops(request, false)
                    .map(Translation::refused)
                    .orElseGet(() -> new Translation(new PositionCommand.ClosePosition(commandId, request.account(), venue,
                            request.symbol(), request.positionId(), request.reason() == null ? "api " + keyId : request.reason(), null, now),
                            null));
            case "update-stops" -> closeOrStops(request, true)
                    .map(Translation::refused)
                    .orElseGet(() -> new Translation(new PositionCommand.UpdateStops(commandId, request.account(), venue, request.symbol(),
                            request.stopLoss(), request.takeProfit(), null, now), null));
            case "pause", "resume" -> pause(request, type.equals("pause"), commandId, keyId, now);
            default -> Translation.refused("type must be open, close, update-stops, pause or resume");
        };
    }

    private static Translation open(CommandRequest request, String commandId, String venue, Instant now) {
        Side side;
        try {
            side = request.side() == null ? null : Side.valueOf(request.side().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            side = null;
        }
        if (side == null) {
            return Translation.refused("side is required for open: BUY or SELL");
        }
        if (request.quantity() == null || request.quantity().signum() <= 0) {
            return Translation.refused("quantity is required for open and must be positive");
        }
        for (BigDecimal price : new BigDecimal[] { request.referencePrice(), request.stopLoss(), request.takeProfit() }) {
            if (price != null && price.signum() <= 0) {
                return Translation.refused("prices must be positive");
            }
        }
        if (request.positionId() != null) {
            return Translation.refused("positionId is for close only");
        }
        Optional<String> sides = StopSides.problemAgainst(side, request.referencePrice(), request.stopLoss(), request.takeProfit());
        if (sides.isPresent()) {
            return Translation.refused(sides.get());
        }
        return new Translation(new PositionCommand.OpenPosition(commandId, request.account(), venue, request.symbol(), side,
                request.quantity(), request.referencePrice(), request.stopLoss(), request.takeProfit(), null, null, now), null);
    }

    /** The kill switch: the symbol is optional (absent: every symbol of the account); nothing else may be given. */
    private static Translation pause(CommandRequest request, boolean pause, String commandId, String keyId, Instant now) {
        if (request.side() != null || request.quantity() != null || request.referencePrice() != null || request.stopLoss() != null
                || request.takeProfit() != null || request.positionId() != null) {
            return Translation.refused("pause and resume take an account, an optional symbol and (pause) an optional reason");
        }
        String symbol = request.symbol() == null || request.symbol().isBlank() ? null : request.symbol();
        if (pause) {
            return new Translation(new PositionCommand.PauseEntries(commandId, request.account(), symbol,
                    request.reason() == null ? "api " + keyId : request.reason(), null, now), null);
        }
        if (request.reason() != null) {
            return Translation.refused("reason is for pause only");
        }
        return new Translation(new PositionCommand.ResumeEntries(commandId, request.account(), symbol, null, now), null);
    }

    /** The problem of a close or update-stops request, or empty. */
    private static Optional<String> closeOrStops(CommandRequest request, boolean stops) {
        if (request.side() != null || request.quantity() != null || request.referencePrice() != null) {
            return Optional.of("side, quantity and referencePrice are for open only");
        }
        if (stops) {
            if (request.stopLoss() == null && request.takeProfit() == null) {
                return Optional.of("update-stops needs stopLoss, takeProfit or both");
            }
            if (request.positionId() != null) {
                return Optional.of("positionId is for close only");
            }
            if (request.stopLoss() != null && request.stopLoss().signum() <= 0 || request.takeProfit() != null && request.takeProfit().signum() <= 0) {
                return Optional.of("prices must be positive");
            }
        } else {
            if (request.stopLoss() != null || request.takeProfit() != null) {
                return Optional.of("stopLoss and takeProfit are for open and update-stops");
            }
            if (request.positionId() != null && request.positionId() < 1) {
                return Optional.of("positionId must be positive");
            }
        }
        return Optional.empty();
    }
}
