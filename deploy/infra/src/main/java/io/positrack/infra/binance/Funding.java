package io.positrack.infra.binance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stand-in's funding: payments booked on the account's positions, kept as Get Income History records
 * ({@code incomeType FUNDING_FEE}) and announced by an {@code ACCOUNT_UPDATE} with reason {@code FUNDING_FEE} that
 * carries the balance change only, as Binance sends it for a crossed position. Not thread-safe: used under the
 * stand-in's book lock.
 */
final class Funding {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Income(String symbol, BigDecimal income, long time, long tranId) {
    }

    private final List<Income> history = new ArrayList<>();
    private long nextTranId = 9_689_322_392L;

    /**
     * Books one funding payment of {@code rate} on the symbol's position at its mark price: a long pays a positive
     * rate, a short receives it. Returns the amount (signed as the account sees it) and adds the stream event.
     */
    BigDecimal pay(String symbol, BigDecimal amount, BigDecimal mark, BigDecimal rate, long at, List<ObjectNode> events) {
        BigDecimal income = amount.multiply(mark).multiply(rate).negate().setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (income.scale() < 0) {
            income = income.setScale(0);
        }
        history.add(new Income(symbol, income, at, nextTranId++));
        events.add(accountUpdate(income, at));
        return income;
    }

    /** Get Income History: the FUNDING_FEE records within [startTime, endTime] (either may be absent), of one symbol or all. */
    ArrayNode income(String symbol, String incomeType, Long startTime, Long endTime) {
        ArrayNode list = JSON.createArrayNode();
        if (incomeType != null && !incomeType.equals("FUNDING_FEE")) {
            return list;
        }
        for (Income i : history) {
            if ((symbol == null || symbol.equals(i.symbol())) && (startTime == null || i.time() >= startTime)
                    && (endTime == null || i.time() <= endTime)) {
                ObjectNode n = list.addObject();
                n.put("symbol", i.symbol());
                n.put("incomeType", "FUNDING_FEE");
                n.put("income", i.income().toPlainString());
                n.put("asset", "USDT");
                n.put("info", "FUNDING_FEE");
                n.put("time", i.time());
                n.put("tranId", i.tranId());
                n.put("tradeId", "");
            }
        }
        return list;
    }

    private static ObjectNode accountUpdate(BigDecimal change, long at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "ACCOUNT_UPDATE");
        e.put("E", at + 1);
        e.put("T", at);
        ObjectNode a = e.putObject("a");
        a.put("m", "FUNDING_FEE");
        ObjectNode b = a.putArray("B").addObject();
        b.put("a", "USDT");
        b.put("wb", "0");
        b.put("cw", "0");
        b.put("bc", change.toPlainString());
        // A crossed position's funding event names no position: the income history does.
        a.putArray("P");
        return e;
    }
}
