package org.urad.envmon.ingest.extract;

/**
 * One figure the report quotes, tied to its report item.
 *
 * @param key stable machine name ({@code gw_stable_months}, {@code wq_effective_transmission_rate}, ...)
 * @param subject what the figure is about: a zone, well, village, monitor (and parameter), or "banner"
 * @param value the number, or null when the data do not allow one
 * @param target the target as written ({@code ≥ 98}); null when the report sets none
 * @param met whether the target is met; null when there is no target or no value
 * @param coverage share of the expected data behind the value, in percent; null where not applicable
 * @param note short context (since when, the period a figure is measured over, where it comes from)
 * @param sentence report-style Chinese sentence generated from the numbers
 */
public record Indicator(
        Area area,
        String item,
        String key,
        String nameZh,
        String nameEn,
        String subject,
        Double value,
        String unit,
        String target,
        Boolean met,
        Double coverage,
        String note,
        String sentence) {

    public String name(Lang lang) {
        return lang == Lang.EN && nameEn != null ? nameEn : nameZh;
    }

    /** Starts an indicator; finish it with the builder's setters and {@link Builder#build()}. */
    public static Builder of(Area area, String item, String key, String nameZh, String nameEn, String unit) {
        return new Builder(area, item, key, nameZh, nameEn, unit);
    }

    /** Fills the optional fields of an indicator one by one. */
    public static final class Builder {
        private final Area area;
        private final String item;
        private final String key;
        private final String nameZh;
        private final String nameEn;
        private final String unit;
        private String subject = "";
        private Double value;
        private String target;
        private Boolean met;
        private Double coverage;
        private String note;
        private String sentence;

        private Builder(Area area, String item, String key, String nameZh, String nameEn, String unit) {
            this.area = area;
            this.item = item;
            this.key = key;
            this.nameZh = nameZh;
            this.nameEn = nameEn;
            this.unit = unit;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder value(Double value) {
            this.value = value;
            return this;
        }

        public Builder target(String target, Boolean met) {
            this.target = target;
            this.met = value == null ? null : met;
            return this;
        }

        public Builder coverage(Double coverage) {
            this.coverage = coverage;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public Builder sentence(String sentence) {
            this.sentence = sentence;
            return this;
        }

        public Indicator build() {
            return new Indicator(
                    area, item, key, nameZh, nameEn, subject, value, unit, target, met, coverage, note, sentence);
        }
    }
}
