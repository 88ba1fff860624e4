package io.positrack.position.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Signing, checked against the worked HMAC example of Binance's USDⓈ-M futures "General Info" page. */
class BinanceSignerTest {

    private static final String DOC_SECRET = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
    private static final String DOC_QUERY = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000"
            + "&timestamp=1591702613943";
    private static final String DOC_SIGNATURE = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";

    @Test
    void theDocumentedQueryStringSignsToTheDocumentedSignature() {
        assertThat(new BinanceSigner(DOC_SECRET).signature(DOC_QUERY)).isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void aSignedQueryAppendsRecvWindowTimestampAndTheSignatureLast() {
        List<Map.Entry<String, String>> params = List.of(Map.entry("symbol", "BTCUSDT"), Map.entry("side", "BUY"), Map.entry("type", "LIMIT"),
                Map.entry("quantity", "1"), Map.entry("price", "9000"), Map.entry("timeInForce", "GTC"));

        String signed = new BinanceSigner(DOC_SECRET).signedQuery(params, 1591702613943L, 5000);

        assertThat(signed).isEqualTo(DOC_QUERY + "&signature=" + DOC_SIGNATURE);
    }

    @Test
    void anotherSecretGivesAnotherSignature() {
        assertThat(new BinanceSigner(DOC_SECRET + "x").signature(DOC_QUERY)).isNotEqualTo(DOC_SIGNATURE);
    }

    @Test
    void valuesAreUrlEncodedBeforeSigning() {
        String signed = new BinanceSigner(DOC_SECRET).signedQuery(List.of(Map.entry("newClientOrderId", "a b/c")), 1, 5000);

        assertThat(signed).startsWith("newClientOrderId=a+b%2Fc&recvWindow=5000&timestamp=1&signature=");
    }

    @Test
    void theSignerNeverShowsItsSecret() {
        assertThat(new BinanceSigner(DOC_SECRET).toString()).doesNotContain(DOC_SECRET).doesNotContain(DOC_SECRET.substring(0, 8));
    }
}
