/*
 * The numbered migrations of the SQLite schema. Migration i of the array
 * takes a database from version i to i + 1 (PRAGMA user_version). Append
 * only: a released migration is never edited, since databases in the field
 * already ran it.
 *
 * Dates are TEXT 'YYYY-MM-DD'; enums are INTEGER with the numeric values of
 * their headers (law/outcome.h, law/clock.h, store.h), which append and
 * never renumber. The CHECK constraints are the second line of defence
 * behind the validation in C, which gives the clearer messages.
 *
 * The indexes serve the annual-report counts (sqlite_count.c); the
 * application indexes are covering, which the reference measurements found
 * to matter about twentyfold for the largest agency.
 */
#include "store/sqlite.h"

#include "base/banned.h"

/* A date column's shape; GLOB keeps it to digits at the right places. */
#define ISO(col) "(" col " GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')"

/* One SQL clause a line reads better than a reflowed array. */
/* clang-format off */
static const char *const migrations[] = {
	/* 1: the ledger */
	"CREATE TABLE agencies ("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),"
	" name TEXT NOT NULL CHECK (length(name) > 0),"
	" parent_id INTEGER REFERENCES agencies(id),"
	" credit_code TEXT,"
	" index_prefix TEXT);"
	"CREATE INDEX agencies_parent ON agencies(parent_id);"

	"CREATE TABLE subjects ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" name TEXT NOT NULL CHECK (length(name) > 0),"
	" UNIQUE (agency_id, name),"
	/* the parent key of documents' (agency_id, subject_id) reference */
	" UNIQUE (agency_id, id));"

	"CREATE TABLE users ("
	" id INTEGER PRIMARY KEY,"
	" username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),"
	" display_name TEXT,"
	" agency_id INTEGER REFERENCES agencies(id),"
	" role INTEGER NOT NULL CHECK (role BETWEEN 0 AND 4),"
	" password_hash TEXT NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	" CHECK (role = 0 OR agency_id IS NOT NULL));"

	"CREATE TABLE documents ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" index_no TEXT NOT NULL UNIQUE,"
	" doc_number TEXT,"
	" title TEXT NOT NULL CHECK (length(title) > 0),"
	" summary TEXT,"
	" body TEXT,"
	" category INTEGER NOT NULL CHECK (category BETWEEN 0 AND 15),"
	" subject_id INTEGER,"
	" kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),"
	" created TEXT NOT NULL CHECK " ISO("created") ","
	" published TEXT CHECK " ISO("published") ","
	" abolished TEXT CHECK " ISO("abolished") ","
	" archived TEXT CHECK " ISO("archived") ","
	" attr_proposed INTEGER NOT NULL CHECK (attr_proposed BETWEEN 0 AND 3),"
	" attr_confirmed INTEGER NOT NULL CHECK (attr_confirmed BETWEEN 0 AND 3),"
	" status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),"
	" FOREIGN KEY (agency_id, subject_id) REFERENCES subjects(agency_id, id),"
	" CHECK (published >= created AND abolished >= created AND archived >= created),"
	" CHECK ((status = 2) <= (published IS NOT NULL)),"
	" CHECK ((published IS NOT NULL) <= (status >= 2)),"
	" CHECK ((status >= 3) = (abolished IS NOT NULL)));"
	"CREATE INDEX documents_kind ON documents(agency_id, kind, created, published, abolished,"
	" status);"
	"CREATE INDEX documents_published ON documents(agency_id, published, category);"

	/* 索引号 numbering: the last number given per agency and year */
	"CREATE TABLE index_sequences ("
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" year INTEGER NOT NULL,"
	" last INTEGER NOT NULL,"
	" PRIMARY KEY (agency_id, year)) WITHOUT ROWID;"

	"CREATE TABLE applications ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" ref TEXT NOT NULL CHECK (length(ref) BETWEEN 1 AND 64),"
	" applicant_type INTEGER NOT NULL CHECK (applicant_type BETWEEN 0 AND 5),"
	" applicant_name TEXT,"
	" channel INTEGER NOT NULL CHECK (channel BETWEEN 0 AND 4),"
	" submitted TEXT CHECK " ISO("submitted") ","
	" received TEXT NOT NULL CHECK " ISO("received") ","
	" content TEXT,"
	" form INTEGER NOT NULL CHECK (form BETWEEN 0 AND 2),"
	" delivery INTEGER NOT NULL CHECK (delivery BETWEEN 0 AND 4),"
	" closed TEXT CHECK " ISO("closed") ","
	" outcome INTEGER CHECK (outcome BETWEEN 0 AND 21),"
	" UNIQUE (agency_id, ref),"
	" CHECK (closed >= received AND submitted <= received));"
	"CREATE INDEX applications_closed ON applications(agency_id, closed, outcome,"
	" applicant_type);"
	"CREATE INDEX applications_received ON applications(agency_id, received, applicant_type,"
	" closed);"

	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" application_id INTEGER NOT NULL REFERENCES applications(id),"
	" kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 10),"
	" date TEXT NOT NULL CHECK " ISO("date") ","
	" outcome INTEGER CHECK (outcome BETWEEN 0 AND 21),"
	" days INTEGER CHECK (days BETWEEN 1 AND 20),"
	" amount_fen INTEGER CHECK (amount_fen >= 0),"
	" party INTEGER CHECK (party IN (0, 1)),"
	" user_id INTEGER REFERENCES users(id),"
	" note TEXT,"
	" CHECK ((kind = 8) = (outcome IS NOT NULL)),"
	" CHECK ((kind = 5) = (days IS NOT NULL)),"
	" CHECK ((kind = 6) = (amount_fen IS NOT NULL)),"
	" CHECK ((kind IN (3, 4)) = (party IS NOT NULL)));"
	"CREATE INDEX events_application ON events(application_id, date);"

	"CREATE TABLE appeals ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" application_id INTEGER REFERENCES applications(id),"
	" ref TEXT NOT NULL CHECK (length(ref) BETWEEN 1 AND 64),"
	" kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),"
	" filed TEXT NOT NULL CHECK " ISO("filed") ","
	" closed TEXT CHECK " ISO("closed") ","
	" result INTEGER NOT NULL CHECK (result BETWEEN 0 AND 3),"
	" co_defendant_only INTEGER NOT NULL CHECK (co_defendant_only IN (0, 1)),"
	" note TEXT,"
	" UNIQUE (agency_id, ref),"
	" CHECK (closed >= filed),"
	" CHECK ((closed IS NULL) = (result = 0)));"
	"CREATE INDEX appeals_filed ON appeals(agency_id, filed, closed, kind, result,"
	" co_defendant_only);"

	"CREATE TABLE complaints ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" ref TEXT NOT NULL CHECK (length(ref) BETWEEN 1 AND 64),"
	" received TEXT NOT NULL CHECK " ISO("received") ","
	" content TEXT NOT NULL,"
	" closed TEXT CHECK " ISO("closed") ","
	" answer TEXT,"
	" rectification INTEGER NOT NULL CHECK (rectification IN (0, 1)),"
	" UNIQUE (agency_id, ref),"
	" CHECK (closed >= received));"
	"CREATE INDEX complaints_received ON complaints(agency_id, received, closed);"

	"CREATE TABLE figures ("
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" year INTEGER NOT NULL,"
	" row TEXT NOT NULL,"
	" col TEXT NOT NULL,"
	" value TEXT NOT NULL CHECK (value GLOB '*[0-9]*' AND value NOT GLOB '*[^0-9.-]*'),"
	" source TEXT,"
	" PRIMARY KEY (agency_id, year, row, col)) WITHOUT ROWID;"

	/* A report's scope: agency, region flag, period. */
	"CREATE TABLE report_texts ("
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" region INTEGER NOT NULL CHECK (region IN (0, 1)),"
	" date_from TEXT NOT NULL CHECK " ISO("date_from") ","
	" date_to TEXT NOT NULL CHECK " ISO("date_to") ","
	" section INTEGER NOT NULL CHECK (section BETWEEN 1 AND 6),"
	" text TEXT NOT NULL,"
	" PRIMARY KEY (agency_id, region, date_from, date_to, section)) WITHOUT ROWID;"

	"CREATE TABLE reports ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" region INTEGER NOT NULL CHECK (region IN (0, 1)),"
	" date_from TEXT NOT NULL CHECK " ISO("date_from") ","
	" date_to TEXT NOT NULL CHECK " ISO("date_to") ","
	" snapshot TEXT NOT NULL CONSTRAINT snapshot_is_json CHECK (json_valid(snapshot)),"
	" published_by TEXT NOT NULL,"
	" published_on TEXT NOT NULL CHECK " ISO("published_on") ","
	" UNIQUE (agency_id, region, date_from, date_to));",

	/* 2: fee notices and payments (国办函〔2020〕109号) for section 六 of the
	 * report; a partial index, since they are a small share of all events. */
	"CREATE INDEX events_fees ON events(kind, date, application_id) WHERE kind IN (6, 7);",

	/* 3: the catalogue and search (docs/search.md). */
	/* An agency's settings for its 指南 and letters (条例第十二条). */
	"CREATE TABLE agency_settings ("
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),"
	" value TEXT NOT NULL CHECK (length(value) > 0),"
	" PRIMARY KEY (agency_id, key)) WITHOUT ROWID;"
	/* The index's rowid: 公开日期 as YYYYMMDD, then the id (ids stay below
	 * 10^10), so that the index walks newest first by rowid and a year is
	 * a rowid range. Unpublished rows are not indexed; their key is the id. */
	"ALTER TABLE documents ADD COLUMN search_key INTEGER GENERATED ALWAYS AS"
	" (CASE WHEN published IS NULL THEN id"
	" ELSE CAST(replace(published, '-', '') AS INTEGER) * 10000000000 + id END) VIRTUAL;"
	/* The filters as index tokens: "doc" on every row (the listing), the
	 * agency, the 条例第二十条 item and the subject, so that FTS5 skips to
	 * the rows of a filter instead of the join checking every match. */
	"ALTER TABLE documents ADD COLUMN search_tags TEXT GENERATED ALWAYS AS"
	" ('doc a' || agency_id || ' c' || category || ' s' || ifnull(subject_id, 0)) VIRTUAL;"
	"CREATE UNIQUE INDEX documents_search_key ON documents(search_key);"
	/* The catalogue's counts by item, year and subject, covering. */
	"CREATE INDEX documents_catalogue ON documents(status, agency_id, subject_id, category,"
	" published);"
	/* External content: the text is stored once, in documents. */
	"CREATE VIRTUAL TABLE documents_fts USING fts5(title, doc_number, summary, body,"
	" search_tags, content='documents', content_rowid='search_key', tokenize='cjk_bigram');"
	/* Only the catalogue (status 2, published) is indexed; a 'delete' must
	 * repeat exactly the values that were indexed, hence old.* and the
	 * same status condition. */
	"CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents WHEN new.status = 2 BEGIN"
	" INSERT INTO documents_fts (rowid, title, doc_number, summary, body, search_tags)"
	" VALUES (new.search_key, new.title, new.doc_number, new.summary, new.body,"
	" new.search_tags); END;"
	"CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents WHEN old.status = 2 BEGIN"
	" INSERT INTO documents_fts (documents_fts, rowid, title, doc_number, summary, body,"
	" search_tags) VALUES ('delete', old.search_key, old.title, old.doc_number, old.summary,"
	" old.body, old.search_tags); END;"
	"CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, doc_number, summary, body,"
	" agency_id, category, subject_id, published, status ON documents BEGIN"
	" INSERT INTO documents_fts (documents_fts, rowid, title, doc_number, summary, body,"
	" search_tags) SELECT 'delete', old.search_key, old.title, old.doc_number, old.summary,"
	" old.body, old.search_tags WHERE old.status = 2;"
	" INSERT INTO documents_fts (rowid, title, doc_number, summary, body, search_tags)"
	" SELECT new.search_key, new.title, new.doc_number, new.summary, new.body,"
	" new.search_tags WHERE new.status = 2; END;"
	/* In rowid order: FTS5 flushes its pending terms whenever a rowid is
	 * smaller than the last one, and 'rebuild' cannot leave drafts out. */
	"INSERT INTO documents_fts (rowid, title, doc_number, summary, body, search_tags)"
	" SELECT search_key, title, doc_number, summary, body, search_tags FROM documents"
	" WHERE status = 2 ORDER BY search_key;",

	/* 4: sessions, the login throttle and the audit log (docs/security.md).
	 * A session keeps only its token's BLAKE2b hash. Times are Unix
	 * seconds, except the audit log's, which people read in the shell. */
	"CREATE TABLE sessions ("
	" id INTEGER PRIMARY KEY,"
	" token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" csrf_token TEXT NOT NULL CHECK (length(csrf_token) > 0),"
	" created INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL CHECK (last_seen >= created),"
	" expires INTEGER NOT NULL,"
	" client TEXT);"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE INDEX sessions_expires ON sessions(expires);"

	"CREATE TABLE login_failures ("
	" key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 300),"
	" count INTEGER NOT NULL CHECK (count >= 0),"
	" window_start INTEGER NOT NULL) WITHOUT ROWID;"

	/* No foreign key on user_id: the log is evidence and must not depend
	 * on the rows it speaks about; 0 is "nobody signed in". */
	"CREATE TABLE audit_log ("
	" seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
	" at TEXT NOT NULL CHECK (at GLOB"
	" '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'),"
	" user_id INTEGER NOT NULL CHECK (user_id >= 0),"
	" client TEXT,"
	" action TEXT NOT NULL CHECK (length(action) > 0),"
	" object TEXT,"
	" detail TEXT,"
	" prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),"
	" hash BLOB NOT NULL CHECK (length(hash) = 32));"
	/* Append-only in the database too: only someone who drops these
	 * triggers can edit the log, and the hash chain shows that they did. */
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN"
	" SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN"
	" SELECT RAISE(ABORT, 'audit_log is append-only'); END;",

	/* 5: applications made online (条例第二十九条): the 查询号 the applicant
	 * follows the case with, the form's idempotency key (a double click
	 * makes one application), the applicant's personal data sealed with
	 * the key outside the database (个人信息保护法) and its masked form
	 * for lists and public views. */
	"ALTER TABLE applications ADD COLUMN tracking_code TEXT;"
	"ALTER TABLE applications ADD COLUMN idempotency_key TEXT"
	" CHECK (length(idempotency_key) BETWEEN 1 AND 64);"
	"ALTER TABLE applications ADD COLUMN personal TEXT;"
	"ALTER TABLE applications ADD COLUMN personal_masked TEXT"
	" CHECK (personal_masked IS NULL OR json_valid(personal_masked));"
	"CREATE UNIQUE INDEX applications_tracking ON applications(tracking_code)"
	" WHERE tracking_code IS NOT NULL;"
	"CREATE UNIQUE INDEX applications_idempotency ON applications(idempotency_key)"
	" WHERE idempotency_key IS NOT NULL;",

	/* 6: the attachments of an online application (ID scans, authorisation
	 * letters): the file lives outside the web root under a random name
	 * (app/attachment.h); the row says whose it is, what was sent and what
	 * the bytes are. */
	"CREATE TABLE attachments ("
	" id INTEGER PRIMARY KEY,"
	" application_id INTEGER NOT NULL REFERENCES applications(id),"
	" stored_name TEXT NOT NULL UNIQUE"
	" CHECK (length(stored_name) = 32 AND stored_name NOT GLOB '*[^0-9a-f]*'),"
	" original_name TEXT NOT NULL CHECK (length(CAST(original_name AS BLOB)) BETWEEN 1 AND 255),"
	" kind TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),"
	" size INTEGER NOT NULL CHECK (size >= 1));"
	"CREATE INDEX attachments_application ON attachments(application_id);",

	/* 7: the applicant as a keyed hash of the ID number or credit code, so
	 * that the applications of one person in a natural month can be counted
	 * for the 信息处理费 (国办函〔2020〕109号) without decrypting anything. */
	"ALTER TABLE applications ADD COLUMN applicant_key TEXT"
	" CHECK (applicant_key IS NULL OR length(applicant_key) = 64);"
	"CREATE INDEX applications_applicant ON applications(applicant_key, received)"
	" WHERE applicant_key IS NOT NULL;",
	/* 8: the back office (docs/office.md).
	 * Events: the steps of the procedure that the report does not count
	 * but the clock and the review need (补正 lapsed, extension requested,
	 * fee lapsed, the answer's draft, return and approval, assignment),
	 * with `data` for what each carries (the 补正 items, remarks, the
	 * answer's basis and remedy). SQLite cannot change a CHECK, so the
	 * table is rebuilt; nothing refers to events. Outcome: the answer,
	 * the draft and the two lapses (C6.1 逾期不补正, C6.2 逾期未缴费). */
	"CREATE TABLE events_v8 ("
	" id INTEGER PRIMARY KEY,"
	" application_id INTEGER NOT NULL REFERENCES applications(id),"
	" kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 17),"
	" date TEXT NOT NULL CHECK " ISO("date") ","
	" outcome INTEGER CHECK (outcome BETWEEN 0 AND 21),"
	" days INTEGER CHECK (days BETWEEN 1 AND 20),"
	" amount_fen INTEGER CHECK (amount_fen >= 0),"
	" party INTEGER CHECK (party IN (0, 1)),"
	" user_id INTEGER REFERENCES users(id),"
	" note TEXT,"
	" assignee INTEGER REFERENCES users(id),"
	" data TEXT CHECK (data IS NULL OR json_valid(data)),"
	" CHECK ((kind IN (8, 11, 13, 14)) = (outcome IS NOT NULL)),"
	" CHECK ((kind IN (5, 12)) = (days IS NOT NULL)),"
	" CHECK ((kind = 6) = (amount_fen IS NOT NULL)),"
	" CHECK ((kind IN (3, 4)) = (party IS NOT NULL)),"
	" CHECK ((kind = 17) = (assignee IS NOT NULL)));"
	"INSERT INTO events_v8 (id, application_id, kind, date, outcome, days, amount_fen, party,"
	" user_id, note) SELECT id, application_id, kind, date, outcome, days, amount_fen, party,"
	" user_id, note FROM events;"
	"DROP TABLE events;"
	"ALTER TABLE events_v8 RENAME TO events;"
	"CREATE INDEX events_application ON events(application_id, date);"
	"CREATE INDEX events_fees ON events(kind, date, application_id) WHERE kind IN (6, 7);"
	/* The case's state as the procedure (app/procedure.h) last derived it
	 * from the events, for the inbox: its stage, the answer's due date,
	 * whether the clock stands still, who handles it. NULL due: not yet
	 * derived (imports), filled by the next refresh. */
	"ALTER TABLE applications ADD COLUMN stage INTEGER NOT NULL DEFAULT 0"
	" CHECK (stage BETWEEN 0 AND 7);"
	"ALTER TABLE applications ADD COLUMN due TEXT CHECK (due IS NULL OR " ISO("due") ");"
	"ALTER TABLE applications ADD COLUMN paused INTEGER NOT NULL DEFAULT 0"
	" CHECK (paused IN (0, 1));"
	"ALTER TABLE applications ADD COLUMN handler_id INTEGER REFERENCES users(id);"
	"UPDATE applications SET stage = 7 WHERE closed IS NOT NULL;"
	/* Covering for the inbox's counts and its first page (sqlite_cases.c). */
	"CREATE INDEX applications_inbox ON applications(agency_id, paused, due, stage,"
	" handler_id, channel, applicant_type) WHERE closed IS NULL;"
	"CREATE INDEX applications_handler ON applications(handler_id, paused, due)"
	" WHERE closed IS NULL;"
	/* Documents: a 解读 points at the policy it explains (published
	 * together); 保密审查 is dated; every step of the document's review
	 * is a dated row with who did it. */
	"ALTER TABLE documents ADD COLUMN interprets_id INTEGER REFERENCES documents(id);"
	"ALTER TABLE documents ADD COLUMN secrecy_reviewed TEXT"
	" CHECK (secrecy_reviewed IS NULL OR " ISO("secrecy_reviewed") ");"
	"CREATE INDEX documents_interprets ON documents(interprets_id) WHERE interprets_id IS NOT NULL;"
	"CREATE TABLE document_events ("
	" id INTEGER PRIMARY KEY,"
	" document_id INTEGER NOT NULL REFERENCES documents(id),"
	" kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),"
	" date TEXT NOT NULL CHECK " ISO("date") ","
	" user_id INTEGER REFERENCES users(id),"
	" note TEXT);"
	"CREATE INDEX document_events_document ON document_events(document_id, id);"
	/* Supervision: a complaint may concern an application; a 整改通知书 goes
	 * to the agency concerned and is answered by it. */
	"ALTER TABLE complaints ADD COLUMN application_id INTEGER REFERENCES applications(id);"
	"ALTER TABLE complaints ADD COLUMN complainant TEXT;"
	"CREATE TABLE rectifications ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" complaint_id INTEGER REFERENCES complaints(id),"
	" issued_by INTEGER NOT NULL REFERENCES agencies(id),"
	" doc_number TEXT,"
	" issued TEXT NOT NULL CHECK " ISO("issued") ","
	" due TEXT CHECK (due IS NULL OR " ISO("due") "),"
	" content TEXT NOT NULL CHECK (length(content) > 0),"
	" replied TEXT CHECK (replied IS NULL OR " ISO("replied") "),"
	" reply TEXT,"
	" CHECK (replied >= issued));"
	"CREATE INDEX rectifications_agency ON rectifications(agency_id, issued);"
	/* The assessment (绩效考核) a supervisor configures for its region:
	 * indicators computed from the ledger (`metric`) or scored by hand. */
	"CREATE TABLE assessment_indicators ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),"
	" metric TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 32),"
	" max_score INTEGER NOT NULL CHECK (max_score BETWEEN 1 AND 1000),"
	" position INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE assessment_scores ("
	" indicator_id INTEGER NOT NULL REFERENCES assessment_indicators(id),"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" year INTEGER NOT NULL,"
	" score TEXT NOT NULL,"
	" note TEXT,"
	" PRIMARY KEY (indicator_id, agency_id, year)) WITHOUT ROWID;"
	/* Letters sent, as sent (the HTML), numbered per agency and year. */
	"CREATE TABLE letters ("
	" id INTEGER PRIMARY KEY,"
	" agency_id INTEGER NOT NULL REFERENCES agencies(id),"
	" application_id INTEGER REFERENCES applications(id),"
	" kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),"
	" year INTEGER NOT NULL,"
	" seq INTEGER NOT NULL CHECK (seq >= 1),"
	" doc_number TEXT NOT NULL,"
	" issued TEXT NOT NULL CHECK " ISO("issued") ","
	" user_id INTEGER REFERENCES users(id),"
	" html TEXT NOT NULL,"
	" UNIQUE (agency_id, year, seq));"
	"CREATE INDEX letters_application ON letters(application_id) WHERE application_id IS NOT NULL;",

	/* 9: the head of the disclosure office may also refuse a requested
	 * extension (kind 18, EVENT_EXTENSION_REFUSED): the events' CHECK
	 * grows, so the table is rebuilt as in 8. */
	"CREATE TABLE events_v9 ("
	" id INTEGER PRIMARY KEY,"
	" application_id INTEGER NOT NULL REFERENCES applications(id),"
	" kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 18),"
	" date TEXT NOT NULL CHECK " ISO("date") ","
	" outcome INTEGER CHECK (outcome BETWEEN 0 AND 21),"
	" days INTEGER CHECK (days BETWEEN 1 AND 20),"
	" amount_fen INTEGER CHECK (amount_fen >= 0),"
	" party INTEGER CHECK (party IN (0, 1)),"
	" user_id INTEGER REFERENCES users(id),"
	" note TEXT,"
	" assignee INTEGER REFERENCES users(id),"
	" data TEXT CHECK (data IS NULL OR json_valid(data)),"
	" CHECK ((kind IN (8, 11, 13, 14)) = (outcome IS NOT NULL)),"
	" CHECK ((kind IN (5, 12)) = (days IS NOT NULL)),"
	" CHECK ((kind = 6) = (amount_fen IS NOT NULL)),"
	" CHECK ((kind IN (3, 4)) = (party IS NOT NULL)),"
	" CHECK ((kind = 17) = (assignee IS NOT NULL)));"
	"INSERT INTO events_v9 SELECT id, application_id, kind, date, outcome, days, amount_fen,"
	" party, user_id, note, assignee, data FROM events;"
	"DROP TABLE events;"
	"ALTER TABLE events_v9 RENAME TO events;"
	"CREATE INDEX events_application ON events(application_id, date);"
	"CREATE INDEX events_fees ON events(kind, date, application_id) WHERE kind IN (6, 7);",
};
/* clang-format on */

int store_schema_latest(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *sq_migration(int version)
{
	if (version < 1 || version > store_schema_latest())
		return NULL;
	return migrations[version - 1];
}
