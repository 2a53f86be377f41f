/*
 * write_json.h: annual reports and their findings as JSON (jansson).
 *
 * One report is one object:
 *
 *   {"file": "hongze-2023.txt", "year": 2023 | null, "layout": "2021" | null,
 *    "agency": "洪泽区人民政府",                      (only when known)
 *    "title": "洪泽区人民政府2023年政府信息公开工作年度报告", (only when known)
 *    "disclosure": {"rows": {"rules": {"issued": 0, "repealed": 0, "in_force": 5}, …}},
 *    "requests": {"rows": {"A": [7 cells], "B": […], "C1": […], …, "D": […]}},
 *    "appeals": {"review": [5 cells], "lawsuit": […], "lawsuit_after_review": […]},
 *    "sections": {"overview": "…" | null, "problems": "…" | null,
 *                 "other": "…" | null},               (only when the sheet has texts)
 *    "findings": [{"severity": "error", "rule": "requests.row_total", "table": "三",
 *                  "row": "C1", "column": "total", "expected": 6, "actual": 7,
 *                  "message": "…"}, …]}
 *
 * Cells: a number, or null for a blank or unreadable cell (blank is not
 * zero). Whole numbers are JSON integers; decimals (2021 本年收费金额 in 万元)
 * are JSON reals printed with the digits the report printed (7730.28).
 * requests.rows lists the data rows of the report's layout in printed
 * order (ids of legal-facts §1.6), each with the 7 columns 自然人, 商业企业,
 * 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. appeals rows have the 5
 * columns 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. "disclosure" (table 二)
 * is keyed by row id, then by column id, because its columns differ by
 * layout (layout.h). A table the reader did not find (or whose layout is
 * unknown) is null. "sections" holds the free-text sections of sheet.h by
 * id: overview = 一、总体情况, problems = 五、存在的主要问题及改进情况, other =
 * 六、其他需要报告的事项, each the plain text as stored (paragraphs separated
 * by blank lines) or null when empty; the key is absent when all three are
 * empty, as in every report read from a published file. report_read_json()
 * (read_json.h) reads one such object back. In findings, table is "二" / "三" / "四" or null; row
 * and column are ids or null; expected and actual are numbers or null.
 *
 * `gongkai check --json` prints {"files": [one object per file]}; a file
 * that could not be read is {"file": …, "error": "why"}.
 */
#ifndef GK_REPORT_WRITE_JSON_H
#define GK_REPORT_WRITE_JSON_H

#include <stdio.h>

#include <jansson.h>

#include "base/err.h"
#include "report/rules.h"
#include "report/sheet.h"

/*
 * The object for one report. file is the name to print; findings may be
 * NULL, in which case the object has no "findings" key (for writers that
 * print a report without checking it). Returns a new reference, or NULL
 * when out of memory.
 */
json_t *report_json_object(const struct sheet *s, const char *file,
			   const struct findings *findings);

/* {"file": file, "error": message} for a file that held no report. NULL on OOM. */
json_t *report_json_unreadable(const char *file, const char *message);

/* One finding as an object. NULL on OOM. */
json_t *report_json_finding(const struct finding *f);

/*
 * Print root as indented UTF-8 JSON and a newline to out. Returns GK_EIO
 * (message in m) when writing failed.
 */
enum gk_err report_json_dump(const json_t *root, FILE *out, struct gk_errmsg *m);

#endif
