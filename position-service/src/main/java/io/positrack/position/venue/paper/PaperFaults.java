package io.positrack.position.venue.paper;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.position.config.PositionConfig;

/**
 * The paper venue's fault injection, so tests and the local run can reproduce what real venues do.
 * Starts from configuration; tests may change it while the service runs.
 */
@ApplicationScoped
public class PaperFaults {

    private volatile Duration snapshotLag;

    public PaperFaults(PositionConfig config) {
        this.snapshotLag = config.paper().snapshotLag();
    }

    /** Position snapshots show the venue as it was this long ago. */
    public Duration snapshotLag() {
        return snapshotLag;
    }

    public void snapshotLag(Duration lag) {
        this.snapshotLag = lag;
    }
}
