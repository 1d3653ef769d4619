import GRDB

/// The database's schema, one registered migration per change. A migration that has shipped
/// is never edited: a later change is a new migration appended below.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: users, sessions, rounds, plans, audit") { db in
            try db.execute(sql: """
                CREATE TABLE user (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'viewer')),
                    scope_district TEXT,
                    scope_street TEXT CHECK (scope_street IS NULL OR scope_district IS NOT NULL),
                    password_hash TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY,
                    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    expires_at REAL NOT NULL
                );
                CREATE INDEX session_user ON session(user_id);
                CREATE TABLE sign_in_failure (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    address TEXT NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX sign_in_failure_name ON sign_in_failure(name, at);
                CREATE INDEX sign_in_failure_address ON sign_in_failure(address, at);
                CREATE TABLE round (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'solving', 'solved', 'published')),
                    previous_id INTEGER REFERENCES round(id),
                    error TEXT,
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    published_at TEXT
                );
                -- content last: reading the other columns then never walks the file's
                -- overflow pages (megabytes for a city roll).
                CREATE TABLE round_file (
                    round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('households', 'helpers', 'policy')),
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    rows INTEGER NOT NULL,
                    uploaded_at TEXT NOT NULL,
                    uploaded_by TEXT NOT NULL,
                    content BLOB NOT NULL,
                    PRIMARY KEY (round_id, role)
                );
                CREATE TABLE round_household (
                    round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
                    household_id TEXT NOT NULL,
                    district TEXT NOT NULL,
                    street TEXT NOT NULL,
                    PRIMARY KEY (round_id, household_id)
                ) WITHOUT ROWID;
                CREATE TABLE round_helper (
                    round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
                    helper_id TEXT NOT NULL,
                    PRIMARY KEY (round_id, helper_id)
                ) WITHOUT ROWID;
                CREATE TABLE round_rule (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('lock', 'forbid')),
                    household_id TEXT NOT NULL,
                    helper_id TEXT NOT NULL,
                    added_by TEXT NOT NULL,
                    added_at TEXT NOT NULL,
                    UNIQUE (round_id, kind, household_id, helper_id)
                );
                CREATE TABLE plan (
                    round_id INTEGER PRIMARY KEY REFERENCES round(id) ON DELETE CASCADE,
                    objective INTEGER NOT NULL,
                    bound INTEGER NOT NULL,
                    gap REAL NOT NULL,
                    solver TEXT NOT NULL,
                    pairs INTEGER NOT NULL,
                    unpaired INTEGER NOT NULL,
                    seconds REAL NOT NULL,
                    solved_at TEXT NOT NULL,
                    pairs_header BLOB NOT NULL,
                    unpaired_header BLOB NOT NULL,
                    public_header BLOB NOT NULL,
                    summary_json BLOB NOT NULL
                );
                CREATE TABLE plan_row (
                    round_id INTEGER NOT NULL REFERENCES plan(round_id) ON DELETE CASCADE,
                    list TEXT NOT NULL CHECK (list IN ('pairs', 'unpaired', 'public')),
                    ordinal INTEGER NOT NULL,
                    district TEXT NOT NULL,
                    street TEXT NOT NULL,
                    household_id TEXT,
                    helper_id TEXT,
                    id_number TEXT NOT NULL DEFAULT '',
                    line BLOB NOT NULL,
                    PRIMARY KEY (round_id, list, ordinal)
                ) WITHOUT ROWID;
                CREATE INDEX plan_row_place ON plan_row(round_id, list, district, street, ordinal);
                CREATE TABLE plan_place (
                    round_id INTEGER NOT NULL REFERENCES plan(round_id) ON DELETE CASCADE,
                    district TEXT NOT NULL,
                    street TEXT NOT NULL,
                    households INTEGER NOT NULL,
                    pairs INTEGER NOT NULL,
                    unpaired INTEGER NOT NULL,
                    cost INTEGER NOT NULL,
                    PRIMARY KEY (round_id, district, street)
                ) WITHOUT ROWID;
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    user_name TEXT,
                    role TEXT,
                    address TEXT NOT NULL,
                    action TEXT NOT NULL,
                    round_id INTEGER,
                    status INTEGER NOT NULL,
                    detail TEXT NOT NULL DEFAULT ''
                );
                """)
        }
        migrator.registerMigration("v2: round operations (pair list rows, prices, proof, hand edits, last plan)") { db in
            try db.execute(sql: """
                -- One row per household of a plan, typed, for the pair list pages (search,
                -- filters, paging, sort) and the per-household detail.
                CREATE TABLE plan_household (
                    round_id INTEGER NOT NULL REFERENCES plan(round_id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    roll_index INTEGER NOT NULL,
                    household_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    district TEXT NOT NULL,
                    street TEXT NOT NULL,
                    community TEXT NOT NULL,
                    severity INTEGER NOT NULL,
                    helper_index INTEGER,
                    helper_id TEXT,
                    helper_name TEXT,
                    helper_kind TEXT,
                    distance INTEGER,
                    status TEXT NOT NULL CHECK (status IN ('new', 'kept', 'moved', 'unpaired')),
                    unpaired_reason TEXT,
                    unmet INTEGER NOT NULL,
                    cost INTEGER NOT NULL,
                    locked INTEGER NOT NULL,
                    covered_zh TEXT NOT NULL,
                    unmet_zh TEXT NOT NULL,
                    covered_en TEXT NOT NULL,
                    unmet_en TEXT NOT NULL,
                    -- u_h of the plan's certificate (NULL: locked, or a plan without prices)
                    price INTEGER,
                    -- Σ w_q of the quota places holding the household (0 without coverage rules)
                    quota_price INTEGER NOT NULL DEFAULT 0,
                    id_number TEXT NOT NULL DEFAULT '',
                    -- lower-cased ids, names and places that the search box matches
                    search TEXT NOT NULL,
                    PRIMARY KEY (round_id, ordinal)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX plan_household_id ON plan_household(round_id, household_id);
                CREATE INDEX plan_household_place ON plan_household(round_id, district, street, ordinal);
                -- v_g of every helper, in roll order, as little-endian 64-bit integers.
                ALTER TABLE plan ADD COLUMN helper_prices BLOB;
                -- proven_optimal, bound_proven (stopped early; the prices prove the bound) or
                -- not_proven (side constraints: bound from a relaxation).
                ALTER TABLE plan ADD COLUMN proof TEXT NOT NULL DEFAULT 'not_proven';
                -- Hand edits: a note, and whether a lock was made by moving a household.
                ALTER TABLE round_rule ADD COLUMN note TEXT NOT NULL DEFAULT '';
                ALTER TABLE round_rule ADD COLUMN made_as TEXT NOT NULL DEFAULT 'rule'
                    CHECK (made_as IN ('rule', 'lock', 'forbid', 'move'));
                -- The round's plan before its last change (dropped by an edit or a re-solve):
                -- what a re-solve is compared with ("what else moved").
                CREATE TABLE last_plan (
                    round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
                    household_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    district TEXT NOT NULL,
                    street TEXT NOT NULL,
                    helper_id TEXT,
                    helper_name TEXT,
                    PRIMARY KEY (round_id, household_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3: what-if previews, pair list order indexes") { db in
            try db.execute(sql: """
                -- A what-if asked of a round: its request only (the changes, as JSON), the plan
                -- it was asked of, and whether it was applied or discarded.
                CREATE TABLE whatif (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
                    request BLOB NOT NULL,
                    plan_solved_at TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'applied', 'discarded'))
                );
                -- The pair list's orders (a page deep into a sorted city list walks an index
                -- instead of sorting 52,000 rows).
                CREATE INDEX plan_household_name ON plan_household(round_id, name, ordinal);
                CREATE INDEX plan_household_cost ON plan_household(round_id, cost, ordinal);
                CREATE INDEX plan_household_severity ON plan_household(round_id, severity, ordinal);
                CREATE INDEX plan_household_unmet ON plan_household(round_id, unmet, ordinal);
                CREATE INDEX plan_household_status ON plan_household(round_id, status, ordinal);
                CREATE INDEX plan_household_distance ON plan_household(round_id, distance, ordinal);
                CREATE INDEX plan_household_helper ON plan_household(round_id, helper_name, ordinal);
                """)
        }
        return migrator
    }
}
