/*
 * gongkai serve --db FILE [--listen ADDR:PORT] [--threads N] [--static DIR]
 *               [--templates DIR] [--files DIR] [--access-log FILE|-]:
 * the portal over HTTP (web/http.h) until SIGTERM or SIGINT, which finish
 * the requests in flight and exit 0.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app/attachment.h"
#include "app/secret.h"
#include "cli/cli.h"
#include "app/case.h"
#include "letter/letter.h"
#include "law/calendar.h"
#include "web/app.h"
#include "web/http.h"
#include "web/portal.h"
#include "web/static_files.h"
#include "web/template.h"

#include "base/banned.h"

#define CMD		  "serve"
#define DEFAULT_STATIC	  "static"
#define DEFAULT_TEMPLATES "templates"

static const char usage[] =
    "usage: gongkai serve --db FILE [--listen ADDR:PORT] [--threads N] [--static DIR]\n"
    "                     [--templates DIR] [--files DIR] [--access-log FILE|-]\n"
    "                     [--today YYYY-MM-DD]\n"
    "\n"
    "Serves the portal over HTTP/1.1 until SIGTERM or SIGINT, which stop new\n"
    "connections, finish the requests in flight and exit 0.\n"
    "\n"
    "  --db FILE          the ledger database (it must exist: gongkai init, gongkai demo)\n"
    "  --listen A:P       numeric address and port (default 127.0.0.1:8080; port 0 picks\n"
    "                     a free one, printed on stderr). Put nginx in front for TLS.\n"
    "  --threads N        worker threads, each with its own database connection\n"
    "                     (default: one per CPU)\n"
    "  --static DIR       assets served under /static/, read into memory at start\n"
    "                     (default ./static; absent: none)\n"
    "  --templates DIR    the page templates (default ./templates)\n"
    "  --files DIR        where applications' attachments are stored, made 0700 when\n"
    "                     absent (default: the database path + \".files\")\n"
    "  --apply-limit N    online applications one address may make per hour\n"
    "                     (default 20; 0: no limit, e.g. for load tests)\n"
    "  --key FILE         the key sealing applicants' personal data (default: the\n"
    "                     database path + \".key\", made by gongkai init or demo)\n"
    "  --access-log F     one line per request to file F (appended) or - for stdout:\n"
    "                     time client method path status bytes microseconds\n"
    "  --today DATE       the day the back office counts deadlines from (default: the\n"
    "                     date in China); for training on a demo and for tests\n";

static const struct cli_opt opts[] = {
	{"--db", true},	       {"--listen", true},	{"--threads", true},
	{"--static", true},    {"--templates", true},	{"--access-log", true},
	{"--key", true},       {"--apply-limit", true}, {"--files", true},
	{"--today", true},     {"--help", false},	{NULL, false},
};

struct serve_opts {
	const char *db, *listen, *static_dir, *templates, *access_log, *key, *files;
	long threads; /* 0: the default */
	long apply_limit; /* -1: the default */
	gk_date today;	  /* 0: the real date */
};

/* The static files of dir; the default directory may be absent, a named one may not. */
static enum gk_err load_statics(const struct serve_opts *o, struct static_files **out,
				struct gk_errmsg *m)
{
	const char *dir = o->static_dir ? o->static_dir : DEFAULT_STATIC;
	struct stat st;

	*out = NULL;
	if (!o->static_dir && stat(dir, &st) != 0 && errno == ENOENT)
		return GK_OK;
	return static_files_load(dir, out, m);
}

