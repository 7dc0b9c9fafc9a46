// Opens a parley report in headless Chromium and checks what a reader gets:
// every plot drawn (an SVG or canvas with a non-zero size and content), no
// console error or warning and no uncaught exception, and no request for anything but the
// file itself.  Saves a screenshot of the whole page.
//
//   PARLEY_REPORT=build/report/flagship.html [PARLEY_SCREENSHOT=shot.png]
//   [CHROMIUM=/usr/bin/chromium] node tests/report/browser.test.js
//
// Talks to Chromium over the DevTools protocol on a pipe
// (--remote-debugging-pipe: JSON messages separated by NUL bytes, commands on
// the child's fd 3, replies and events on its fd 4), so it needs nothing but
// Node's standard library.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { readPlots, reportPath } = require('./report-file.js');
const { TIMEOUT_MS, attachPage, launchChromium, sleep, watchPage } = require('./devtools.js');

async function inspectReport(report, screenshot) {
  const { devtools, close } = launchChromium();
  const seen = { errors: [], requests: [] };
  try {
    const { sessionId, send } = await attachPage(devtools);
    watchPage(devtools, sessionId, seen);
    await send('Page.enable');
    await send('Runtime.enable');
    await send('Log.enable');
    await send('Network.enable');
    await send('Emulation.setDeviceMetricsOverride', { width: 1100, height: 900, deviceScaleFactor: 1, mobile: false });
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
    const plots = await evaluate(`Array.from(document.querySelectorAll('div.vega')).map((div) => {
      const drawing = div.querySelector('svg, canvas');
      const box = drawing ? drawing.getBoundingClientRect() : { width: 0, height: 0 };
      return { id: div.id, kind: drawing ? drawing.tagName.toLowerCase() : null,
               width: box.width, height: box.height,
               marks: drawing && drawing.tagName.toLowerCase() === 'svg'
                 ? drawing.querySelectorAll('.role-mark path, .role-mark line, .role-mark text').length : 1 };
    })`);
    const metrics = await send('Page.getLayoutMetrics');
    const size = metrics.cssContentSize || metrics.contentSize;
    const shot = await send('Page.captureScreenshot', {
      format: 'png', captureBeyondViewport: true,
      clip: { x: 0, y: 0, width: Math.ceil(size.width), height: Math.min(Math.ceil(size.height), 16000), scale: 1 },
    });
    fs.writeFileSync(screenshot, Buffer.from(shot.data, 'base64'));
    return { state, plots, url, ...seen };
  } finally {
    await close();
  }
}

test('the report in headless Chromium', async (t) => {
  const report = reportPath();
  const screenshot = process.env.PARLEY_SCREENSHOT || report.replace(/\.html$/, '') + '.png';
  const expected = readPlots(report).plots.map((plot) => plot.id);
  const seen = await inspectReport(report, screenshot);
  t.diagnostic(`screenshot: ${screenshot}`);

  await t.test('every plot is drawn', () => {
    assert.equal(seen.state, 'rendered', 'vega-embed did not finish every plot');
    assert.deepEqual(seen.plots.map((plot) => plot.id), expected);
    for (const plot of seen.plots) {
      assert.ok(plot.kind === 'svg' || plot.kind === 'canvas', `${plot.id}: no svg or canvas`);
      assert.ok(plot.width > 50 && plot.height > 30, `${plot.id}: drawn at ${plot.width} x ${plot.height}`);
      assert.ok(plot.marks > 0, `${plot.id}: no data marks`);
    }
  });
  await t.test('no console error, warning or exception', () => {
    assert.deepEqual(seen.errors, []);
  });
  await t.test('no request leaves the file', () => {
    const outside = seen.requests.filter((url) => url !== seen.url && !/^(data|blob|about):/.test(url));
    assert.deepEqual(outside, []);
  });
  await t.test('the screenshot was saved', () => {
    assert.ok(fs.statSync(screenshot).size > 10000);
  });
});
