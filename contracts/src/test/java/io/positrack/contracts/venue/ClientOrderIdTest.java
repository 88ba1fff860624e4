package io.positrack.contracts.venue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientOrderIdTest {

    @Test
    void anIdOfOursIsReadBack() {
        assertThat(ClientOrderId.parse("pt-56-sl-3")).contains(new ClientOrderId(56, OrderRole.STOP_LOSS, 3));
        assertThat(ClientOrderId.parse(new ClientOrderId(999_999_999_999L, OrderRole.EXIT, 2).toString())).isPresent();
    }

    @Test
    void idsThatCannotBeOursAreEmptyRatherThanThrowing() {
        for (String id : new String[] { "pt-0-e-1", "pt-1-e-0", "pt-99999999999999999999-x-1", "pt-1-x-99999999999", "pt-01-e-1",
                "pt-1-q-1", "", "x".repeat(100) }) {
            assertThat(ClientOrderId.parse(id)).as(id).isEmpty();
        }
    }
}
