/*
 * art20.h: the items of 条例第二十条 — what an agency must publish
 * proactively, the categories of its 法定主动公开内容 (and of table 二).
 */
#ifndef GK_LAW_ART20_H
#define GK_LAW_ART20_H

#define ART20_ITEMS 15

/* Item n (1–15) as the article words it, e.g. "财政预算、决算信息"; NULL otherwise. */
const char *art20_text(int n);
/* A short label for navigation and prose, e.g. "财政预算决算"; NULL otherwise. */
const char *art20_label(int n);
/* "第二十条第（七）项" for n, NULL otherwise. */
const char *art20_ref(int n);

#endif
