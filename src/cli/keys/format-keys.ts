import { keyFingerprint } from '../../platform/auth/api-key-token.js';
import { type ApiKeyEntry, entrySha256 } from '../../platform/auth/api-keys.js';

/** What `list` shows of a key: everything but the token (and its hash beyond the fingerprint). */
export interface ListedKey {
  readonly principalId: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly createdAt: string | null;
  readonly fingerprint: string;
  /** `sha256`: the file keeps only the hash; `token`: the token is in the file in clear (rotate it to change that). */
  readonly storedAs: 'sha256' | 'token';
}

export function listedKey(entry: ApiKeyEntry): ListedKey {
  return {
    principalId: entry.principalId,
    displayName: entry.displayName,
    roles: [...entry.roles],
    createdAt: entry.createdAt ?? null,
    fingerprint: keyFingerprint(entrySha256(entry)),
    storedAs: entry.tokenSha256 === undefined ? 'token' : 'sha256',
  };
}

/** A plain table, columns padded to the widest cell, for a terminal. */
export function keysTable(keys: readonly ListedKey[]): string {
  const rows = [
    ['PRINCIPAL', 'NAME', 'ROLES', 'CREATED', 'FINGERPRINT', 'STORED AS'],
    ...keys.map((key) => [key.principalId, key.displayName, key.roles.join(','), key.createdAt ?? '-', key.fingerprint, key.storedAs]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - [...cell].length))).join('  '),
    )
    .join('\n');
}
