// Opens parley reports in headless Chromium, one browser for all of them, at
// 1280 px wide, and checks what a reader gets, plot by plot: every plot drawn
// (an SVG or canvas with a non-zero size and content), axis and legend
// titles in words rather than raw column ids, no axis or legend label cut
// short, no two names of an actor map on top of each other, nothing wider
// than the page; no console error or warning and no uncaught exception, and
// no request for anything but the file itself.  Saves a screenshot of each
// page beside it (or into PARLEY_SCREENSHOT_DIR, at most PARLEY_SHOT_HEIGHT
// pixels tall, from the section PARLEY_SHOT_FROM names).
//
//   node tests/report/browser.test.js build/report/a.html [b.html ...]
//   [PARLEY_SCREENSHOT_DIR=docs/img] [PARLEY_SHOT_HEIGHT=2400] [CHROMIUM=/usr/bin/chromium]
//
// Talks to Chromium through tests/report/devtools.js (the DevTools protocol
// on a pipe), so it needs nothing but Node's standard library.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { readPlots, reportPath } = require('./report-file.js');

const { TIMEOUT_MS, attachPage, launchChromium, sleep, watchPage } = require('./devtools.js');

const PAGE_WIDTH = 1280;

// What the page shows after rendering, measured in the browser.
const MEASURE = `(() => {
  const raw = /^[A-Za-z][A-Za-z0-9]*([._][A-Za-z0-9]+)+$/;
  const texts = (root, selector) => Array.from(root.querySelectorAll(selector))
    .map((node) => node.textContent.trim()).filter((text) => text.length > 0);
  const plots = Array.from(document.querySelectorAll('div.vega')).map((div) => {
    const drawing = div.querySelector('svg, canvas');
    const box = drawing ? drawing.getBoundingClientRect() : { width: 0, height: 0 };
    const svg = drawing && drawing.tagName.toLowerCase() === 'svg';
    const titles = svg ? texts(drawing, '.role-axis-title text, .role-legend-title text') : [];
    const labels = svg ? texts(drawing, '.role-axis-label text, .role-legend-label text') : [];
    const names = svg ? Array.from(drawing.querySelectorAll('g.mark-text.role-mark text'))
      .filter((node) => node.textContent.trim().length > 0)
      .map((node) => { const r = node.getBoundingClientRect();
        return { text: node.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom }; }) : [];
    return { id: div.id, kind: drawing ? drawing.tagName.toLowerCase() : null,
             width: box.width, height: box.height,
             marks: svg ? drawing.querySelectorAll('.role-mark path, .role-mark line, .role-mark text').length : 1,
             rawTitles: titles.filter((t) => raw.test(t)),
             rawLabels: labels.filter((t) => raw.test(t)),
             cutLabels: labels.concat(titles).filter((t) => t.endsWith('\u2026')),
             names };
  });
  const limit = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // not shown (a closed <details>)
    const scrolls = element.scrollWidth > element.clientWidth + 1 &&
      ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
    if (box.right > limit + 1 || scrolls) {
      wide.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
                (element.className && typeof element.className === 'string' ? '.' + element.className : '') +
                ' ' + Math.round(box.right) + (scrolls ? ' (scrolls ' + element.scrollWidth + ')' : ''));
    }
  }
  // The brief of a run opens the page: the first section, its lines unbroken.
  const brief = document.getElementById('brief');
  const briefFirst = brief ? document.querySelector('section') === brief : null;
  const briefText = brief ? brief.querySelector('pre').textContent : '';
  return { plots, wide, pageWidth: document.documentElement.scrollWidth, limit, briefFirst, briefText };
})()`;

function overlapping(names) {
  const pairs = [];
  for (let i = 0; i < names.length; ++i) {
    for (let j = i + 1; j < names.length; ++j) {
      const a = names[i], b = names[j];
      // Half a pixel of slack for anti-aliased glyph boxes.
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
        pairs.push(`${a.text} / ${b.text}`);
      }
    }
  }
  return pairs;
}