static FILE *open_access_log(const char *path, struct gk_errmsg *m)
{
	FILE *f;

	if (!path)
		return NULL;
	f = strcmp(path, "-") ? fopen(path, "a") : stdout;
	if (!f) {
		gk_errf(m, GK_EIO, "--access-log %s: %s", path, strerror(errno));
		return NULL;
	}
	/* One write per line: lines from several threads never interleave. */
	setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

/* Block until SIGTERM or SIGINT; return its name. */
static const char *wait_for_stop(const sigset_t *stop)
{
	int sig = 0;

	while (sigwait(stop, &sig) != 0)
		;
	return sig == SIGTERM ? "SIGTERM" : "SIGINT";
}

/* Cases imported or made before their state was kept get their clock
 * derived once, so that the inbox can sort them (app/case.h). */
static enum gk_err refresh_cases(const struct web_app *app, struct store *st,
				 struct gk_errmsg *m)
{
	struct case_ctx cx = {.st = st, .cal = app->cal, .today = web_app_today(app)};
	size_t refreshed, failed;
	enum gk_err err = case_refresh_stale(&cx, &refreshed, &failed, m);

	if (!err && refreshed + failed)
		fprintf(stderr, "gongkai serve: derived the state of %zu open applications%s\n",
			refreshed,
			failed ? " (some logs could not be replayed: see their case pages)" : "");
	return err;
}

/*
 * Compile the templates (a broken one stops the start, with FILE:LINE) and
 * read the agency tree the column's navigation needs.
 */
static enum gk_err load_portal(struct web_app *app, struct portal *portal,
			       struct tpl_set **templates, struct letter_set **letters,
			       const char *listen, struct gk_errmsg *m)
{
	struct store *st;
	char dir[PATH_MAX];
	enum gk_err err;

	if (!(*templates = tpl_set_new()))
		return gk_errf(m, GK_ENOMEM, "out of memory");
	if ((err = tpl_set_load_dir(*templates, app->templates_dir, m)))
		return err;
	/* The letters' bodies (letter/letter.h), beside the page templates. */
	if (snprintf(dir, sizeof(dir), "%s/letters", app->templates_dir) >= (int)sizeof(dir))
		return gk_errf(m, GK_EINVAL, "--templates: the path is too long");
	if ((err = letter_set_load(dir, letters, m)))
		return err;
	app->letters = *letters;
	if (!(st = web_app_store(app, m)))
		return GK_EIO;
	if ((err = portal_init(portal, st, *templates, listen, m)))
		return err;
	if ((err = refresh_cases(app, st, m)))
		return err;
	app->templates = *templates;
	app->portal = portal;
	return GK_OK;
}

static int serve(const struct serve_opts *o, const sigset_t *stop)
{
	struct web_app app;
	struct secret_key key;
	struct calendar *cal;
	int status;
	struct portal portal = {0};
	struct tpl_set *templates = NULL;
	struct letter_set *letters = NULL;
	struct static_files *statics = NULL;
	struct http_config cfg;
	struct http_server *srv = NULL;
	struct gk_errmsg m;
	FILE *log = NULL;
	enum gk_err err;
	char files_default[PATH_MAX];

	if (snprintf(files_default, sizeof(files_default), "%s.files", o->db) >=
	    (int)sizeof(files_default))
		return cli_usage(CMD, "--db: the path is too long");
	if (!cli_key_load(CMD, o->db, o->key, false, &key, &status))
		return status;
	if (!(cal = calendar_open(NULL, &m))) {
		secret_key_release(&key);
		return cli_fail(CMD, GK_ENOMEM, &m);
	}
	err = web_app_init(&app, o->db, &m);
	if (err) {
		secret_key_release(&key);
		calendar_free(cal);
		return cli_fail(CMD, err, &m);
	}
	app.key = &key;
	app.cal = cal;
	app.apply_per_hour = o->apply_limit < 0 ? 20 : (unsigned)o->apply_limit;
	app.today = o->today;
	/* Outside the web root, next to the database it belongs to. */
	app.files_dir = o->files ? o->files : files_default;
	http_config_defaults(&cfg);
	err = attachment_dir_prepare(app.files_dir, &m);
	if (!err)
		err = load_statics(o, &statics, &m);
	if (!err && o->access_log && !(log = open_access_log(o->access_log, &m)))
		err = GK_EIO;
	if (!err) {
		app.templates_dir = o->templates ? o->templates : DEFAULT_TEMPLATES;
		app.statics = statics;
		if (o->listen)
			cfg.listen = o->listen;
		err = load_portal(&app, &portal, &templates, &letters, cfg.listen, &m);
	}
	if (!err) {
		if (o->threads)
			cfg.threads = (unsigned)o->threads;
		cfg.routes = portal_routes(&cfg.nroutes);
		cfg.statics = statics;
		cfg.error_page = portal_error_page;
		cfg.access_log = log;
		cfg.app = &app;
		err = http_server_start(&cfg, &srv, &m);
	}
	if (!err) {
		fprintf(stderr,
			"gongkai serve: listening on http://%s/ (%u threads, %zu static files)\n",
			http_server_address(srv), cfg.threads,
			statics ? static_files_count(statics) : 0);
		fprintf(stderr, "gongkai serve: %s: finishing the requests in flight\n",
			wait_for_stop(stop));
		http_server_stop(srv);
	}
	if (log && log != stdout)
		fclose(log);
	static_files_free(statics);
	web_app_release(&app);
	portal_release(&portal);
	tpl_set_free(templates);
	letter_set_free(letters);
	secret_key_release(&key);
	calendar_free(cal);
	if (err)
		return cli_fail(CMD, err, &m);
	fputs("gongkai serve: stopped\n", stderr);
	return CLI_EXIT_OK;
}

static int set_option(void *ctx, const struct cli_opt *opt, const char *v)
{
	struct serve_opts *o = ctx;

	if (!strcmp(opt->name, "--threads"))
		return cli_parse_long(CMD, opt->name, v, 1, 256, &o->threads) ? -1 : CLI_EXIT_USAGE;
	if (!strcmp(opt->name, "--today")) {
		if (date_parse(str_from_cstr(v), &o->today))
			return -1;
		return cli_usage(CMD, "--today: '%s' is not a date; use YYYY-MM-DD", v);
	}
	if (!strcmp(opt->name, "--apply-limit"))
		return cli_parse_long(CMD, opt->name, v, 0, 1000000, &o->apply_limit) ? -1
										       : CLI_EXIT_USAGE;
	*(!strcmp(opt->name, "--db")	    ? &o->db
	  : !strcmp(opt->name, "--listen")    ? &o->listen
	  : !strcmp(opt->name, "--static")    ? &o->static_dir
	  : !strcmp(opt->name, "--templates") ? &o->templates
	  : !strcmp(opt->name, "--key")	    ? &o->key
	  : !strcmp(opt->name, "--files")     ? &o->files
					      : &o->access_log) = v;
	return -1;
}

int cmd_serve(int argc, char **argv)
{
	struct serve_opts o = {.apply_limit = -1};
	sigset_t stop;
	int n_pos, status;

	if ((status = cli_parse(CMD, argc, argv, opts, usage, NULL, 0, &n_pos, set_option, &o)) >= 0)
		return status;
	if (!o.db)
		return cli_usage(CMD, "--db FILE is missing; see `gongkai serve --help`");
	/*
	 * Block the stop signals before any thread starts, so that every
	 * server thread inherits the mask and only sigwait() sees them.
	 */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	return serve(&o, &stop);
}
