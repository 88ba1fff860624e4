package io.positrack.position.venue.binance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Binance SIGNED requests: {@code recvWindow} and {@code timestamp} are appended to the parameters, the
 * HMAC SHA256 of that query string (keyed with the secret) is appended as {@code signature}, last, in lower-case
 * hex. Holds the secret; {@link #toString()} does not show it.
 */
public final class BinanceSigner {

    private final SecretKeySpec key;

    public BinanceSigner(String secretKey) {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("a secret key is needed to sign requests");
        }
        this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The lower-case hex HMAC SHA256 of {@code payload}. */
    public String signature(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC SHA256 is not available", e);
        }
    }

    /** {@code params&recvWindow=..&timestamp=..&signature=..}, parameters in the given order, values URL-encoded. */
    public String signedQuery(List<Map.Entry<String, String>> params, long timestamp, long recvWindowMillis) {
        String payload = query(params) + (params.isEmpty() ? "" : "&") + "recvWindow=" + recvWindowMillis + "&timestamp=" + timestamp;
        return payload + "&signature=" + signature(payload);
    }

    /** The parameters as a query string, values URL-encoded. */
    public static String query(List<Map.Entry<String, String>> params) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    @Override
    public String toString() {
        return "BinanceSigner[secret hidden]";
    }
}
