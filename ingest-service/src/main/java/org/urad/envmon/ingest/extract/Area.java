package org.urad.envmon.ingest.extract;

/** The report's areas, one sheet each in the workbook, in report order. */
public enum Area {
    GROUNDWATER("地下水", "Groundwater"),
    ABSTRACTION("取用水", "Abstraction"),
    GATES("测流闸门", "Flow gates"),
    CEMS("烟气在线监测", "CEMS"),
    WATER_QUALITY("水质在线监测", "Water quality"),
    MANUAL("人工填报", "Manual");

    private final String zh;
    private final String en;

    Area(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String label(Lang lang) {
        return lang == Lang.EN ? en : zh;
    }
}
