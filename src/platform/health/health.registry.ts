import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO_LOGGER } from '../logging/logger.js';

export type HealthStatus = 'ok' | 'error';

export interface HealthCheckResult {
  readonly status: HealthStatus;
  /** Public: /health needs no key. Counts and lags, not connection strings or stack traces. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type HealthCheck = () => Promise<HealthCheckResult>;

export interface HealthReport {
  readonly status: HealthStatus;
  readonly checks: Readonly<Record<string, HealthCheckResult>>;
}

export interface RegisterOptions {
  /** A check that does not answer in time counts as failed. Default 3000 ms. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3000;

/**
 * Named checks other modules contribute (event store reachable, projections caught up…),
 * typically from their onModuleInit.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, { readonly check: HealthCheck; readonly timeoutMs: number }>();

  constructor(@Optional() @Inject(PINO_LOGGER) private readonly logger?: Logger) {}

  /** Returns a function that removes the check again. */
  register(name: string, check: HealthCheck, options: RegisterOptions = {}): () => void {
    if (this.checks.has(name)) throw new Error(`A health check named "${name}" is already registered`);
    this.checks.set(name, { check, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    return () => this.checks.delete(name);
  }

  async run(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, { check, timeoutMs }]) => [name, await this.runOne(name, check, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(entries);
    return { status: entries.every(([, result]) => result.status === 'ok') ? 'ok' : 'error', checks };
  }

  private async runOne(name: string, check: HealthCheck, timeoutMs: number): Promise<HealthCheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthCheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'error', details: { error: `no answer within ${timeoutMs} ms` } }), timeoutMs);
    });
    try {
      return await Promise.race([check(), timeout]);
    } catch (error) {
      // The reason goes to the log, not to the unauthenticated caller.
      this.logger?.warn({ err: error, check: name }, 'health check failed');
      return { status: 'error', details: { error: 'check failed' } };
    } finally {
      clearTimeout(timer);
    }
  }
}
