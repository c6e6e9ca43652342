package org.urad.envmon.ingest.marks;

import java.util.Locale;
import java.util.Optional;
import org.urad.envmon.ingest.reading.Family;

/**
 * What a mark says a period was: the equipment marks of 《污染物排放自动监测设备标记规则》 (MEE announcement 2022
 * No. 21) and the working-condition marks that apply to the plants watched here (coke ovens on CEMS stacks,
 * sewage treatment on water outlets). docs/marks.md gives the source of each and how sure we are of it.
 */
public enum MarkKind {
    // equipment (设备标记): any monitor
    MAINTENANCE("维护", Scope.EQUIPMENT, null, "M"),
    FAULT("故障", Scope.EQUIPMENT, null, "D"),
    CALIBRATION("校准", Scope.EQUIPMENT, null, "C"),
    COMMISSIONING("调试", Scope.EQUIPMENT, null, null),
    COMMUNICATION_FAULT("通讯故障", Scope.EQUIPMENT, null, "B"),
    // working conditions (工况标记): any plant
    SHUTDOWN("停运", Scope.WORKING_CONDITION, null, "F"),
    START_UP("启动", Scope.WORKING_CONDITION, null, null),
    SHUTTING_DOWN("停机过程", Scope.WORKING_CONDITION, null, null),
    PRODUCTION_FAULT("生产设施故障", Scope.WORKING_CONDITION, null, null),
    TREATMENT_FAULT("治理设施故障", Scope.WORKING_CONDITION, null, null),
    // working conditions of coke ovens (stack emissions)
    COKE_OVEN_HEATING_UP("焦炉烘炉", Scope.WORKING_CONDITION, Family.CEMS, null),
    COKE_OVEN_HOLDING("焦炉焖炉", Scope.WORKING_CONDITION, Family.CEMS, null),
    // working conditions of sewage treatment (water outlets)
    INFLOW_ABNORMAL("进水异常", Scope.WORKING_CONDITION, Family.WATER_QUALITY, null);

    enum Scope {
        EQUIPMENT,
        WORKING_CONDITION
    }

    private final String zh;
    private final Scope scope;
    private final Family only;
    private final String loggerFlag;

    MarkKind(String zh, Scope scope, Family only, String loggerFlag) {
        this.zh = zh;
        this.scope = scope;
        this.only = only;
        this.loggerFlag = loggerFlag;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String zh() {
        return zh;
    }

    Scope scope() {
        return scope;
    }

    /** The HJ 212 data flag a logger sends for the same state, or {@code null}. */
    String loggerFlag() {
        return loggerFlag;
    }

    /** Whether the kind may be used on a monitor of {@code family} (coke-oven kinds on stacks only, …). */
    boolean appliesTo(Family family) {
        return family.isMonitor() && (only == null || only == family);
    }

    public static Optional<MarkKind> fromCode(String code) {
        for (MarkKind k : values()) {
            if (k.code().equals(code)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
