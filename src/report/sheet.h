/*
 * sheet.h: one annual report as data — the report model.
 *
 * A struct sheet holds what a reader found in one published
 * 政府信息公开工作年度报告: the report year and layout, the agency, the
 * cells of tables 二, 三 and 四 (layout.h), and the reader's notes (mixed
 * layout, unreadable cells, labels that deviate from the format …) with
 * the source line they refer to. Readers fill it, rules.h checks it,
 * writers print it.
 *
 * Cells. A cell is blank, a number, or unreadable. Blank is not zero:
 * many agencies leave cells empty (legal-facts §1.9, Shanghai 2019), and
 * the rules must tell "unknown" from "0". The zero-initialised cell is
 * blank, so a fresh sheet is all blank.
 *
 * Numbers. Counts are whole numbers, but table 二 has a signed column
 * (2019 本年增/减) and amounts that are decimals (2021 本年收费金额 in 万元,
 * e.g. 7730.28). A double cannot hold 7730.28 exactly and would print it
 * back as 7730.2799999999997, so a number is a decimal: an int64 mantissa
 * and the count of fraction digits as printed (value = mant / 10^scale).
 * That is exact, keeps the printed precision for writers (7730.28 stays
 * "7730.28", 5.0 stays "5.0"), and for counts it is just the integer
 * (scale 0), which is all the rules of §1.9 ever add up.
 *
 * Storage. Cells live at fixed positions indexed by the layout-independent
 * enums of layout.h (enum req_row × enum req_col, enum appeal_row ×
 * enum appeal_col, enum disc_row × column position in its block), so a
 * sheet can hold either layout, and a mixed one.
 *
 * Text sections. Sections 一, 五 and 六 of the report (legal-facts §1.3)
 * are free text that staff write; sections 二–四 are the tables. A section
 * text is plain text, no markup: paragraphs separated by blank lines (a
 * line of white space only, U+3000 included); a single line break inside
 * a paragraph is a soft break, which the writers may print as a space.
 * The readers of published reports leave the sections empty: only the
 * tables are checked (rules.h).
 *
 * Ownership. sheet_new() allocates; sheet_free() releases the sheet and
 * every string it holds (agency, title, section and note texts). The struct is plain so
 * that readers and writers can walk the cell arrays; change strings and
 * notes only through the functions below.
 */
#ifndef GK_REPORT_SHEET_H
#define GK_REPORT_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/str.h"
#include "report/layout.h"

/* The most fraction digits a number may have (万元 down to 0.01 元). */
#define SHEET_NUM_MAX_SCALE 6
/* Largest magnitude of a mantissa (15 digits: exact in JSON readers too). */
#define SHEET_NUM_MAX_MANT 999999999999999LL
/* Room for a formatted number: sign, 15 digits, point, NUL. */
#define SHEET_NUM_STRLEN 24
/* At most this many notes are kept per sheet; later ones are counted only. */
#define SHEET_MAX_NOTES 200

/* An exact decimal: value = mant / 10^scale, 0 ≤ scale ≤ SHEET_NUM_MAX_SCALE. */
struct sheet_num {
	int64_t mant;
	uint8_t scale;
};

enum cell_state {
	CELL_BLANK = 0,	  /* nothing printed (unknown, not zero) */
	CELL_NUMBER,	  /* num holds the printed number */
	CELL_UNREADABLE	  /* something was printed but it is not a number */
};

struct sheet_cell {
	enum cell_state state;
	struct sheet_num num; /* meaningful when state is CELL_NUMBER */
	uint32_t line;	      /* 1-based source line; 0 when unknown */
};

/* What a reader noticed; rules.h turns each note into a warning. */
enum sheet_note_kind {
	NOTE_MIXED_LAYOUT,    /* rows of both layouts, or rows not matching the year */
	NOTE_UNREADABLE_CELL, /* a cell holds text that is not a number */
	NOTE_LABEL_DEVIATION, /* a printed label differs from the format's wording */
	NOTE_MISSING_ROW,     /* a row of the layout was not found */
	NOTE_MISSING_TABLE,   /* a whole table was not found */
	NOTE_OTHER,	      /* anything else worth a reader's attention */
	NOTE_KIND_COUNT
};

/*
 * The free-text sections, in printed order. Both format notices
 * (国办公开办函〔2019〕60号, 〔2021〕30号) keep the six sections of
 * 条例第五十条; 二, 三 and 四 are enum report_table.
 */
enum report_section {
	SECTION_OVERVIEW, /* 一、总体情况 */
	SECTION_PROBLEMS, /* 五、存在的主要问题及改进情况 */
	SECTION_OTHER,	  /* 六、其他需要报告的事项 */
	SECTION_COUNT
};

struct sheet_note {
	enum sheet_note_kind kind;
	uint32_t line;		 /* 1-based source line; 0 when unknown */
	enum report_table table; /* TABLE_COUNT when the note is not about a table */
	int row;		 /* row enum of that table, or -1 */
	int col;		 /* column of that table, or -1 */
	char *text;		 /* owned; one line, may be Chinese */
};

