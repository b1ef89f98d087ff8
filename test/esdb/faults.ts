/**
 * TEST-ONLY. Faults the test server can be told to answer with, each shaped as a real EventStoreDB
 * (KurrentDB) node or the network in front of it produces it:
 *
 * - `notLeader`: what a follower answers a call that requires the leader (status NOT_FOUND, trailers
 *   `exception: not-leader`, `leader-endpoint-host`, `leader-endpoint-port`);
 * - `notReady`: a node that is starting or catching up (UNAVAILABLE, "Server Is Not Ready");
 * - `rstStream`: the HTTP/2 stream reset under the call (RST_STREAM, code 2): the client sees INTERNAL;
 * - `hang`: the call is accepted and never answered, while the connection (and its keepalive pings)
 *   stays healthy;
 * - `delay`: the call is answered, `ms` late.
 */
export type Fault =
  | { readonly kind: 'notLeader'; readonly leader: { readonly host: string; readonly port: number } }
  | { readonly kind: 'notReady' }
  | { readonly kind: 'rstStream' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'delay'; readonly ms: number };

/** The server's methods, as faults name them; `subscribe` is a Read with subscription options. */
export type FaultMethod = 'read' | 'subscribe' | 'append' | 'batchAppend' | 'delete' | 'tombstone' | 'serverFeatures';

export interface CallInfo {
  readonly method: FaultMethod;
  readonly requiresLeader: boolean;
  /** The stream addressed, when there is one (`$all` reads have none). */
  readonly stream?: string;
}

export interface FaultRule {
  readonly method: FaultMethod | '*';
  readonly fault: Fault;
  /** How many calls it answers before it is used up. Default: every call until removed. */
  readonly times?: number;
  readonly when?: (call: CallInfo) => boolean;
}

interface ActiveRule extends FaultRule {
  remaining: number;
}

export class Faults {
  private rules: ActiveRule[] = [];
  /** Calls answered with a fault so far, for tests to assert on. */
  readonly answered: { readonly call: CallInfo; readonly fault: Fault['kind'] }[] = [];
  private readonly hung = new Set<() => void>();

  /** Adds a rule (the newest matching rule wins); returns a function that removes it. */
  inject(rule: FaultRule): () => void {
    const active: ActiveRule = { ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.rules.unshift(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  /** Removes every rule; calls left hanging are released (each handler decides what that means). */
  clear(): void {
    this.rules = [];
    for (const release of [...this.hung]) release();
    this.hung.clear();
  }

  /** The fault this call gets, if any; counts it against the rule. */
  take(call: CallInfo): Fault | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (r.method === '*' || r.method === call.method) && (r.when?.(call) ?? true));
    if (!rule) return undefined;
    rule.remaining--;
    this.answered.push({ call, fault: rule.fault.kind });
    return rule.fault;
  }

  /** Calls hanging right now (a call the client cancels stops hanging). */
  get hanging(): number {
    return this.hung.size;
  }

  /** A hanging call registers how to let go of it when the rules are cleared or the server stops. */
  holdHanging(release: () => void): () => void {
    this.hung.add(release);
    return () => this.hung.delete(release);
  }
}
