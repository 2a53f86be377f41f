# The key that encrypts applicants' personal data: `gongkai init` creates it
# beside the database or where --key says, mode 0600, and never replaces it;
# a loose, damaged or misplaced key is refused with the fix.
. "$(dirname "$0")/lib.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$tmp_out" "$tmp_err"' EXIT
db=$dir/ledger.db

# mode FILE: the permission bits in octal, read with stat, not gongkai.
mode() { stat -c %a "$1"; }

run init --db "$db"
expect_status 0 "init creates the database and the key"
expect_line 2 "key: created $db.key" "the default key is the database path + .key"
if [ "$(mode "$db.key")" = 600 ] && [ "$(stat -c %s "$db.key")" = 32 ]; then
	ok "the key file has mode 600 and 32 bytes"
else
	not_ok "the key file has mode 600 and 32 bytes" "mode $(mode "$db.key"), $(stat -c %s "$db.key") bytes"
fi
before=$(od -An -tx1 "$db.key")
run init --db "$db"
expect_status 0 "init again is harmless"
expect_out "ready, schema version" "the database is ready"
expect_line 2 "key: $db.key present" "the key is kept"
if [ "$(od -An -tx1 "$db.key")" = "$before" ]; then ok "the key is not rewritten"; else not_ok "the key is not rewritten"; fi

chmod 640 "$db.key"
run init --db "$db"
expect_status 2 "a key readable by the group is refused"
expect_err "mode 0640 lets the group or others read or change the key; run \`chmod 600 $db.key\`" \
	"the refusal says how to fix it"
chmod 600 "$db.key"

run init --db "$dir/other.db" --key "$dir/elsewhere/k"
expect_status 2 "a key in a missing directory is refused"
expect_err "$dir/elsewhere/k: cannot create the key file" "the refusal names the key file"

mkdir "$dir/keys"
run init --db "$dir/other.db" --key "$dir/keys/gongkai.key"
expect_status 0 "--key names the key file"
expect_line 2 "key: created $dir/keys/gongkai.key" "init says where it created the key"
if [ ! -e "$dir/other.db.key" ]; then ok "no key beside the database"; else not_ok "no key beside the database"; fi

head -c 31 /dev/zero >"$dir/short.key"
chmod 600 "$dir/short.key"
run init --db "$dir/third.db" --key "$dir/short.key"
expect_status 2 "a key file of the wrong size is refused"
expect_err "31 bytes, but a key file holds exactly 32" "the refusal gives the size"
if [ ! -e "$dir/third.db" ]; then ok "nothing is created when the key is refused"; else not_ok "nothing is created when the key is refused"; fi
