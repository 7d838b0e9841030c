-- 0001: the catalogue snapshot schema.
-- A snapshot is immutable once built: the kiosk opens it read-only and a new
-- catalogue arrives as a whole new file (see kiosk/store.py).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per 政务服务事项 (a 实施清单 entry). Scalars here, lists in item_terms.
CREATE TABLE items (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,        -- 实施编码 (SAMPLE-… in sample data)
    name              TEXT NOT NULL,               -- 事项名称
    department        TEXT NOT NULL,               -- 实施主体
    department_code   TEXT NOT NULL DEFAULT '',    -- 实施主体编码 (统一社会信用代码)
    item_type         TEXT NOT NULL DEFAULT '',    -- 事项类型
    terminal_complete INTEGER NOT NULL DEFAULT 0 CHECK (terminal_complete IN (0, 1)),
    pc_url            TEXT NOT NULL DEFAULT '',    -- 计算机端在线办理地址
    mobile_url        TEXT NOT NULL DEFAULT '',    -- 移动端办理地址
    status            TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'suspended', 'cancelled')),
    hot               INTEGER NOT NULL DEFAULT 0,  -- hot-item rank, 1 = most used; 0 = not hot
    -- 办事指南 scalars
    conditions        TEXT NOT NULL DEFAULT '',    -- 受理条件
    case_type         TEXT NOT NULL DEFAULT '',    -- 办件类型 即办件/承诺件
    legal_days        INTEGER NOT NULL DEFAULT 0,  -- 法定办结时限 (working days)
    promise_days      INTEGER NOT NULL DEFAULT 0,  -- 承诺办结时限
    fee               TEXT NOT NULL DEFAULT '',    -- 是否收费 + 收费标准
    phone             TEXT NOT NULL DEFAULT '',    -- 咨询电话
    address           TEXT NOT NULL DEFAULT '',    -- 办理地点
    hours             TEXT NOT NULL DEFAULT '',    -- 办理时间
    visits            INTEGER NOT NULL DEFAULT 0,  -- 到办事现场次数
    note              TEXT NOT NULL DEFAULT ''
);

-- Multi-valued text fields: alias, keyword, theme, tag (list tag such as 自助办),
-- handling (查询/打印/申请…), object (自然人/法人), terminal (一体机/智慧柜员机), auth.
CREATE TABLE item_terms (
    item_id INTEGER NOT NULL REFERENCES items (id),
    kind    TEXT NOT NULL CHECK (kind IN ('alias', 'keyword', 'theme', 'tag', 'handling',
                                          'object', 'terminal', 'auth')),
    ord     INTEGER NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (item_id, kind, ord)
) WITHOUT ROWID;
CREATE INDEX item_terms_by_value ON item_terms (kind, value);

-- 申请材料
CREATE TABLE materials (
    item_id  INTEGER NOT NULL REFERENCES items (id),
    ord      INTEGER NOT NULL,
    name     TEXT NOT NULL,
    required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    form     TEXT NOT NULL DEFAULT '',   -- 原件/复印件
    copies   INTEGER NOT NULL DEFAULT 1,
    source   TEXT NOT NULL DEFAULT '',   -- 来源渠道
    note     TEXT NOT NULL DEFAULT '',   -- 填报须知
    PRIMARY KEY (item_id, ord)
) WITHOUT ROWID;

-- 办理流程
CREATE TABLE steps (
    item_id INTEGER NOT NULL REFERENCES items (id),
    ord     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (item_id, ord)
) WITHOUT ROWID;

-- Precomputed search keys, one row per searchable text of an item
-- (field: name, alias, keyword, department). norm is the folded text (Simplified,
-- lower case, letters/digits/CJK only); initials holds the pinyin initials of the
-- phrase reading and of every other reading of its polyphonic characters, '|'-separated.
-- Full pinyin is matched against norm at search time (kiosk/search.py).
CREATE TABLE search_keys (
    item_id  INTEGER NOT NULL REFERENCES items (id),
    field    TEXT NOT NULL CHECK (field IN ('name', 'alias', 'keyword', 'department')),
    norm     TEXT NOT NULL,
    initials TEXT NOT NULL
);
CREATE INDEX search_keys_by_item ON search_keys (item_id);

-- Every reading of every character in search_keys.norm (toneless pinyin,
-- '|'-separated, likeliest first), so the kiosk matches typed pinyin without
-- loading a pinyin library.
CREATE TABLE char_readings (
    char     TEXT PRIMARY KEY,
    readings TEXT NOT NULL
) WITHOUT ROWID;
