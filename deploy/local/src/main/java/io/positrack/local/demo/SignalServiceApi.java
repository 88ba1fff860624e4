package io.positrack.local.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the demo reads from signal-service's public HTTP API: the latest signal ({@code GET /signals/{symbol}}),
 * the sessions ({@code GET /sessions}) and how many ticks it has consumed ({@code /q/metrics}, on the management
 * interface). No backdoor: a person could ask the same with curl and the run's API key.
 */
final class SignalServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String baseUrl;
    private final String managementUrl;
    private final String apiKey;

    SignalServiceApi(String baseUrl, String managementUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
        this.apiKey = apiKey;
    }

    /** A signal as signal-service shows it. */
    record SignalView(String signalId, String side, BigDecimal entry, BigDecimal stopLoss, BigDecimal takeProfit, boolean current) {
        @Override
        public String toString() {
            return side + " " + signalId + ", entry " + entry.toPlainString() + ", stop loss " + stopLoss.toPlainString()
                    + ", take profit " + takeProfit.toPlainString();
        }
    }

    Optional<SignalView> latestSignal(String symbol) {
        return get("/signals/" + symbol).map(j -> new SignalView(j.get("signalId").asText(), j.get("side").asText(),
                new BigDecimal(j.get("entry").asText()), new BigDecimal(j.get("stopLoss").asText()),
                new BigDecimal(j.get("takeProfit").asText()), j.get("current").asBoolean()));
    }

    /** The close reason of the account's session for that position, once the session is closed. */
    Optional<String> closedSessionReason(String account, long positionId) {
        return get("/sessions?status=CLOSED&account=" + URLEncoder.encode(account, StandardCharsets.UTF_8)).flatMap(sessions -> {
            for (JsonNode s : sessions) {
                if (s.path("positionId").asLong() == positionId) {
                    return Optional.of(s.path("closeReason").asText());
                }
            }
            return Optional.empty();
        });
    }

    /** Ticks of watched symbols signal-service has applied (used or late): {@code positrack_signal_ticks_total}. */
    long ticksConsumed() {
        Optional<String> metrics = text(managementUrl + "/q/metrics");
        if (metrics.isEmpty()) {
            return 0;
        }
        String text = metrics.get();
        return (long) (io.positrack.infra.metrics.PrometheusText.sum(text, "positrack_signal_ticks_total", java.util.Map.of("outcome", "used"))
                + io.positrack.infra.metrics.PrometheusText.sum(text, "positrack_signal_ticks_total", java.util.Map.of("outcome", "late")));
    }

    private Optional<JsonNode> get(String path) {
        return text(baseUrl + path).map(body -> {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("signal-service answered " + path + " with something that is not JSON", e);
            }
        });
    }

    private Optional<String> text(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
