// Headless Chromium over the DevTools protocol on a pipe
// (--remote-debugging-pipe: JSON messages separated by NUL bytes, commands on
// the child's fd 3, replies and events on its fd 4), with Node's standard
// library only.  Shared by the report's and the workbench's browser tests.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

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

// Starts Debian's chromium ($CHROMIUM to use another) headless with a fresh
// profile.  close() ends it and removes the profile.
function launchChromium() {
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
  const close = async () => {
    try { await Promise.race([devtools.send('Browser.close'), sleep(5000)]); } catch (e) { /* already gone */ }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(profile, { recursive: true, force: true });
    if (process.env.PARLEY_VERBOSE) process.stderr.write(stderr);
  };
  return { devtools, close };
}

// A new page with its DevTools session: { targetId, sessionId, send(method, params) }.
async function attachPage(devtools) {
  const { targetId } = await devtools.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await devtools.send('Target.attachToTarget', { targetId, flatten: true });
  return { targetId, sessionId, send: (method, params) => devtools.send(method, params, sessionId) };
}

// Collects what a page must not do into seen = { errors, requests }: console
// errors, assertions and warnings, uncaught exceptions, error log entries,
// and every request's URL.
function watchPage(devtools, sessionId, seen) {
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
}

module.exports = { DevTools, TIMEOUT_MS, attachPage, launchChromium, sleep, watchPage };
