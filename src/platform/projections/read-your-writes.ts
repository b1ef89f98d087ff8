import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/index.js';
import { invalidFields } from '../../kernel/refusal.js';
import { ReadModels } from './read-models.js';

export const READ_MODEL_POSITION_HEADER = 'X-Read-Model-Position';
export const READ_MODEL_CAUGHT_UP_HEADER = 'X-Read-Model-Caught-Up';
const READS_FROM = 'redaksi:read-models';
const POSITION = /^\d{1,20}$/;
const WAIT_FOR_MESSAGE = 'waitFor must be a position as a decimal number (the X-Event-Position of a command)';

/** Query parameters every read-model endpoint accepts. */
export class ReadModelQueryDto {
  @ApiPropertyOptional({ description: 'X-Event-Position of a command: wait (briefly) until this read model reflects it', example: '1042' })
  @IsOptional()
  @Matches(POSITION, { message: WAIT_FOR_MESSAGE })
  waitFor?: string;
}

/**
 * Read-your-writes for an endpoint served by these projections: with `waitFor=<X-Event-Position>` the
 * request waits up to REDAKSI_READ_WAIT_MS for them to reach that position, then answers either way;
 * `X-Read-Model-Caught-Up` says whether they did. Every answer carries `X-Read-Model-Position`.
 * While no model is there yet (a projector that has not started), the endpoint answers 503.
 */
export function ReadsFrom(...projections: [string, ...string[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(READS_FROM, projections),
    UseInterceptors(ReadYourWritesInterceptor),
    ApiQuery({ name: 'waitFor', required: false, type: String, description: 'X-Event-Position of a command to wait for' }),
  );
}

@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const projections =
      this.reflector.getAllAndOverride<string[] | undefined>(READS_FROM, [context.getHandler(), context.getClass()]) ?? [];
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const waitFor = request.query.waitFor;
    if (waitFor === undefined) {
      response.setHeader(READ_MODEL_POSITION_HEADER, String(this.readModels.lowestCheckpoint(projections) ?? 0n));
      return next.handle();
    }
    if (typeof waitFor !== 'string' || !POSITION.test(waitFor)) {
      throw invalidFields([{ path: 'waitFor', message: WAIT_FOR_MESSAGE }]);
    }
    const result = await this.readModels.waitFor(projections, BigInt(waitFor), this.config.readModelWaitMs);
    response.setHeader(READ_MODEL_POSITION_HEADER, String(result.position ?? 0n));
    response.setHeader(READ_MODEL_CAUGHT_UP_HEADER, String(result.caughtUp));
    return next.handle();
  }
}
