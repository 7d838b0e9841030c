-- 0002: service facts as the list gives them, and the parent item of a 业务办理项.
-- legal_days, promise_days and visits (0001) held whole numbers where 0 meant "not given"
-- and a 3个月 became 3 working days. Snapshots built from now on leave them 0 and hold
-- each fact as JSON {"value": number|null, "unit": ..., "text": the list's own words},
-- or NULL when the list gives none (kiosk/catalogue/values.py). A schema-1 snapshot is
-- still read through the old columns (kiosk/catalogue/sql.py).
ALTER TABLE items ADD COLUMN legal_limit TEXT CHECK (legal_limit IS NULL OR json_valid(legal_limit));
ALTER TABLE items ADD COLUMN promise_limit TEXT CHECK (promise_limit IS NULL OR json_valid(promise_limit));
ALTER TABLE items ADD COLUMN visits_fact TEXT CHECK (visits_fact IS NULL OR json_valid(visits_fact));
ALTER TABLE items ADD COLUMN parent TEXT NOT NULL DEFAULT '';  -- 业务办理项: the parent item's name
