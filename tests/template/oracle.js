// oracle.js CASES OUTDIR: render every case of CASES (a JSON array of
// {name, template, data, partials}) with mustache.js into OUTDIR/NAME.out.
// The C engine writes the same files (build/asan/tests/test_template
// --render-cases) and tests/cli/test_template_oracle.sh compares the two
// byte for byte.
'use strict';
const fs = require('fs');
const path = require('path');
const Mustache = require('mustache');

// The engine was written against this version; another one is another oracle.
if (Mustache.version !== '4.2.0') {
  console.error(`oracle.js: mustache ${Mustache.version}, expected 4.2.0 (npm ci)`);
  process.exit(1);
}
const [cases, outdir] = process.argv.slice(2);
fs.mkdirSync(outdir, { recursive: true });
for (const c of JSON.parse(fs.readFileSync(cases, 'utf8'))) {
  const out = Mustache.render(c.template, c.data, c.partials || {});
  fs.writeFileSync(path.join(outdir, `${c.name}.out`), out);
}
