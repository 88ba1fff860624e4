package io.positrack.runtime.kafka;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How this replica presents itself to the Kafka group coordinator ({@code positrack.kafka.*}). */
@ConfigMapping(prefix = "positrack.kafka")
public interface KafkaMembership {

    /**
     * The replica's stable name, the prefix of every consumer's {@code group.instance.id}: in Kubernetes the pod
     * name ({@code POSITRACK_KAFKA_INSTANCE_NAME} from {@code metadata.name}), so a container restarted in the same
     * pod takes its partitions back at once. Absent (local runs, tests): a name generated once per JVM, unique per
     * process. Kafka allows letters, digits, '.', '_' and '-' only.
     */
    Optional<String> instanceName();

    /**
     * Incoming channels that are members of no group: each reads every partition of its topic from the end
     * ({@link AssignedPartitions}, which reads this key itself while configuration is built; declared here so that
     * the key is known).
     */
    Optional<List<String>> assignAllPartitions();
}
