// Node-RED settings for bench/compare: the editor and HTTP nodes are off, the roster is
// loaded once from the benchmark's cards.tsv into a Map the flow's function node reads.
const fs = require('fs');

const roster = new Map();
for (const line of fs.readFileSync(process.env.BENCH_CARDS, 'utf8').split('\n')) {
  const p = line.split('\t');
  if (p.length >= 6 && p[5] !== 'unknown') roster.set(p[0], { person: p[1], status: p[5] });
}

module.exports = {
  uiPort: Number(process.env.BENCH_NR_UI_PORT),
  uiHost: '127.0.0.1',
  httpAdminRoot: false,
  httpNodeRoot: false,
  flowFile: 'flows.json',
  credentialSecret: false,
  functionGlobalContext: { roster },
  logging: { console: { level: 'warn', metrics: false, audit: false } },
};
