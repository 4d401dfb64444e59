"""The desk's own SQLite store: issues, and an observations outbox that makes collection resumable.

When an issue is logged or resolved, the months it affects are recomputed in the same transaction
and every aggregate that changed is appended to observation_outbox with the next sequence number.
The sequence number is the cursor: a host resuming from the last cursor it stored gets every later
row exactly once, across restarts of either side. Observation ids are "measure:period:revision".
"""
import datetime as dt
import sqlite3
import threading
import zoneinfo

UK = zoneinfo.ZoneInfo("Europe/London")

# Root-cause categories: proto enum number -> measure id suffix.
CATEGORY_SLUGS = {
    1: "corporate-overlap",
    2: "complex-processes",
    3: "customer-service",
    4: "communication",
    5: "culture",
    6: "commercial-contracts",
}
ISSUES_LOGGED = "concierge.issues-logged"
ISSUES_RESOLVED_SHARE = "concierge.issues-resolved-share"
DEFAULT_BATCH = 500
MAX_BATCH = 5000

SCHEMA = """
CREATE TABLE IF NOT EXISTS issue (
    issue_id          TEXT PRIMARY KEY,
    ward              TEXT NOT NULL,
    raised_by         TEXT NOT NULL,
    raised_at         TEXT NOT NULL,   -- UTC ISO 8601
    month             TEXT NOT NULL,   -- UK-local month raised, YYYY-MM
    category          INTEGER NOT NULL,
    corporate_service TEXT NOT NULL,
    description       TEXT NOT NULL,
    resolved_at       TEXT,
    resolution        TEXT NOT NULL DEFAULT '',
    logged_by         TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS issue_by_month ON issue(month, raised_at);
CREATE TABLE IF NOT EXISTS observation_outbox (
    sequence       INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so a cursor never skips a row
    observation_id TEXT NOT NULL UNIQUE,
    measure_id     TEXT NOT NULL,
    period         TEXT NOT NULL,
    value          REAL NOT NULL,
    numerator      REAL,
    denominator    REAL,
    recorded_at    TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS published_measure (
    measure_id  TEXT NOT NULL,
    period      TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    value       REAL NOT NULL,
    numerator   REAL,
    denominator REAL,
    PRIMARY KEY (measure_id, period));
CREATE TABLE IF NOT EXISTS outbox_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class NotFound(Exception):
    pass


class AlreadyResolved(Exception):
    pass


def utc_now():
    return dt.datetime.now(dt.timezone.utc)


def iso(instant):
    return instant.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)


def uk_month(instant):
    return instant.astimezone(UK).strftime("%Y-%m")


def months_from(first, last):
    """'YYYY-MM' months from first through last, inclusive."""
    year, month = map(int, first.split("-"))
    while "%04d-%02d" % (year, month) <= last:
        yield "%04d-%02d" % (year, month)
        month += 1
        if month > 12:
            year, month = year + 1, 1


def aggregate(month, issues):
    """The desk's measures for one month from (category, resolved) pairs; pure, so testable alone."""
    values = [(ISSUES_LOGGED, month, float(len(issues)), None, None)]
    if issues:
        resolved = sum(1 for _, done in issues if done)
        values.append((ISSUES_RESOLVED_SHARE, month, 100.0 * resolved / len(issues), float(resolved), float(len(issues))))
    for number, slug in CATEGORY_SLUGS.items():
        values.append(("concierge.issues." + slug, month, float(sum(1 for c, _ in issues if c == number)), None, None))
    return values


