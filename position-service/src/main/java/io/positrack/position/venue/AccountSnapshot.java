package io.positrack.position.venue;

import java.time.Instant;
import java.util.List;

import io.positrack.contracts.venue.VenuePositionReport;

/**
 * A venue's answer to "what does this account hold?": one report per symbol it mentions.
 *
 * @param asOf the venue time the answer was true at; symbols it does not mention were flat then
 * @param complete false when the venue answered only in part: then nothing may be concluded as "flat"
 */
public record AccountSnapshot(String account, String venue, Instant asOf, boolean complete, List<VenuePositionReport> positions) {
}
