/** What running a command answers, for the HTTP edge to turn into a response. */
export interface ExecutedCommand<State> {
  readonly streamId: string;
  /** The resource as it stands after the command (or after the original, on a replay). */
  readonly state: State;
  /** Stream revision after the command (also the ETag). */
  readonly revision: bigint;
  /** Commit position of the last event written, or of the stream's last on a no-op (X-Event-Position). */
  readonly position: bigint;
  /** True when the result was replayed for a repeated Idempotency-Key. */
  readonly replayed: boolean;
  /** True when this command (or the original it replays) started the stream: a PUT answers 201. */
  readonly created: boolean;
}
