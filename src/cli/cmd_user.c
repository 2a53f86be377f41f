/*
 * gongkai user add|passwd|disable|list: the accounts of the staff who work
 * in the ledger (issue "Online applications and the security model").
 * Passwords come from standard input, never from the command line, where
 * other users of the machine could read them in the process list.
 *
 * The command line is the operator of the platform: `passwd` sets a new
 * password without the old one, and every action is audited with user 0
 * and client "cli" (docs/security.md).
 */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "app/auth.h"
#include "cli/cli.h"

#include "base/banned.h"

#define CMD "user"

static const char usage[] =
	"usage: gongkai user add USERNAME --agency CODE --role ROLE [--name NAME] --db FILE\n"
	"       gongkai user passwd USERNAME --db FILE\n"
	"       gongkai user disable USERNAME --db FILE\n"
	"       gongkai user list --db FILE\n"
	"\n"
	"add      create an account; ROLE is admin, agency_admin, handler (承办人),\n"
	"         reviewer (审核人) or supervisor (政务公开办 of the agency's region).\n"
	"         Only an admin may have no --agency. The password is read from\n"
	"         standard input (one line): at least 10 characters, not all of one\n"
	"         class (lower-case, upper-case, digits, other).\n"
	"passwd   set a new password (standard input) and end the user's sessions.\n"
	"disable  lock the account out and end its sessions.\n"
	"list     username, role, agency and state of every account.\n";

static const struct cli_opt opts[] = {
	{"--db", true},	  {"--agency", true}, {"--role", true},
	{"--name", true}, {"--help", false},  {NULL, false},
};

struct args {
	const char *db, *agency, *role, *name;
	const char *pos[2];
	int n_pos;
};

static int set_option(void *ctx, const struct cli_opt *o, const char *v)
{
	struct args *a = ctx;
	const char **slot = !strcmp(o->name, "--db")	 ? &a->db
			    : !strcmp(o->name, "--agency") ? &a->agency
			    : !strcmp(o->name, "--role")   ? &a->role
							   : &a->name;

	*slot = v;
	return -1;
}

static int parse(int argc, char **argv, struct args *a)
{
	return cli_parse(CMD, argc, argv, opts, usage, a->pos, 2, &a->n_pos, set_option, a);
}

/*
 * One line of standard input into pw, without its line end. On a terminal
 * a prompt goes to stderr and echo is off while typing. False (after
 * printing why) for no line or one longer than the rules allow.
 */
