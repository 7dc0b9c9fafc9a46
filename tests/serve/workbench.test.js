// The workbench of `parley serve` in headless Chromium: open the flagship
// scenario from --root, change one actor's position in the grid, run the
// compromise model and see the forecast move by the analytically expected
// amount, run an ensemble with its progress bar, save the scenario and read
// the saved file back with the command line.  Checks that the page logs no
// error and requests nothing from outside the server.
//
//   PARLEY_BINARY=build/parley [CHROMIUM=/usr/bin/chromium] node tests/serve/workbench.test.js
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { TIMEOUT_MS, attachPage, launchChromium, sleep, watchPage } = require('../report/devtools.js');

const source = path.resolve(__dirname, '../..');
const parley = process.env.PARLEY_BINARY || path.join(source, 'build/parley');

// Starts `parley serve` on a free port; resolves to { url, stop }.
function startServer(root, store) {
  const child = spawn(parley, ['serve', '--port', '0', '--root', root, '--store', store,
                               '--threads', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /open (http:\/\/\S+\/)/.exec(out);
      if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`parley serve exited with ${code}: ${stderr}`)));
  });
}

// A cell's text as its nominal value: triangular -> mode, uniform -> midpoint,
// normal -> mean (docs/scenario-format.md, uncertain values).
function nominal(text) {
  const t = text.trim();
  if (t === '') return null;
  const normal = /^normal\(([^,]+),/.exec(t);
  if (normal) return Number(normal[1]);
  const parts = t.split('..').map(Number);
  if (parts.length === 3) return parts[1];
  if (parts.length === 2) return (parts[0] + parts[1]) / 2;
  return parts[0];
}

test('the workbench in headless Chromium', async (t) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-workbench-'));
  const root = path.join(work, 'root');
  fs.mkdirSync(root);
  fs.copyFileSync(path.join(source, 'scenarios/ukraine-2026.yaml'), path.join(root, 'ukraine-2026.yaml'));
  const server = await startServer(root, path.join(work, 'runs.sqlite'));
  const { devtools, close } = launchChromium();
  const seen = { errors: [], requests: [] };
  try {
    const { sessionId, send } = await attachPage(devtools);
    watchPage(devtools, sessionId, seen);
    await send('Page.enable');
    await send('Runtime.enable');
    // Log entries are not watched: the invalid cell below answers 400 on purpose.
    await send('Network.enable');
    const evaluate = async (expression) => {
      const r = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
      if (r.exceptionDetails) {
        const d = r.exceptionDetails;
        throw new Error(`${expression}: ${d.exception?.description || d.text}`);
      }
      return r.result.value;
    };
    const until = async (expression, what) => {
      const deadline = Date.now() + TIMEOUT_MS;
      while (Date.now() < deadline) {
        const value = await evaluate(expression);
        if (value) return value;
        await sleep(50);
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    const loaded = devtools.waitFor((m) => m.sessionId === sessionId && m.method === 'Page.loadEventFired', 'the load event');
    await send('Page.navigate', { url: server.url });
    await loaded;
    await until('window.workbench && window.workbench.ready', 'the workbench');

    // Open the flagship from the server's folder.
    await evaluate(`document.getElementById('files').value = 'ukraine-2026.yaml';
                    document.getElementById('open-file').click(); true`);
    await until(`workbench.state.path === 'ukraine-2026.yaml' &&
                 document.querySelectorAll('#actors tr').length > 2`, 'the flagship in the grid');
    const cells = await evaluate(`Object.fromEntries(Array.from(document.querySelectorAll('#actors input'))
                                   .map((i) => [i.dataset.path, i.value || i.placeholder]))`);
    const actors = new Set(Object.keys(cells).map((p) => /^actors\[(\d+)\]/.exec(p)[1]));

    // The compromise forecast of `guarantees` is sum(c s x) / sum(c s) over
    // the actors with a position and salience on it (docs/models/compromise.md
    // section 1), so moving actor 0 by d moves it by c0 s0 d / sum(c s).
    const issue = 'guarantees';
    let weights = 0;
    for (const k of actors) {
      const s = nominal(cells[`actors[${k}].salience.${issue}`] || '');
      const x = nominal(cells[`actors[${k}].position.${issue}`] || '');
      const c = nominal(cells[`actors[${k}].capability.${issue}`] || cells[`actors[${k}].capability`] || '');
      if (s !== null && x !== null && c !== null) weights += c * s;
    }
    const c0 = nominal(cells['actors[0].capability.' + issue] || cells['actors[0].capability']);
    const s0 = nominal(cells[`actors[0].salience.${issue}`]);
    const x0 = nominal(cells[`actors[0].position.${issue}`]);
    const moved = x0 - 20;
    const expected = (c0 * s0 * (moved - x0)) / weights;

    const forecast = `Number(document.querySelector('#forecast-table tr[data-issue="${issue}"] td:nth-child(2)').textContent)`;
    const runCompromise = async () => {
      const before = await evaluate('workbench.state.run');
      await evaluate(`document.getElementById('model').value = 'compromise';
                      document.getElementById('run').click(); true`);
      await until(`workbench.state.run !== ${before} && document.getElementById('forecast-table')`, 'a run');
      return evaluate(forecast);
    };
    const first = await runCompromise();
    await evaluate(`(() => { const input = document.querySelector('[data-path="actors[0].position.${issue}"]');
                     input.value = '${moved}'; input.dispatchEvent(new Event('input')); return true; })()`);
    await until(`document.getElementById('status').className === 'ok' &&
                 workbench.state.scenario.actors[0].position.${issue} === ${moved}`, 'the edit validated');
    const second = await runCompromise();

    await t.test('the forecast moves by the analytically expected amount', () => {
      assert.ok(Math.abs(second - first - expected) < 2e-4,
        `forecast ${first} -> ${second}: moved ${second - first}, expected ${expected}`);
      assert.ok(Math.abs(expected) > 0.5, `the move ${expected} is too small to tell`);
    });

    await t.test('the report of the run draws its plots', async () => {
      // The frame's document may be between pages while it loads: retried.
      await until(`(() => { try { const d = document.getElementById('plots').contentDocument;
                    return d.documentElement.getAttribute('data-plots') === 'rendered'; }
                    catch (e) { return false; } })()`, 'the plots of the report');
      const plots = await evaluate(`document.getElementById('plots').contentDocument
                                    .querySelectorAll('div.vega svg, div.vega canvas').length`);
      assert.ok(plots > 0, 'no plot drawn');
    });

    await t.test('an invalid cell shows the command line message beside it', async () => {
      await evaluate(`(() => { const input = document.querySelector('[data-path="actors[0].salience.${issue}"]');
                       input.value = '150'; input.dispatchEvent(new Event('input')); return true; })()`);
      const note = await until(`(() => { const n = document.querySelector('td.bad .cellmsg');
                                 return n && n.previousElementSibling.dataset.path + ' | ' + n.textContent; })()`,
                               'the message beside the cell');
      assert.match(note, new RegExp(`^actors\\[0\\]\\.salience\\.${issue} \\| `));
      assert.match(await evaluate(`document.getElementById('problem').textContent`), /^parley: error: .*:\d+:\d+: /);
      await evaluate(`(() => { const input = document.querySelector('[data-path="actors[0].salience.${issue}"]');
                       input.value = '${cells[`actors[0].salience.${issue}`]}'; input.dispatchEvent(new Event('input')); return true; })()`);
      await until(`document.getElementById('status').className === 'ok'`, 'the cell fixed');
    });

    await t.test('an ensemble reports its progress and its quantiles', async () => {
      await evaluate(`document.getElementById('draws').value = '300';
                      document.getElementById('mc').click(); true`);
      await until(`/^ensemble \\d+ done/.test(document.getElementById('status').textContent)`, 'the ensemble');
      assert.equal(await evaluate(`document.getElementById('progress').value`), 300);
    });

    await t.test('the saved scenario reads back with the command line', async () => {
      await evaluate(`document.getElementById('save-path').value = 'edited.yaml';
                      document.getElementById('save').click(); true`);
      await until(`/^saved edited.yaml/.test(document.getElementById('status').textContent)`, 'the save');
      const saved = path.join(root, 'edited.yaml');
      execFileSync(parley, ['validate', saved]);
      const result = JSON.parse(execFileSync(parley, ['run', saved, '--model', 'compromise', '--format', 'json']));
      assert.ok(Math.abs(result.forecast[issue] - second) < 1e-4, `${result.forecast[issue]} vs ${second}`);
      // Saved into the file opened: its comments stay, one line changed.
      assert.match(await evaluate(`document.getElementById('status').textContent`), /comments and layout kept/);
      const before = fs.readFileSync(path.join(root, 'ukraine-2026.yaml'), 'utf8').split('\n');
      const after = fs.readFileSync(saved, 'utf8').split('\n');
      assert.equal(after.length, before.length);
      const changed = after.filter((line, k) => line !== before[k]);
      assert.equal(changed.length, 1, changed.join('\n'));
      assert.match(changed[0], new RegExp(`^\\s+${issue}: ${moved}\\s+#`));
    });

    await t.test('compare shows issues x models with the consensus the command line prints', async () => {
      await evaluate(`document.getElementById('compare-models').value = 'compromise,median';
                      document.getElementById('compare').click(); true`);
      await until(`/^compare \\d+ done/.test(document.getElementById('more-result').textContent)`, 'the comparison');
      const rows = await evaluate(`Array.from(document.querySelectorAll('#compare-table tr'))
                                   .map((tr) => Array.from(tr.children).map((c) => c.textContent))`);
      assert.deepEqual(rows[0], ['issue', 'compromise', 'median', 'consensus', 'interval', 'spread', 'models disagree']);
      // The page edits the scenario saved above: the command line on that file.
      const cli = JSON.parse(execFileSync(parley, ['compare', path.join(root, 'edited.yaml'), '--models',
                                                   'compromise,median', '--format', 'json', '-q']));
      assert.equal(rows.length, 1 + cli.issues.length);
      for (const [k, i] of cli.issues.entries()) {
        assert.equal(rows[k + 1][0], i.issue);
        assert.ok(Math.abs(Number(rows[k + 1][3]) - i.consensus) <= 1e-4 * Math.max(1, Math.abs(i.consensus)),
          `${i.issue}: ${rows[k + 1][3]} vs ${i.consensus}`);
        assert.ok(Math.abs(Number(rows[k + 1][1]) - cli.models[0].forecast[i.issue]) <= 1e-4 * Math.max(1, Math.abs(i.consensus)));
      }
    });

    await t.test('no console error, no request outside the server', () => {
      assert.deepEqual(seen.errors, []);
      const outside = seen.requests.filter((url) => !url.startsWith(server.url) && !/^(data|blob|about):/.test(url));
      assert.deepEqual(outside, []);
    });
  } finally {
    await close();
    server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
