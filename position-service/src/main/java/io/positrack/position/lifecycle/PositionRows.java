package io.positrack.position.lifecycle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.positrack.contracts.position.Origin;
import io.positrack.contracts.position.PositionSnapshot;
import io.positrack.contracts.position.PositionStatus;
import io.positrack.contracts.position.Side;
import io.vertx.mutiny.sqlclient.Row;

/** Maps rows of {@code positions} to snapshots and instants to timestamptz parameters. */
public final class PositionRows {

    static final String COLUMNS = "id, account, venue, symbol, side, status, quantity, filled_quantity, remaining_quantity, "
            + "entry_price, exit_price, stop_loss, take_profit, realized_pnl, close_reason, origin, signal_id, "
            + "entry_order_id, exit_order_id, exit_attempt, version, opened_at, updated_at, closed_at, fees, funding, other_fees";

    private PositionRows() {
    }

    public static PositionSnapshot toSnapshot(Row row) {
        return new PositionSnapshot(
                row.getLong("id"),
                row.getString("account"),
                row.getString("venue"),
                row.getString("symbol"),
                Side.valueOf(row.getString("side")),
                PositionStatus.valueOf(row.getString("status")),
                strip(row.getBigDecimal("quantity")),
                strip(row.getBigDecimal("filled_quantity")),
                strip(row.getBigDecimal("remaining_quantity")),
                strip(row.getBigDecimal("entry_price")),
                strip(row.getBigDecimal("exit_price")),
                strip(row.getBigDecimal("stop_loss")),
                strip(row.getBigDecimal("take_profit")),
                strip(row.getBigDecimal("realized_pnl")),
                row.getString("close_reason"),
                Origin.valueOf(row.getString("origin")),
                row.getString("signal_id"),
                row.getString("entry_order_id"),
                row.getString("exit_order_id"),
                row.getInteger("exit_attempt"),
                row.getLong("version"),
                instant(row.getOffsetDateTime("opened_at")),
                instant(row.getOffsetDateTime("updated_at")),
                instant(row.getOffsetDateTime("closed_at")),
                strip(row.getBigDecimal("fees")),
                strip(row.getBigDecimal("funding")),
                otherFees(row.getValue("other_fees")),
                null,
                null);
    }

    /** {@code other_fees} is a JSON object of asset to decimal string; the list is sorted by asset. */
    static java.util.List<io.positrack.contracts.position.AssetAmount> otherFees(Object column) {
        if (!(column instanceof io.vertx.core.json.JsonObject object) || object.isEmpty()) {
            return null;
        }
        return object.fieldNames().stream().sorted()
                .map(asset -> new io.positrack.contracts.position.AssetAmount(asset, strip(new java.math.BigDecimal(object.getString(asset)))))
                .toList();
    }

    /** The column value of {@link #otherFees(Object)}: null when there are none. */
    public static io.vertx.core.json.JsonObject otherFeesColumn(java.util.List<io.positrack.contracts.position.AssetAmount> fees) {
        if (fees == null || fees.isEmpty()) {
            return null;
        }
        io.vertx.core.json.JsonObject object = new io.vertx.core.json.JsonObject();
        fees.forEach(f -> object.put(f.asset(), strip(f.amount()).toPlainString()));
        return object;
    }

    /**
     * numeric(38,18) pads with zeros; the wire and the snapshot carry the shortest plain value
     * ("2100", "0.5"), never an exponent form such as "2.1E+3".
     */
    public static java.math.BigDecimal strip(java.math.BigDecimal value) {
        if (value == null) {
            return null;
        }
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