static bool read_password(char *pw, size_t size)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	bool got;
	size_t n;

	if (tty) {
		fputs("password: ", stderr);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	got = fgets(pw, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	n = got ? strlen(pw) : 0;
	if (!got || n == 0) {
		cli_usage(CMD, "no password on standard input (one line)");
		return false;
	}
	if (pw[n - 1] != '\n' && n == size - 1) {
		cli_usage(CMD, "密码过长：最多%d字节", AUTH_PASSWORD_MAX_BYTES);
		return false;
	}
	while (n && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
		pw[--n] = '\0';
	return true;
}

static const struct audit_who *operator_now(struct audit_who *who)
{
	who->user_id = 0;
	who->client = AUDIT_CLIENT_CLI;
	who->now = (int64_t)time(NULL);
	return who;
}

/* Run an action that needs a new password from standard input. */
typedef enum gk_err (*password_action)(struct store *st, const struct args *a,
				       const char *password, struct gk_errmsg *m);

static int with_password(struct store *st, const struct args *a, password_action fn)
{
	char pw[AUTH_PASSWORD_MAX_BYTES + 3];
	struct gk_errmsg m;
	enum gk_err err;

	if (!read_password(pw, sizeof(pw))) {
		explicit_bzero(pw, sizeof(pw));
		return CLI_EXIT_USAGE;
	}
	err = fn(st, a, pw, &m);
	explicit_bzero(pw, sizeof(pw));
	return err ? cli_fail(CMD, err, &m) : CLI_EXIT_OK;
}

static enum gk_err add_with(struct store *st, const struct args *a, const char *password,
			    struct gk_errmsg *m)
{
	struct store_user u = {.username = a->pos[1], .display_name = a->name};
	struct store_agency ag;
	struct audit_who who;
	enum gk_err err;

	/* Checked by main before: role parses; agency exists when given. */
	store_role_parse(a->role, &u.role);
	if (a->agency) {
		if ((err = store_agency_get(st, a->agency, &ag, m)))
			return err;
		u.agency_id = ag.id;
	}
	if ((err = auth_user_add(st, &u, password, operator_now(&who), NULL, m)))
		return err;
	printf("user %s added: %s%s%s\n", a->pos[1], store_role_id(u.role),
	       a->agency ? " of " : "", a->agency ? a->agency : "");
	return GK_OK;
}

static int add(struct store *st, const struct args *a)
{
	enum store_role role;
	struct store_agency ag;
	int status;

	if (!a->role)
		return cli_usage(CMD, "--role is missing: admin, agency_admin, handler, reviewer "
				      "or supervisor");
	if (!store_role_parse(a->role, &role))
		return cli_usage(CMD, "--role '%s': say admin, agency_admin, handler, reviewer or "
				      "supervisor", a->role);
	if (!a->agency && role != ROLE_ADMIN)
		return cli_usage(CMD, "--agency CODE is missing: every user but an admin belongs "
				      "to an agency");
	if (a->agency && !cli_agency(CMD, st, a->agency, &ag, &status))
		return status;
	return with_password(st, a, add_with);
}

static enum gk_err passwd_with(struct store *st, const struct args *a, const char *password,
			       struct gk_errmsg *m)
{
	struct audit_who who;
	enum gk_err err = auth_password_reset(st, a->pos[1], password, operator_now(&who), m);

	if (!err)
		printf("password of %s set; its sessions ended\n", a->pos[1]);
	return err;
}

static int disable(struct store *st, const struct args *a)
{
	struct audit_who who;
	struct gk_errmsg m;
	enum gk_err err = auth_user_disable(st, a->pos[1], operator_now(&who), &m);

	if (err)
		return cli_fail(CMD, err, &m);
	printf("user %s disabled; its sessions ended\n", a->pos[1]);
	return CLI_EXIT_OK;
}

static int list_one(void *ctx, const struct store_user *u)
{
	struct store *st = ctx;
	struct store_agency ag;
	char code[STORE_CODE_MAX + 1] = "-";

	if (u->agency_id && !store_agency_get_id(st, u->agency_id, &ag, NULL))
		snprintf(code, sizeof(code), "%s", ag.code);
	printf("%s\t%s\t%s\t%s\n", u->username, store_role_id(u->role), code,
	       u->disabled ? "disabled" : "active");
	return 0;
}

static int list(struct store *st)
{
	struct gk_errmsg m;
	enum gk_err err = store_user_each(st, list_one, st, &m);

	return err ? cli_fail(CMD, err, &m) : CLI_EXIT_OK;
}

int cmd_user(int argc, char **argv)
{
	static const char *const verbs[] = {"add", "passwd", "disable", "list"};
	struct args a = {0};
	int status = parse(argc, argv, &a), verb = -1;
	struct store *st;

	if (status >= 0)
		return status;
	for (int i = 0; a.n_pos && i < 4; i++)
		if (!strcmp(a.pos[0], verbs[i]))
			verb = i;
	if (verb < 0)
		return cli_usage(CMD, "say add, passwd, disable or list; see `gongkai user --help`");
	if (verb == 3 && a.n_pos != 1)
		return cli_usage(CMD, "list takes no argument; found '%s'", a.pos[1]);
	if (verb != 3 && a.n_pos != 2)
		return cli_usage(CMD, "%s needs USERNAME; see `gongkai user --help`", a.pos[0]);
	if (verb != 0 && (a.agency || a.role || a.name))
		return cli_usage(CMD, "--agency, --role and --name go with add only");
	st = cli_open_store(CMD, a.db, false, &status);
	if (!st)
		return status;
	switch (verb) {
	case 0:
		status = add(st, &a);
		break;
	case 1:
		status = with_password(st, &a, passwd_with);
		break;
	case 2:
		status = disable(st, &a);
		break;
	default:
		status = list(st);
	}
	store_close(st);
	return status;
}
