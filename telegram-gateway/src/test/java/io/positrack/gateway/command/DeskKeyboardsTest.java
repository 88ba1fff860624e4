package io.positrack.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.positrack.gateway.botapi.Requests.InlineKeyboardButton;

class DeskKeyboardsTest {

    @Test
    void aSignalGetsOpenAndIgnoreInOneRow() {
        var keyboard = DeskKeyboards.signal("BTCUSDT-ema-20260101T000000Z", "BTCUSDT").orElseThrow();
        assertThat(keyboard.inlineKeyboard()).hasSize(1);
        assertThat(keyboard.inlineKeyboard().get(0)).extracting(InlineKeyboardButton::callbackData)
                .containsExactly("o:BTCUSDT-ema-20260101T000000Z", "i:BTCUSDT-ema-20260101T000000Z");
        assertThat(keyboard.inlineKeyboard().get(0)).extracting(InlineKeyboardButton::text).containsExactly("✅ Open", "✖️ Ignore");
    }

    @Test
    void aCloseGetsConfirmAndCancelForTheSameTarget() {
        var bySymbol = DeskKeyboards.closeConfirmation("XAUUSD", null).orElseThrow();
        assertThat(bySymbol.inlineKeyboard().get(0)).extracting(InlineKeyboardButton::callbackData).containsExactly("cc:XAUUSD", "cx:XAUUSD");
        var byId = DeskKeyboards.closeConfirmation(null, 42L).orElseThrow();
        assertThat(byId.inlineKeyboard().get(0)).extracting(InlineKeyboardButton::callbackData).containsExactly("cc:#42", "cx:#42");
    }

    @Test
    void aSignalWhoseIdWouldNotFitGetsNoKeyboard() {
        assertThat(DeskKeyboards.signal("BTCUSDT-" + "x".repeat(60), "BTCUSDT")).isEmpty();
    }
}
