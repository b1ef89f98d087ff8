import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { articleAsOf } from '../audit/as-of/article-as-of.js';
import { parsePointInTime } from '../audit/as-of/point-in-time.js';
import { AuditedArticleNotFoundError, InvalidAuditQueryError, NoSuchRevisionError } from '../audit/audit-errors.js';
import { articleDiff } from '../audit/diff/article-diff-query.js';
import { articleHistory } from '../audit/history/article-history.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, withStore } from './cli-store.js';
import { formatAsOf } from './format/format-as-of.js';
import { formatDiff } from './format/format-diff.js';
import { formatHistory } from './format/format-history.js';

const USAGE = `Usage:
  npm run audit -- history <articleId> [--type <EventType>]... [--actor <principalId>] [--json]
  npm run audit -- as-of <articleId> <revision | ISO 8601 instant> [--json]
  npm run audit -- diff <articleId> <fromRevision> <toRevision> [--json]

Reads the store the server uses: REDAKSI_DATA_DIR (embedded, default ./data) or
EVENTSTORE_CONNECTION_STRING (EventStoreDB).`;

/** The auditor's view of one article from a terminal, through the same queries as the HTTP API. */
async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      type: { type: 'string', multiple: true },
      actor: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, articleId, ...rest] = positionals;
  if (values.help || command === undefined || articleId === undefined) return usage(values.help ? EXIT_OK : EXIT_USAGE);
  const print = <T>(result: T, format: (value: T) => string) => {
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : format(result));
    return EXIT_OK;
  };

  switch (command) {
    case 'history':
      if (rest.length > 0) return usage(EXIT_USAGE);
      return withStore(async (store) =>
        print(
          await articleHistory(store, articleId, {
            limit: Number.MAX_SAFE_INTEGER,
            ...(values.type === undefined ? {} : { types: values.type }),
            ...(values.actor === undefined ? {} : { actor: values.actor }),
          }),
          formatHistory,
        ),
      );
    case 'as-of': {
      if (rest.length !== 1) return usage(EXIT_USAGE);
      const point = parsePointInTime(rest[0]!);
      return withStore(async (store) => print(await articleAsOf(store, articleId, point), formatAsOf));
    }
    case 'diff': {
      const [from, to] = rest.map((text) => (/^\d+$/.test(text) ? Number(text) : Number.NaN));
      if (rest.length !== 2 || from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) return usage(EXIT_USAGE);
      return withStore(async (store) => print(await articleDiff(store, articleId, from, to), formatDiff));
    }
    default:
      return usage(EXIT_USAGE);
  }
}

function usage(code: number): number {
  (code === EXIT_OK ? process.stdout : process.stderr).write(`${USAGE}\n`);
  return code;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof AuditedArticleNotFoundError || error instanceof NoSuchRevisionError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT_FAILED;
  }
  if (
    error instanceof InvalidAuditQueryError ||
    (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  throw error;
}

process.exitCode = await main(process.argv.slice(2)).catch(exitCodeOf);
