/**
 * The metadata every command-side event carries (DESIGN.md "Events"): who, correlation and
 * causation, the command, the time, the schema version, the request fingerprint, and the
 * event's place in its stream's hash chain (src/audit/hash-chain.ts).
 */
export function expectedEventMetadata(): Record<string, unknown> {
  return {
    actor: { id: expect.any(String), roles: expect.any(Array), displayName: expect.any(String) },
    $correlationId: expect.stringMatching(/\S/),
    $causationId: expect.stringMatching(/\S/),
    commandId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    commandType: expect.any(String),
    occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    schemaVersion: 1,
    requestHash: expect.any(String),
    previousHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
  };
}
