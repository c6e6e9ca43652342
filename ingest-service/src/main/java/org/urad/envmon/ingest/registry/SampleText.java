package org.urad.envmon.ingest.registry;

import java.util.List;
import java.util.Map;

/** The comment lines at the top of each sample seed file. */
final class SampleText {

    static final List<String> COMMENTS = List.of(
            "SAMPLE DATA - not the real registry of Urad Middle Banner (乌拉特中旗).",
            "Generated deterministically by org.urad.envmon.ingest.registry.SampleRegistryGenerator; do not edit by"
                    + " hand, run its main method instead.",
            "Township names, the coke-oven CEMS operator and three sewage plants are the real ones named in the"
                    + " rectification report; village, well, plant (示例…) and canal (示例…) names, coordinates,"
                    + " allocations, control levels, MNs and passwords are invented.",
            "To use your own registry: put the six files (zones.csv, villages.csv, wells.csv, monitors.csv,"
                    + " monitor_parameters.csv, gates.csv) with the same header rows in a directory, give them a new"
                    + " '# version:' line and set ingest.registry.seed-location=file:/path/to/that/directory/ .",
            "Format: UTF-8 CSV, one header row, lines starting with # are comments, empty field = no value;"
                    + " reporting_interval as ISO-8601 duration (PT1H, PT5M, PT1M).");

    static final Map<String, String> DESCRIPTIONS = Map.of(
            "zones.csv",
            "Groundwater management zones; annual_cap_m3 = total abstraction cap per year (m3).",
            "villages.csv",
            "Villages (嘎查村); annual_allocation_m3 = sum of their wells' allocations (left empty, it is computed).",
            "wells.csv",
            "Wells; role = abstraction (metered, the default), monitoring (its level enters the zone mean level),"
                    + " control (held against control_level_m, the control groundwater level in metres above sea"
                    + " level), several separated by |; annual_allocation_m3 in m3 per year; wellhead_elevation_m"
                    + " turns a depth-only logger's gw_depth into a level; protocol szy206 and terminal_address (ten"
                    + " hex digits: A1 division code, A2 station number low byte first) name the SZY 206 terminal a"
                    + " well reports through.",
            "monitors.csv",
            "Online monitors (kind cems or water_quality); mn and password identify HJ 212 frames (sample values).",
            "monitor_parameters.csv",
            "Parameters per monitor: analyser range (range_max = full scale) and limits. CEMS limits are the"
                    + " ultra-low values of 环大气〔2019〕35号 (coke-oven chimney: particulate 10, SO2 30, NOx 150"
                    + " mg/m3 at 8 % O2; dry quenching: particulate 10, SO2 50 mg/m3; not verified against the"
                    + " official text); water limits are GB 18918-2002 grade 1-A daily means, limit_low/limit_value"
                    + " for pH 6-9, limit_cold = NH3-N limit at or below 12 degC; limit_o2_ref_pct (optional) = the"
                    + " reference O2 the limit is set at (concentrations are judged converted to it).",
            "gates.csv",
            "Canal flow-measurement gates; section_class state_managed or mass_managed; automated = has automatic"
                    + " flow measurement; protocol sl651 and terminal_address (the station's ten hex digits) name the"
                    + " SL 651 station a gate reports through.");

    private SampleText() {}
}
