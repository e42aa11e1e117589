// Converts the Ken French 10 industry portfolios (free for research and education, with citation)
// into the demo datasets that ship in resources/demo: wide CSVs of DECIMAL returns with ISO dates.
// Run once with the shared data folder beside the repo: node scripts/make-demo-data.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const factors = join(root, '../shared/data/factors');
const out = join(root, 'resources/demo');
mkdirSync(out, { recursive: true });

const toDecimal = (cell) => {
  const value = Number(cell.trim());
  if (!Number.isFinite(value)) throw new Error(`not a number: ${cell}`);
  return value <= -99.99 ? '' : String(Math.round(value * 100) / 10000);
};

function monthlyValueWeighted() {
  const lines = readFileSync(join(factors, '10_Industry_Portfolios.CSV'), 'latin1').split(/\r?\n/);
  const start = lines.findIndex((line) => line.includes('Average Value Weighted Returns -- Monthly'));
  const header = lines[start + 1].split(',').map((name) => name.trim());
  const rows = [];
  for (let i = start + 2; i < lines.length && lines[i].trim() !== ''; i++) {
    const [key, ...cells] = lines[i].split(',');
    const k = key.trim();
    rows.push([`${k.slice(0, 4)}-${k.slice(4, 6)}`, ...cells.map(toDecimal)].join(','));
  }
  return ['date', ...header.slice(1)].join(',') + '\n' + rows.join('\n') + '\n';
}

function dailyValueWeighted() {
  const lines = gunzipSync(readFileSync(join(factors, '10_Industry_Portfolios_Daily_cleaned.csv.gz'))).toString('latin1').split(/\r?\n/);
  const header = lines[0].split(',').map((name) => name.trim());
  const rows = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const [key, ...cells] = line.split(',');
    rows.push([`${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}`, ...cells.map(toDecimal)].join(','));
  }
  return ['date', ...header.slice(1)].join(',') + '\n' + rows.join('\n') + '\n';
}

writeFileSync(join(out, 'ff-10-industry-monthly.csv.gz'), gzipSync(monthlyValueWeighted(), { level: 9 }));
writeFileSync(join(out, 'ff-10-industry-daily.csv.gz'), gzipSync(dailyValueWeighted(), { level: 9 }));
const citation =
  'Demo data: Kenneth R. French Data Library, 10 Industry Portfolios (value-weighted returns, monthly 1926-07 to 2021-04 and daily 1926-07-01 to 2020-10-30), built from CRSP; © Eugene F. Fama and Kenneth R. French, freely available for research and education with citation. https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/data_library.html';
writeFileSync(
  join(out, 'manifest.json'),
  JSON.stringify(
    {
      citation,
      datasets: [
        { file: 'ff-10-industry-monthly.csv.gz', name: 'Demo · Ken French 10 industries (monthly returns)', options: { kind: 'returns' } },
        { file: 'ff-10-industry-daily.csv.gz', name: 'Demo · Ken French 10 industries (daily returns)', options: { kind: 'returns' } },
      ],
    },
    null,
    2,
  ) + '\n',
);
console.log('wrote', out);
