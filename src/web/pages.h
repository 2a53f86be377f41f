/*
 * pages.h: the handlers of the portal's pages and API (one file each,
 * src/web/page_*.c and api.c), listed in portal.c's route table.
 */
#ifndef GK_WEB_PAGES_H
#define GK_WEB_PAGES_H

#include "web/http.h"

http_handler page_home;	     /* /, /org/{code} */
http_handler page_guide;     /* /org/{code}/guide: 政府信息公开指南 */
http_handler page_rules;     /* /org/{code}/rules: 政府信息公开制度 */
http_handler page_catalogue; /* /org/{code}/catalogue: 法定主动公开内容 */
http_handler page_reports;   /* /org/{code}/reports: 政府信息公开年报 */
http_handler page_chart;     /* /org/{code}/reports/chart.svg */
http_handler page_report;    /* /org/{code}/reports/{year}[?format=] */
http_handler page_document;  /* /documents/{id} */
http_handler page_search;    /* /search */
http_handler page_mode;	     /* /mode: the 适老化 switch */
http_handler api_search;     /* /api/v1/search */
http_handler api_document;   /* /api/v1/documents/{id} */
http_handler api_report;     /* /api/v1/reports/{agency}/{year} */
http_handler page_healthz;   /* /healthz */
http_handler page_apply_form;   /* GET /apply: the online application form */
http_handler page_apply_submit; /* POST /apply */
http_handler page_receipt;      /* /receipt/{code}: 申请回执 */
http_handler page_track;        /* /track[?code=]: status by 查询号 */
http_handler api_apply_submit;  /* POST /api/v1/applications */
http_handler api_apply_status;  /* GET /api/v1/applications/{code} */
http_handler page_track_letter;  /* /track/{code}/letters/{letter}: a letter as sent */
http_handler api_session_login;  /* POST /api/v1/session */
http_handler api_session_logout; /* DELETE /api/v1/session */
http_handler api_session_password; /* PUT /api/v1/session/password */

/* Add the applicant's personal data to status when the signed-in user may
 * see it (page_session.c); false: status stays the public view. */
struct page;
#include <jansson.h>
bool api_staff_view(struct page *pg, json_t *status);
/* The status of a 查询号 typed by a person (throttled per address), with
 * the letters sent to the applicant; NULL after answering 400/404/429. */
json_t *page_track_lookup(struct page *pg, const char *typed);
/* Add to status "letters": those sent to the applicant, with their links. */
void page_public_letters(struct page *pg, json_t *status);

/* A fresh random idempotency key (32 hex digits) from the request arena. */
const char *page_new_form_key(const struct page *pg);

/* The application form's fields (agency, type, name, … description) as the
 * JSON app/apply.h reads, and *values as typed for showing again. */
json_t *page_apply_form_input(const struct http_request *req, json_t **values);

#endif
