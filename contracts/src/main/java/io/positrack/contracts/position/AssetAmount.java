package io.positrack.contracts.position;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

/** An amount of one asset, such as a commission paid in BNB. */
public record AssetAmount(String asset, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
}
