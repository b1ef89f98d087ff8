import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { revisionOfHead, verifyExport } from '../audit/export/verify-export.js';

const USAGE = `Usage: npm run audit:verify-export -- <history.ndjson | -> [--expect-head <sha256>]
   or: node dist/cli/verify-export.js <history.ndjson | -> [--expect-head <sha256>]

Checks the hash chain of an export from GET /v1/articles/{id}/history/export, offline.
--expect-head: a head hash you recorded earlier (from /integrity or an earlier export): proves
  everything up to it is unchanged and nothing was cut off since.
Exit status: 0 intact, 1 broken, 2 unreadable or bad arguments.`;

/** Needs no server and no store: only the file and the project's hash-chain code. */
async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { 'expect-head': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const [file] = positionals;
  if (values.help || file === undefined || positionals.length !== 1) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }

  const result = verifyExport(text);
  let ok = result.ok;
  for (const { streamId, report } of result.streams) {
    if (report.ok) process.stdout.write(`OK      ${streamId}: ${report.events} events, head ${report.head}\n`);
    else process.stdout.write(`BROKEN  ${streamId} at revision ${report.brokenAt}: ${report.reason}\n`);
  }
  if (!result.ok && 'problem' in result && result.problem !== undefined) process.stdout.write(`BROKEN  ${result.problem}\n`);
  const expected = values['expect-head'];
  if (expected !== undefined) {
    const found = result.streams.flatMap((stream) => {
      const revision = revisionOfHead(stream, expected);
      return revision === undefined ? [] : [{ stream, revision }];
    })[0];
    if (found === undefined) {
      process.stdout.write(`BROKEN  no intact stream in the export has the expected head ${expected}: the record was altered or cut off\n`);
      ok = false;
    } else {
      const later = found.stream.report.events - 1 - found.revision;
      process.stdout.write(
        later === 0
          ? `OK      the head is the expected ${expected}\n`
          : `OK      the expected head is revision ${found.revision}: unchanged up to there, ${later} event(s) added since\n`,
      );
    }
  }
  process.stdout.write(ok ? 'The export is intact.\n' : 'The export does NOT verify.\n');
  return ok ? 0 : 1;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
  return 2;
});
