package io.positrack.gateway.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.positrack.contracts.Topics;
import io.positrack.contracts.market.MarketTick;
import io.positrack.gateway.notify.MarketPrices;
import io.positrack.gateway.support.GatewayKafka;
import io.positrack.gateway.support.TelegramStandInResource;
import io.positrack.infra.quarkus.PositrackTestInfrastructure;
import io.positrack.runtime.kafka.StaticMembership;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the broker sees of the running gateway's consumers (#16): the members of its group are static, one
 * group.instance.id per consumer, and the price cache reads market-ticks without being a member of any group.
 */
@QuarkusTest
@WithTestResource(value = PositrackTestInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(TelegramStandInResource.class)
class ConsumerMembershipTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static Admin admin;

    @Inject
    StaticMembership membership;

    @Inject
    MarketPrices prices;

    @ConfigProperty(name = "positrack.topics.partitions", defaultValue = "4")
    int partitions;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                PositrackTestInfrastructure.infrastructure().kafka().bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void everyConsumerOfTheGatewayGroupIsAStaticMemberWithAnIdOfItsOwn() throws Exception {
        // command-results runs one consumer per partition, position-events, alerts and signals one each.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(members("telegram-gateway")).hasSize(partitions + 3));

        List<String> ids = members("telegram-gateway").stream().map(MemberDescription::groupInstanceId)
                .map(id -> id.orElse("(dynamic)")).toList();
        String prefix = membership.instance() + "-";
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith(prefix))
                .contains(prefix + "alerts", prefix + "signals", prefix + "position-events", prefix + "command-results.1", prefix + "command-results." + partitions);
    }

    @Test
    void thePriceCacheReadsEveryPartitionWithoutAGroup() throws Exception {
        for (String symbol : oneSymbolPerPartition()) {
            // The cache starts at the end of each partition: tick until this partition's tick is applied.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                GatewayKafka.get().sendRaw(Topics.MARKET_TICKS, symbol, GatewayKafka.write(tick(symbol)));
                return prices.lastPrice(symbol).isPresent();
            });
        }

        List<String> readingTicks = new ArrayList<>();
        for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
            for (MemberDescription member : describe(group.groupId()).members()) {
                if (member.assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.MARKET_TICKS))) {
                    readingTicks.add(group.groupId() + "/" + member.consumerId());
                }
            }
        }
        assertThat(readingTicks).as("group members assigned market-ticks").isEmpty();
    }

    private static Collection<MemberDescription> members(String group) throws Exception {
        return describe(group).members();
    }

    private static ConsumerGroupDescription describe(String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
    }

    /** Symbols the producer's default partitioner puts on partitions 0 .. N-1, one each. */
    private List<String> oneSymbolPerPartition() {
        Map<Integer, String> found = new TreeMap<>();
        String base = "MEMB" + System.nanoTime() % 100_000;
        for (int i = 0; found.size() < partitions; i++) {
            String symbol = base + i;
            found.putIfAbsent(Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8))) % partitions, symbol);
        }
        return List.copyOf(found.values());
    }

    private static MarketTick tick(String symbol) {
        BigDecimal price = new BigDecimal("100");
        return new MarketTick(symbol, price.subtract(BigDecimal.ONE), price.add(BigDecimal.ONE), price, Instant.now());
    }
}
