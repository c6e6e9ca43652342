package org.urad.envmon.ingest.console;

/** The alert list's filters; blank means any. */
record AlertFilter(String state, String rule, String item, String township, String village, String device) {

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    AlertFilter {
        state = blankToNull(state);
        rule = blankToNull(rule);
        item = blankToNull(item);
        township = blankToNull(township);
        village = blankToNull(village);
        device = blankToNull(device);
    }
}