struct sheet {
	int year;		     /* report year (the year reported on); 0 = unknown */
	const struct layout *layout; /* NULL = unknown */
	char *agency;		     /* owned; NULL when not found */
	char *title;		     /* owned; NULL when not found */
	bool has_table[TABLE_COUNT]; /* the reader found that table at all */
	struct sheet_cell requests[REQ_ROW_COUNT][REQ_COL_COUNT];	/* table 三 */
	struct sheet_cell appeals[APPEAL_ROW_COUNT][APPEAL_COL_COUNT]; /* table 四 */
	/* Table 二: column index is the position in the row's block. */
	struct sheet_cell disclosure[DISC_ROW_COUNT][DISC_COL_MAX];
	char *sections[SECTION_COUNT]; /* owned texts; NULL when the section is empty */
	struct sheet_note *notes; /* owned array of n_notes */
	size_t n_notes;
	size_t cap_notes;
	size_t dropped_notes; /* notes past SHEET_MAX_NOTES, not kept */
};

/* A new all-blank sheet (year 0, layout NULL). NULL when out of memory. */
struct sheet *sheet_new(void);
/* Release s and everything it owns. s may be NULL. */
void sheet_free(struct sheet *s);

/* Copy a name into s->agency / s->title (replacing any). GK_ENOMEM on failure. */
enum gk_err sheet_set_agency(struct sheet *s, struct str agency);
enum gk_err sheet_set_title(struct sheet *s, struct str title);

/*
 * Copy text into section `which` (replacing any). Text of white space only
 * empties the section (NULL). Returns GK_EINVAL when which is not a
 * section, GK_ENOMEM when the copy failed (the old text is kept then).
 */
enum gk_err sheet_set_section(struct sheet *s, enum report_section which, struct str text);

/* True when at least one section holds text: the writers then print all six sections. */
bool sheet_has_sections(const struct sheet *s);

/*
 * The printed heading of a section ("一、总体情况", "五、存在的主要问题及改进情况",
 * "六、其他需要报告的事项") and its stable machine id ("overview", "problems",
 * "other", used in JSON). Static strings; "?" for a value out of range.
 */
const char *sheet_section_heading(enum report_section which);
const char *sheet_section_id(enum report_section which);
/* The section of a machine id; SECTION_COUNT when unknown. */
enum report_section sheet_section_by_id(struct str id);

/*
 * Take the next paragraph of a section text: skip blank lines at the start
 * of *rest, set *para to the lines up to the next blank line (its inner
 * line breaks kept; ASCII white space cut at either end, U+3000 and U+00A0
 * at the end: a leading U+3000 indent stays) and advance *rest past
 * it. Returns false, leaving *para alone, when only blank lines are left.
 * Loop: `struct str rest = str_from_cstr(text), p; while (sheet_next_paragraph(&rest, &p)) …`
 */
bool sheet_next_paragraph(struct str *rest, struct str *para);

/*
 * The cell at (table, row, col), or NULL when row or col is out of range
 * for that table (for table 二, col is the position within the row's block
 * and must be < DISC_COL_MAX). The pointer is valid until sheet_free().
 */
struct sheet_cell *sheet_cell(struct sheet *s, enum report_table t, int row, int col);
const struct sheet_cell *sheet_cell_const(const struct sheet *s, enum report_table t, int row,
					  int col);

/*
 * Store a number / a whole number / "unreadable" in a cell and mark the
 * table as found. line is the 1-based source line or 0. Return false when
 * the position is out of range (nothing is stored).
 */
bool sheet_set_number(struct sheet *s, enum report_table t, int row, int col,
		      struct sheet_num num, uint32_t line);
bool sheet_set_count(struct sheet *s, enum report_table t, int row, int col, int64_t value,
		     uint32_t line);
/* Also adds a NOTE_UNREADABLE_CELL quoting `printed` (at most 40 bytes). */
bool sheet_set_unreadable(struct sheet *s, enum report_table t, int row, int col,
			  struct str printed, uint32_t line);

/*
 * Append a note. table is TABLE_COUNT and row/col -1 when the note is not
 * about a cell. Past SHEET_MAX_NOTES the note is only counted in
 * dropped_notes. Returns GK_ENOMEM when the text could not be stored.
 */
enum gk_err sheet_add_note(struct sheet *s, enum sheet_note_kind kind, uint32_t line,
			   enum report_table t, int row, int col, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Short stable name of a note kind, e.g. "mixed_layout". Never NULL. */
const char *sheet_note_kind_name(enum sheet_note_kind kind);

/*
 * Parse one printed cell value of the given kind:
 *   VALUE_COUNT  digits only ("0", "1,234");
 *   VALUE_SIGNED an optional sign first ("-417", "+3", "－2");
 *   VALUE_AMOUNT digits with an optional fraction ("7730.28", ".5" is refused).
 * ASCII and full-width digits, signs and points are accepted; surrounding
 * ASCII white space is ignored; anything else (units, words, an empty
 * string) returns false and leaves *out untouched. The caller decides
 * whether an empty string means blank.
 */
bool sheet_parse_number(struct str text, enum value_kind kind, struct sheet_num *out);

/* A whole number as a sheet_num. */
struct sheet_num sheet_num_int(int64_t value);
/* Numeric comparison: <0, 0, >0 (1.50 equals 1.5). */
int sheet_num_cmp(struct sheet_num a, struct sheet_num b);
/* Write the number as printed ("-417", "7730.28"); returns out. */
char *sheet_num_format(struct sheet_num n, char out[SHEET_NUM_STRLEN]);

#endif
