package io.positrack.position.venue;

/** What the venue said to an order placement. Outcomes are values; only faults are exceptions. */
public sealed interface Placement {

    /** The venue took the order. */
    record Accepted(String venueOrderId) implements Placement {
    }

    /** The venue already has an order with this client order id: the earlier attempt got through. */
    record AlreadyPlaced(String venueOrderId) implements Placement {
    }

    /** The venue refused the order. */
    record Rejected(String reason) implements Placement {
    }

    /** No answer (timeout, 503): the order may or may not exist; resolve by looking it up, never by resending blindly. */
    record Unknown(String reason) implements Placement {
    }
}
