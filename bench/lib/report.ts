import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type BenchResult, type Cell, PROJECT_ROOT, type ResultTable, type TargetCheck } from './results.js';
import { format, TARGETS } from './targets.js';

export const BENCHMARKS_FILE = path.join(PROJECT_ROOT, 'BENCHMARKS.md');
const START = '<!-- generated:start — `npm run bench` rewrites everything between these markers from bench/results/*.json -->';
const END = '<!-- generated:end -->';

const SKELETON = `# Benchmarks and failure drills

Scripts, not timed tests: \`npm run bench\` runs every benchmark, \`npm run bench -- <name>\` one of them;
each writes \`bench/results/<name>.json\` and regenerates the section below.

${START}
${END}
`;

/** Rewrites the generated part of BENCHMARKS.md; text outside the markers is kept as written. */
/** `order`: benchmark names in the order their sections appear (the registry's). */
export function regenerateBenchmarksMd(results: readonly BenchResult[], order: readonly string[] = []): void {
  const current = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : SKELETON;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const base = start >= 0 && end > start ? current : `${current.trimEnd()}\n\n${START}\n${END}\n`;
  const from = base.indexOf(START) + START.length;
  const to = base.indexOf(END);
  writeFileSync(BENCHMARKS_FILE, `${base.slice(0, from)}\n${renderGenerated(results, order)}\n${base.slice(to)}`);
}

export function renderGenerated(results: readonly BenchResult[], order: readonly string[] = []): string {
  const rank = (r: BenchResult) => (order.includes(r.name) ? order.indexOf(r.name) : order.length);
  const sorted = [...results].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const sections = [renderTargets(results), ...sorted.map(renderResult)];
  return sections.join('\n\n');
}

function renderTargets(results: readonly BenchResult[]): string {
  const checks = new Map<string, { check: TargetCheck; result: BenchResult }>();
  for (const result of results) for (const check of result.targets) checks.set(check.id, { check, result });
  const rows = TARGETS.map((target) => {
    const found = checks.get(target.id);
    const ran = results.find((r) => r.name === target.benchmark);
    if (found === undefined) {
      const why = ran?.statusNote ?? (ran === undefined ? `not run yet (\`npm run bench -- ${target.benchmark}\`)` : 'not measured');
      return [`#${target.issue}`, target.text, '—', ran?.status === 'blocked' ? 'blocked' : 'pending', why];
    }
    const { check } = found;
    const verdict = check.met === null ? 'not measured' : check.met ? 'met' : '**missed**';
    return [`#${target.issue}`, target.text, check.measured, verdict, check.note ?? ''];
  });
  return `## Targets: measured vs target\n\n${table(['issue', 'target', 'measured', 'verdict', 'note'], rows)}`;
}

function renderResult(result: BenchResult): string {
  if (result.status === 'pending') {
    return `## ${result.title} (\`${result.name}\`)\n\n- status: pending${result.statusNote === undefined ? '' : ` — ${result.statusNote}`}`;
  }
  const m = result.machine;
  const lines = [
    `## ${result.title} (\`${result.name}\`)`,
    '',
    `- status: ${result.status}${result.statusNote === undefined ? '' : ` — ${result.statusNote}`}`,
    `- run: ${result.startedAt} (${format(result.durationS)} s), \`${result.command}\``,
    `- machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; SQLite ${m.sqlite}; load average ${m.loadAverageAtStart} at start`,
    `- durability: ${result.durability}`,
    `- method: ${result.method}`,
  ];
  for (const t of result.tables) lines.push('', renderTable(t));
  if (result.ratios.length > 0) {
    lines.push('', 'Ratios measured in the same run:', '');
    for (const ratio of result.ratios) lines.push(`- ${ratio.label}: ${ratio.value === null ? 'n/a' : `${format(ratio.value)}×`}`);
  }
  if (result.notes.length > 0) {
    lines.push('', ...result.notes.map((note) => `> ${note}`));
  }
  return lines.join('\n');
}

function renderTable(t: ResultTable): string {
  return `### ${t.title}\n\n${table(t.columns, t.rows)}`;
}

function table(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const header = `| ${columns.join(' | ')} |`;
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((row) => row[i] === null || typeof row[i] === 'number'));
  const rule = `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`;
  const body = rows.map((row) => `| ${row.map(cell).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

function cell(value: Cell): string {
  if (value === null) return '—';
  if (typeof value === 'number') return format(value);
  return value.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
