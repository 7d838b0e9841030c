-- 0003: 自助终端可办结 (items.terminal_complete) and 必要 (materials.required) may be NULL,
-- "the list does not say". 0001 made them NOT NULL with defaults 0 and 1, so a raw official
-- list (no such columns) told every resident 需到窗口办理 and 必要 for every material.
-- SQLite cannot drop a NOT NULL, so both tables are made anew (sqlite.org/lang_altertable.html,
-- "other kinds of table schema changes"); the builder runs this on an empty file. A schema-1
-- or schema-2 snapshot still reads: its 0/1 values are what its list was taken to say.
CREATE TABLE items_0003 (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    department        TEXT NOT NULL,
    department_code   TEXT NOT NULL DEFAULT '',
    item_type         TEXT NOT NULL DEFAULT '',
    terminal_complete INTEGER CHECK (terminal_complete IS NULL OR terminal_complete IN (0, 1)),
    pc_url            TEXT NOT NULL DEFAULT '',
    mobile_url        TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'suspended', 'cancelled')),
    hot               INTEGER NOT NULL DEFAULT 0,
    conditions        TEXT NOT NULL DEFAULT '',
    case_type         TEXT NOT NULL DEFAULT '',
    legal_days        INTEGER NOT NULL DEFAULT 0,
    promise_days      INTEGER NOT NULL DEFAULT 0,
    fee               TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    hours             TEXT NOT NULL DEFAULT '',
    visits            INTEGER NOT NULL DEFAULT 0,
    note              TEXT NOT NULL DEFAULT '',
    legal_limit       TEXT CHECK (legal_limit IS NULL OR json_valid(legal_limit)),
    promise_limit     TEXT CHECK (promise_limit IS NULL OR json_valid(promise_limit)),
    visits_fact       TEXT CHECK (visits_fact IS NULL OR json_valid(visits_fact)),
    parent            TEXT NOT NULL DEFAULT ''
);
INSERT INTO items_0003 SELECT id, code, name, department, department_code, item_type,
    terminal_complete, pc_url, mobile_url, status, hot, conditions, case_type, legal_days,
    promise_days, fee, phone, address, hours, visits, note, legal_limit, promise_limit,
    visits_fact, parent FROM items;
DROP TABLE items;
ALTER TABLE items_0003 RENAME TO items;
CREATE TABLE materials_0003 (
    item_id  INTEGER NOT NULL REFERENCES items (id),
    ord      INTEGER NOT NULL,
    name     TEXT NOT NULL,
    required INTEGER CHECK (required IS NULL OR required IN (0, 1)),
    form     TEXT NOT NULL DEFAULT '',
    copies   INTEGER NOT NULL DEFAULT 1,
    source   TEXT NOT NULL DEFAULT '',
    note     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, ord)
) WITHOUT ROWID;
INSERT INTO materials_0003 SELECT item_id, ord, name, required, form, copies, source, note
    FROM materials;
DROP TABLE materials;
ALTER TABLE materials_0003 RENAME TO materials;
