-- A manual indicator's target is met from above or from below: forest coverage and vegetation cover
-- must reach their target (ge, value >= target), a loss rate or a consumption per unit must stay
-- under it (le, value <= target). Entries made before this column existed were all "at least".
ALTER TABLE manual_indicator ADD COLUMN direction text NOT NULL DEFAULT 'ge' CHECK (direction IN ('le', 'ge'));
