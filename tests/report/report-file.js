// Reads the plot specifications that a parley report embeds.
'use strict';
const fs = require('node:fs');

function readPlots(reportPath) {
  const html = fs.readFileSync(reportPath, 'utf8');
  const match = html.match(/<script type="application\/json" id="parley-plots">([\s\S]*?)<\/script>/);
  if (!match) throw new Error(`${reportPath}: no parley-plots script element`);
  return { html, plots: JSON.parse(match[1]) };
}

function reportPath() {
  const path = process.env.PARLEY_REPORT || process.argv[2];
  if (!path) throw new Error('set PARLEY_REPORT (or pass the report path as the first argument)');
  return path;
}

module.exports = { readPlots, reportPath };
