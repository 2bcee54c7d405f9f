// Runs every compiled benchmark in turn (npm run bench builds first), printing each one's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';

const dir = new URL('../dist/bench/', import.meta.url);
const benches = readdirSync(dir).filter((name) => name.endsWith('.bench.js')).sort();
console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
let failed = 0;
for (const bench of benches) {
  console.log(`\n### ${bench}`);
  const result = spawnSync(process.execPath, [new URL(bench, dir).pathname], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