async function inspectReport(devtools, report, screenshot) {
  const seen = { errors: [], requests: [] };
  const { targetId, sessionId, send } = await attachPage(devtools);
  watchPage(devtools, sessionId, seen);
  await send('Page.enable');
  await send('Runtime.enable');
  await send('Log.enable');
  await send('Network.enable');
  await send('Emulation.setDeviceMetricsOverride', { width: PAGE_WIDTH, height: 900, deviceScaleFactor: 1, mobile: false });
  const loaded = devtools.waitFor((m) => m.sessionId === sessionId && m.method === 'Page.loadEventFired', 'the load event');
  const url = pathToFileURL(path.resolve(report)).href;
  await send('Page.navigate', { url });
  await loaded;

  const evaluate = async (expression) => (await send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
  const deadline = Date.now() + TIMEOUT_MS;
  let state = null;
  while (Date.now() < deadline) {
    state = await evaluate('document.documentElement.getAttribute("data-plots")');
    if (state) break;
    await sleep(100);
  }
  const measured = await evaluate(MEASURE);
  const metrics = await send('Page.getLayoutMetrics');
  const size = metrics.cssContentSize || metrics.contentSize;
  // PARLEY_SHOT_FROM: {"page.html": "heading"} starts that page's shot at the
  // section of that heading (the docs show the plots, not only the summary).
  const from = JSON.parse(process.env.PARLEY_SHOT_FROM || '{}')[path.basename(report)];
  const top = from ? await evaluate(`(() => { const h = Array.from(document.querySelectorAll('h2'))
    .find((e) => e.textContent.trim() === ${JSON.stringify(from)});
    return h ? Math.floor(h.getBoundingClientRect().top + window.scrollY) : 0; })()`) : 0;
  const height = Math.min(Math.ceil(size.height) - top, Number(process.env.PARLEY_SHOT_HEIGHT) || 16000);
  const shot = await send('Page.captureScreenshot', {
    format: 'png', captureBeyondViewport: true,
    clip: { x: 0, y: top, width: Math.ceil(size.width), height, scale: 1 },
  });
  fs.writeFileSync(screenshot, Buffer.from(shot.data, 'base64'));
  await devtools.send('Target.closeTarget', { targetId });
  return { state, url, ...measured, ...seen };
}

function reportPaths() {
  const paths = process.argv.slice(2);
  return paths.length > 0 ? paths : [reportPath()];
}

function screenshotFor(report) {
  const dir = process.env.PARLEY_SCREENSHOT_DIR;
  const name = path.basename(report).replace(/\.html$/, '') + '.png';
  return dir ? path.join(dir, name) : report.replace(/\.html$/, '') + '.png';
}

test('the reports in headless Chromium', async (t) => {
  const { devtools, close } = launchChromium();
  try {
    for (const report of reportPaths()) {
      const screenshot = screenshotFor(report);
      const { plots } = readPlots(report);
      const seen = await inspectReport(devtools, report, screenshot);
      const name = path.basename(report);
      t.diagnostic(`screenshot: ${screenshot}`);

      await t.test(`${name}: every plot is drawn`, () => {
        assert.equal(seen.state, 'rendered', 'vega-embed did not finish every plot');
        assert.deepEqual(seen.plots.map((plot) => plot.id), plots.map((plot) => plot.id));
        for (const plot of seen.plots) {
          assert.ok(plot.kind === 'svg' || plot.kind === 'canvas', `${plot.id}: no svg or canvas`);
          assert.ok(plot.width > 50 && plot.height > 30, `${plot.id}: drawn at ${plot.width} x ${plot.height}`);
          assert.ok(plot.marks > 0, `${plot.id}: no data marks`);
        }
      });
      // PARLEY_EXPECT_PLOTS: {"page.html": ["description prefix", ...]}, plots
      // the page must hold and draw (e.g. the model's error on a calibrated run).
      await t.test(`${name}: the expected plots are on the page and drawn`, () => {
        const wanted = JSON.parse(process.env.PARLEY_EXPECT_PLOTS || '{}')[name] || [];
        for (const prefix of wanted) {
          const ids = plots.filter((p) => (p.spec.description || '').startsWith(prefix)).map((p) => p.id);
          assert.ok(ids.length > 0, `no plot "${prefix}..." on the page`);
          for (const id of ids) {
            const drawn = seen.plots.find((plot) => plot.id === id);
            assert.ok(drawn && drawn.marks > 0 && drawn.width > 50, `${id} ("${prefix}") not drawn`);
          }
        }
      });
      await t.test(`${name}: titles and legends in words, no label cut`, () => {
        for (const plot of seen.plots) {
          assert.deepEqual(plot.rawTitles, [], `${plot.id}: axis or legend titles that are raw column ids`);
          assert.deepEqual(plot.rawLabels, [], `${plot.id}: axis or legend labels that are raw ids`);
          assert.deepEqual(plot.cutLabels, [], `${plot.id}: labels cut short`);
        }
      });
      await t.test(`${name}: no two names of an actor map overlap`, () => {
        const maps = plots.filter((plot) => /^Actor map/.test(plot.spec.description || ''));
        for (const map of maps) {
          const drawn = seen.plots.find((plot) => plot.id === map.id);
          assert.ok(drawn.names.length > 0, `${map.id}: no actor names drawn`);
          assert.deepEqual(overlapping(drawn.names), [], `${map.id}: names on top of each other`);
        }
      });
      await t.test(`${name}: nothing is wider than the page at ${PAGE_WIDTH} px`, () => {
        assert.deepEqual(seen.wide, []);
        assert.ok(seen.pageWidth <= seen.limit, `the page is ${seen.pageWidth} px wide`);
      });
      await t.test(`${name}: a run's brief is the first section`, () => {
        assert.notEqual(seen.briefFirst, false, 'a section comes before the brief');
        // PARLEY_EXPECT_BRIEF: {"page.html": ["text", ...]} that page's brief must hold.
        const expected = JSON.parse(process.env.PARLEY_EXPECT_BRIEF || '{}')[name] || [];
        for (const text of expected) assert.ok(seen.briefText.includes(text), `brief without "${text}"`);
      });
      await t.test(`${name}: no console error, warning or exception`, () => {
        assert.deepEqual(seen.errors, []);
      });
      await t.test(`${name}: no request leaves the file`, () => {
        const outside = seen.requests.filter((url) => url !== seen.url && !/^(data|blob|about):/.test(url));
        assert.deepEqual(outside, []);
      });
      await t.test(`${name}: the screenshot was saved`, () => {
        assert.ok(fs.statSync(screenshot).size > 10000);
      });
    }
  } finally {
    await close();
  }
});
