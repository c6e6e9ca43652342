package org.urad.envmon.ingest.extract;

/** Language of headers and labels in an extract; sentences are always in Chinese, as the report is. */
public enum Lang {
    ZH,
    EN;

    public static Lang of(String code) {
        return code != null && code.trim().equalsIgnoreCase("en") ? EN : ZH;
    }
}
