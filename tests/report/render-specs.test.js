// Every Vega-Lite plot embedded in a report compiles with the vendored
// vega-lite and renders with the vendored vega to a non-empty SVG, headless
// (no browser, no canvas).  The bundles are the exact bytes the report
// inlines, loaded as browser scripts would be (they define globals).
//
//   PARLEY_REPORT=build/report/flagship.html node tests/report/render-specs.test.js
//   (PARLEY_SVG_DIR=dir also writes each plot's SVG there)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { readPlots, reportPath } = require('./report-file.js');

const vendored = path.join(__dirname, '..', '..', 'third_party', 'vega');
for (const bundle of ['vega.min.js', 'vega-lite.min.js']) {
  // The UMD bundles fall back to globals when no CommonJS `module` is in scope.
  vm.runInThisContext(fs.readFileSync(path.join(vendored, bundle), 'utf8'), { filename: bundle });
}
const vega = globalThis.vega;
const vegaLite = globalThis.vegaLite;

const { html, plots } = readPlots(reportPath());
const svgDir = process.env.PARLEY_SVG_DIR;
if (svgDir) fs.mkdirSync(svgDir, { recursive: true });

test('the report embeds at least one plot, one per plot container', () => {
  assert.ok(plots.length > 0, 'no plots in the report');
  const containers = html.match(/<div class="vega" id="plot-\d+"/g) || [];
  assert.equal(containers.length, plots.length);
});

test('the report does not name a remote data source', () => {
  for (const plot of plots) {
    const text = JSON.stringify(plot.spec);
    assert.ok(!/"url"\s*:/.test(text), `${plot.id} loads data from a URL`);
  }
});

for (const plot of plots) {
  test(`${plot.id} renders to SVG`, async () => {
    const warnings = [];
    const logger = vega.logger(vega.Warn);
    logger.warn = (...args) => { warnings.push(args.join(' ')); return logger; };
    const compiled = vegaLite.compile(plot.spec, { logger }).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
    const svg = await view.toSVG();
    view.finalize();
    if (svgDir) fs.writeFileSync(path.join(svgDir, `${plot.id}.svg`), svg);
    assert.match(svg, /^<svg/);
    const width = Number((svg.match(/width="([\d.]+)"/) || [])[1]);
    const height = Number((svg.match(/height="([\d.]+)"/) || [])[1]);
    assert.ok(width > 50 && height > 30, `${plot.id}: SVG is ${width} x ${height}`);
    // Data marks (not axes or legends) sit in groups of role "mark"; at least
    // one such group must hold a drawn item.
    const marks = (svg.match(/class="mark-\w+ role-mark[^"]*"[^>]*><(path|line|text|rect)/g) || []).length;
    assert.ok(marks > 0, `${plot.id}: no data marks in the SVG`);
    assert.deepEqual(warnings, [], `${plot.id}: Vega warnings`);
  });
}
