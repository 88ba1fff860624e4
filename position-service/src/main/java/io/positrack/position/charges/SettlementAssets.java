package io.positrack.position.charges;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.position.config.PositionConfig;

/**
 * The asset a symbol settles in, read from the end of its name ({@code positrack.position.pnl.settlement-assets},
 * longest first: BTCUSDT is USDT, not USD). The one home of that rule: fees, funding and the paper venue's
 * commissions all ask here.
 */
@ApplicationScoped
public class SettlementAssets {

    private final List<String> assets;

    @jakarta.inject.Inject
    public SettlementAssets(PositionConfig config) {
        this(config.pnl().settlementAssets());
    }

    SettlementAssets(List<String> assets) {
        this.assets = assets.stream().map(String::trim).filter(a -> !a.isEmpty()).sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public static SettlementAssets of(List<String> assets) {
        return new SettlementAssets(assets);
    }

    /** The settlement asset of {@code symbol}, or null when its name ends in none of the configured ones. */
    public String of(String symbol) {
        if (symbol == null) {
            return null;
        }
        String plain = symbol.replaceAll("[-_/]", "");
        for (String asset : assets) {
            if (plain.endsWith(asset) && plain.length() > asset.length()) {
                return asset;
            }
        }
        return null;
    }
}
