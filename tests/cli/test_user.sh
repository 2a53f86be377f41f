# gongkai user and gongkai audit: accounts with passwords from standard
# input (weak ones refused with the rule), duplicates and unknown agencies,
# disable, list, and the audit log verified — then tampered with through
# the sqlite3 shell, which `gongkai audit verify` must notice.
. "$(dirname "$0")/lib.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$tmp_out" "$tmp_err"' EXIT
db=$dir/ledger.db
pw='Gongkai-Test-2026'

run init --db "$db"
run agency add qu 某某区人民政府 --db "$db"
run agency add fgj 某某区发展和改革局 --parent qu --db "$db"

run_stdin "$pw
" user add alice --agency fgj --role handler --name 张三 --db "$db"
expect_status 0 "user add reads the password from standard input"
expect_out "user alice added: handler of fgj" "user add says what it added"
case "$out$err" in
*"$pw"*) not_ok "the password is never echoed" ;;
*) ok "the password is never echoed" ;;
esac
hash=$(sqlite3 "$db" "SELECT password_hash FROM users WHERE username = 'alice'")
case "$hash" in
'$argon2id$'*) ok "the password is stored as an Argon2id hash" ;;
*) not_ok "the password is stored as an Argon2id hash" "got: $hash" ;;
esac

run_stdin "short
" user add bob --agency fgj --role reviewer --db "$db"
expect_status 2 "a short password is refused"
expect_err "至少需要10个字符" "the length rule is named"
run_stdin "alllowercaseletters
" user add bob --agency fgj --role reviewer --db "$db"
expect_status 2 "a password of one class is refused"
expect_err "至少要有两类" "the class rule is named"
run_stdin "" user add bob --agency fgj --role reviewer --db "$db"
expect_status 2 "no password on standard input is refused"
run user list --db "$db"
case "$out" in
*bob*) not_ok "a refused user is not added" ;;
*) ok "a refused user is not added" ;;
esac

run_stdin "$pw
" user add alice --agency fgj --role reviewer --db "$db"
expect_status 2 "a duplicate username is refused"
expect_err "alice" "the duplicate is named"
run_stdin "$pw
" user add carol --agency nosuch --role handler --db "$db"
expect_status 2 "an unknown agency is refused"
expect_err "nosuch" "the unknown agency is named"
run_stdin "$pw
" user add carol --agency fgj --role boss --db "$db"
expect_status 2 "an unknown role is refused"
run_stdin "$pw
" user add carol --role handler --db "$db"
expect_status 2 "a non-admin without an agency is refused"
run_stdin "$pw
" user add root --role admin --db "$db"
expect_status 0 "an admin may have no agency"
run_stdin "$pw
" user add dan --agency qu --role supervisor --db "$db"
expect_status 0 "a supervisor of the region"

run_stdin "Neues-Passwort-7
" user passwd alice --db "$db"
expect_status 0 "user passwd sets a new password"
run_stdin "weak
" user passwd alice --db "$db"
expect_status 2 "user passwd refuses a weak password"
run_stdin "$pw
" user passwd nobody --db "$db"
expect_status 2 "user passwd of an unknown user is refused"
expect_err "nobody" "the unknown user is named"

run user disable alice --db "$db"
expect_status 0 "user disable"
run user list --db "$db"
expect_status 0 "user list"
expect_line 1 "$(printf 'alice\thandler\tfgj\tdisabled')" "list: alice disabled, of fgj"
expect_line 2 "$(printf 'dan\tsupervisor\tqu\tactive')" "list: dan the supervisor"
expect_line 3 "$(printf 'root\tadmin\t-\tactive')" "list: root the admin without agency"

# --- the audit log ------------------------------------------------------------
run audit verify --db "$db"
expect_status 0 "audit verify on an intact log"
expect_out "audit log: 5 entries, chain intact" "every CLI action is one entry"
actions=$(sqlite3 "$db" "SELECT group_concat(action || '/' || user_id || '/' || client, ' ') FROM audit_log")
if [ "$actions" = "user.add/0/cli user.add/0/cli user.add/0/cli password.reset/0/cli user.disable/0/cli" ]; then
	ok "entries name the action, the operator (0) and the client (cli)"
else
	not_ok "entries name the action, the operator (0) and the client (cli)" "got: $actions"
fi
leak=$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE detail LIKE '%Passwort%' OR detail LIKE '%$pw%'")
[ "$leak" = 0 ] && ok "no password in the audit log" || not_ok "no password in the audit log"

sqlite3 "$db" "UPDATE audit_log SET detail = 'x' WHERE seq = 2" 2>"$dir/sql.err"
grep -q "append-only" "$dir/sql.err" && ok "the database refuses to edit the log" ||
	not_ok "the database refuses to edit the log" "$(cat "$dir/sql.err")"

sqlite3 "$db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'role=admin agency_id=1' WHERE seq = 2"
run audit verify --db "$db"
expect_status 1 "audit verify notices an edited entry"
expect_out "chain broken at entry 2" "the edited entry is named"
expect_err "entry 2" "the reason names the entry"

run audit verify --db "$dir/none.db"
expect_status 2 "audit verify of a missing database"
run audit check --db "$db"
expect_status 2 "an unknown audit subcommand"