class DeskStore:
    """One connection, one lock: the desk is the store's only user, and one writer at a time keeps
    the outbox in commit order."""

    def __init__(self, path, clock=utc_now):
        self._clock = clock
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed issue survives power loss (NORMAL could lose the last commits).
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    def close(self):
        with self._lock:
            self._db.close()

    # --- writes -------------------------------------------------------------------------------
    def log_issue(self, ward, raised_by, raised_at, category, corporate_service, description, staff):
        with self._write() as db:
            number = db.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM issue").fetchone()[0]
            issue_id = "CD-%05d" % number
            self._insert(db, issue_id, ward, raised_by, raised_at, category, corporate_service, description, staff)
            self._republish(db, uk_month(raised_at))
            return self._load(db, issue_id)

    def resolve_issue(self, issue_id, resolution, resolved_at):
        with self._write() as db:
            row = db.execute("SELECT raised_at, resolved_at, month FROM issue WHERE issue_id = ?", (issue_id,)).fetchone()
            if row is None:
                raise NotFound(issue_id)
            if row[1] is not None:
                raise AlreadyResolved(row[1])
            if resolved_at < parse_iso(row[0]):
                raise ValueError("resolved_at: %s is before the issue was raised (%s)" % (iso(resolved_at), row[0]))
            db.execute("UPDATE issue SET resolved_at = ?, resolution = ? WHERE issue_id = ?", (iso(resolved_at), resolution, issue_id))
            self._republish(db, row[2])
            return self._load(db, issue_id)

    def seed(self, fill):
        """Runs `fill(insert)` in one transaction when the store is empty, then publishes from its first month."""
        with self._write() as db:
            if db.execute("SELECT COUNT(*) FROM issue").fetchone()[0] > 0:
                return False

            def insert(issue_id, ward, raised_by, raised_at, category, service, description, resolved_at, resolution):
                self._insert(db, issue_id, ward, raised_by, raised_at, category, service, description, "demo-seed")
                if resolved_at is not None:
                    db.execute("UPDATE issue SET resolved_at = ?, resolution = ? WHERE issue_id = ?", (iso(resolved_at), resolution, issue_id))

            fill(insert)
            first = db.execute("SELECT MIN(month) FROM issue").fetchone()[0]
            self._republish(db, first)
            return True

    def catch_up(self):
        """Publishes the months since the last publication: a new month needs its zero counts too."""
        with self._write() as db:
            row = db.execute("SELECT value FROM outbox_state WHERE key = 'last_month'").fetchone()
            self._republish(db, row[0] if row else uk_month(self._clock()))

    # --- reads --------------------------------------------------------------------------------
    def issues_in(self, month):
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT issue_id FROM issue WHERE month = ? ORDER BY raised_at, issue_id", (month,))]
            return [self._load(self._db, i) for i in ids]

    def observations_after(self, after, limit):
        with self._lock:
            return self._db.execute(
                "SELECT sequence, observation_id, measure_id, period, value, numerator, denominator, recorded_at "
                "FROM observation_outbox WHERE sequence > ? ORDER BY sequence LIMIT ?", (after, limit)).fetchall()

    # --- internals ----------------------------------------------------------------------------
    def _write(self):
        store = self

        class Transaction:
            def __enter__(self):
                store._lock.acquire()
                store._db.execute("BEGIN IMMEDIATE")
                return store._db

            def __exit__(self, kind, value, traceback):
                try:
                    store._db.execute("COMMIT" if kind is None else "ROLLBACK")
                finally:
                    store._lock.release()
                return False

        return Transaction()

    @staticmethod
    def _insert(db, issue_id, ward, raised_by, raised_at, category, service, description, staff):
        db.execute(
            "INSERT INTO issue(issue_id, ward, raised_by, raised_at, month, category, corporate_service, description, logged_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (issue_id, ward, raised_by, iso(raised_at), uk_month(raised_at), category, service, description, staff))

    @staticmethod
    def _load(db, issue_id):
        row = db.execute(
            "SELECT issue_id, ward, raised_by, raised_at, category, corporate_service, description, resolved_at, resolution "
            "FROM issue WHERE issue_id = ?", (issue_id,)).fetchone()
        if row is None:
            raise NotFound(issue_id)
        return dict(zip(("issue_id", "ward", "raised_by", "raised_at", "category", "corporate_service", "description",
                         "resolved_at", "resolution"), row))

    def _republish(self, db, from_month):
        first = db.execute("SELECT MIN(month) FROM issue").fetchone()[0]
        current = uk_month(self._clock())
        if first is not None:
            for month in months_from(max(from_month, first), current):
                issues = db.execute("SELECT category, resolved_at IS NOT NULL FROM issue WHERE month = ?", (month,)).fetchall()
                for value in aggregate(month, issues):
                    self._publish(db, *value)
        row = db.execute("SELECT value FROM outbox_state WHERE key = 'last_month'").fetchone()
        if row is None or row[0] != current:  # an unchanged store costs no write on every collection
            db.execute("INSERT INTO outbox_state(key, value) VALUES ('last_month', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (current,))

    def _publish(self, db, measure, period, value, numerator, denominator):
        row = db.execute("SELECT revision, value, numerator, denominator FROM published_measure WHERE measure_id = ? AND period = ?",
                         (measure, period)).fetchone()
        if row is not None and (row[1], row[2], row[3]) == (value, numerator, denominator):
            return
        revision = 1 if row is None else row[0] + 1
        db.execute("INSERT INTO published_measure(measure_id, period, revision, value, numerator, denominator) VALUES (?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT(measure_id, period) DO UPDATE SET revision = excluded.revision, value = excluded.value, "
                   "numerator = excluded.numerator, denominator = excluded.denominator",
                   (measure, period, revision, value, numerator, denominator))
        db.execute("INSERT INTO observation_outbox(observation_id, measure_id, period, value, numerator, denominator, recorded_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   ("%s:%s:%d" % (measure, period, revision), measure, period, value, numerator, denominator, iso(self._clock())))
