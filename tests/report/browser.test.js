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
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { readPlots, reportPath } = require('./report-file.js');

const TIMEOUT_MS = 90000;

class DevTools {
  constructor(child) {
    this.child = child;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    let buffer = '';
    child.stdio[4].on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end;
      while ((end = buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        this.dispatch(message);
      }
    });
  }

  dispatch(message) {
    if (message.id !== undefined && this.pending.has(message.id)) {
      const { resolve, reject, method } = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) reject(new Error(`${method}: ${message.error.message}`));
      else resolve(message.result);
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.child.stdio[3].write(JSON.stringify(message) + '\0');
    });
  }

  on(listener) { this.listeners.push(listener); }

  waitFor(predicate, what, ms = TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      this.on((message) => {
        if (predicate(message)) { clearTimeout(timer); resolve(message); }
      });
    });
  }
}

function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

async function inspectReport(report, screenshot) {
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(`${chromium} not found: install Debian's chromium (scripts/install-deps.sh)`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-chromium-'));
  const child = spawn(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-extensions', '--mute-audio', '--hide-scrollbars',
    `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdio[2].on('data', (chunk) => { stderr += chunk.toString('utf8'); });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const devtools = new DevTools(child);
  const seen = { errors: [], requests: [] };
  try {
    const { targetId } = await devtools.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await devtools.send('Target.attachToTarget', { targetId, flatten: true });
    devtools.on((message) => {
      if (message.sessionId !== sessionId) return;
      const p = message.params || {};
      switch (message.method) {
        case 'Runtime.consoleAPICalled':
          // Vega reports problems with a spec (bad scale, missing field) as warnings.
          if (p.type === 'error' || p.type === 'assert' || p.type === 'warning') {
            seen.errors.push(`console.${p.type}: ${(p.args || []).map((a) => a.value ?? a.description).join(' ')}`);
          }
          break;
        case 'Runtime.exceptionThrown':
          seen.errors.push(`exception: ${p.exceptionDetails.exception?.description || p.exceptionDetails.text}`);
          break;
        case 'Log.entryAdded':
          if (p.entry.level === 'error') seen.errors.push(`${p.entry.source}: ${p.entry.text} ${p.entry.url || ''}`);
          break;
        case 'Network.requestWillBeSent':
          seen.requests.push(p.request.url);
          break;
        default:
      }
    });
    const send = (method, params) => devtools.send(method, params, sessionId);
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
    try { await Promise.race([devtools.send('Browser.close'), sleep(5000)]); } catch (e) { /* already gone */ }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(profile, { recursive: true, force: true });
    if (process.env.PARLEY_VERBOSE) process.stderr.write(stderr);
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
  // PARLEY_EXPECT_PLOTS: descriptions of plots the page must hold and draw
  // (|-separated prefixes), e.g. the model's error on a calibrated forecast.
  await t.test('the expected plots are on the page and drawn', () => {
    const wanted = (process.env.PARLEY_EXPECT_PLOTS || '').split('|').filter(Boolean);
    const specs = readPlots(report).plots;
    for (const prefix of wanted) {
      const ids = specs.filter((p) => (p.spec.description || '').startsWith(prefix)).map((p) => p.id);
      assert.ok(ids.length > 0, `no plot "${prefix}..." on the page`);
      for (const id of ids) {
        const drawn = seen.plots.find((plot) => plot.id === id);
        assert.ok(drawn && drawn.marks > 0 && drawn.width > 50, `${id} ("${prefix}") not drawn`);
      }
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
