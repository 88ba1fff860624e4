package io.positrack.position.venue.binance;

/** A Binance answer that is not the one asked for: a failed query ("unknown"), never "absent" or "flat". */
public class BinanceException extends RuntimeException {

    private final transient BinanceResponse response;

    public BinanceException(BinanceResponse response, String what) {
        super(what + ": " + response.describe());
        this.response = response;
    }

    public BinanceException(String what) {
        super(what);
        this.response = null;
    }

    public BinanceResponse response() {
        return response;
    }
}
