package org.urad.envmon.ingest.rules;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ingest.rules.*}.
 *
 * @param catalogue where the rule set (JSON) is read from; re-read every {@code reloadInterval}
 * @param windowInterval how often the windowed rules look for new or dirty windows
 * @param groundwaterBackfill how far back never-evaluated quarters are evaluated (marked quarters are judged
 *     however old, by the catch-up)
 * @param batchQueue committed batches waiting for the point rules; beyond it a batch is noted in a backlog and
 *     judged from the database once the queue has drained
 * @param statusInterval how often the overdue and silent rules and the provisional windows run
 * @param monitorBackfill how far back never-evaluated hours, days and months are evaluated
 * @param provisional whether the open hour and day are judged as provisional windows of the limit rules
 * @param notifyWithin alert changes for periods that ended longer ago than this are recorded, not notified
 * @param dueSweepInterval how often the point rules' left-over work ({@code point_rule_due}: batches committed
 *     but not judged, after a crash or a failed judgement) is looked for; the first look is at startup
 * @param dueSweepAfter a due row younger than this is left to the rules thread of the instance that committed
 *     it; also the lease a sweeping instance holds on the rows it judges
 */
@ConfigurationProperties("ingest.rules")
@Validated
public record RulesProperties(
        @DefaultValue("classpath:rules/rule-set.json") String catalogue,
        @DefaultValue("5m") Duration reloadInterval,
        @DefaultValue("5m") Duration windowInterval,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("1100d") Duration groundwaterBackfill,
        @DefaultValue("1000") @Min(1) int batchQueue,
        @DefaultValue("1m") Duration statusInterval,
        @DefaultValue("3d") Duration monitorBackfill,
        @DefaultValue("true") boolean provisional,
        @DefaultValue("30d") Duration notifyWithin,
        @DefaultValue("1m") Duration dueSweepInterval,
        @DefaultValue("2m") Duration dueSweepAfter) {}
