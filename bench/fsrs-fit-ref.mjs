// SPDX-License-Identifier: GPL-3.0-or-later
// fsrs-rs (through @open-spaced-repetition/binding) on CSV review logs: the
// reference side of tests/cli/t0410 and bench/fsrs-fit-bench.sh.
//
//   node fsrs-fit-ref.mjs LOG.csv [W0,...,W20 ...]
//
// Prints one JSON line: the metrics of the default parameters and of each
// parameter list given, fsrs-rs's fitted parameters with their metrics, and
// the fit's time. Days start at 04:00 UTC (the tests run with TZ=UTC).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const binding = require('@open-spaced-repetition/binding');
const { FSRSBinding, convertCsvToFsrsItems, computeParameters } = binding;

const [file, ...extra] = process.argv.slice(2);
const items = convertCsvToFsrsItems(new Uint8Array(readFileSync(file)), 4, 'UTC', () => 0);
const evaluate = (w) => {
  const m = (w ? new FSRSBinding(w) : new FSRSBinding()).evaluate(items);
  return { log_loss: m.logLoss, rmse_bins: m.rmseBins };
};
const result = { items: items.length, defaults: evaluate(null), given: [] };
for (const text of extra) {
  const w = text.split(',').map(Number);
  result.given.push({ parameters: w, ...evaluate(w) });
}
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const fitted = await computeParameters(items, { enableShortTerm: true, timeout: 5 });
const t1 = process.hrtime.bigint();
const cpu = process.cpuUsage(cpu0);
result.fit = {
  parameters: fitted,
  ...evaluate(fitted),
  seconds: Number(t1 - t0) / 1e9,
  cpu_seconds: (cpu.user + cpu.system) / 1e6,
};
result.peak_kb = Math.round(process.resourceUsage().maxRSS);
console.log(JSON.stringify(result));
