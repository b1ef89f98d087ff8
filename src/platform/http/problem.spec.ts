import { BadRequestException, ConflictException, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { ProblemException, problemType } from './problem.js';
import { EventStoreUnavailableError } from '../event-store/errors.js';
import { toProblem } from './problem-mapping.js';
import { flattenValidationErrors } from './validation.js';

describe('ProblemException', () => {
  it('carries an RFC 9457 body with its extensions', () => {
    const exception = new ProblemException({
      status: 412,
      type: 'stale-revision',
      title: 'Stale revision',
      extensions: { expectedRevision: 1, actualRevision: 2 },
    });
    expect(exception.getStatus()).toBe(412);
    expect(exception.problem).toEqual({
      type: 'https://redaksi.dev/problems/stale-revision',
      title: 'Stale revision',
      status: 412,
      expectedRevision: 1,
      actualRevision: 2,
    });
  });

  it('refuses an extension that would overwrite a standard member', () => {
    expect(() => new ProblemException({ status: 409, type: 'x', title: 'X', extensions: { status: 200 } })).toThrow(/status/);
  });
});

describe('toProblem', () => {
  it('maps a Nest HttpException by its status, with its message as detail', () => {
    expect(toProblem(new ConflictException('Slug already taken')).problem).toEqual({
      type: problemType('conflict'),
      title: 'Conflict',
      status: 409,
      detail: 'Slug already taken',
    });
    expect(toProblem(new BadRequestException(['a is bad', 'b is bad'])).problem.detail).toBe('a is bad; b is bad');
  });

  it('keeps the message of a 5xx HttpException out of the answer', () => {
    const mapped = toProblem(new ServiceUnavailableException('pool exhausted at db.internal:5432'));
    expect(mapped.unexpected).toBe(true);
    expect(JSON.stringify(mapped.problem)).not.toContain('db.internal');
  });

  it('maps body-parser errors whether or not Nest wrapped them', () => {
    const raw = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      statusCode: 413,
      expose: true,
      limit: 100,
    });
    expect(toProblem(raw).problem).toMatchObject({ type: problemType('payload-too-large'), status: 413, limitBytes: 100 });
    expect(toProblem(new HttpException('request entity too large', 413, { cause: raw })).problem.type).toBe(
      problemType('payload-too-large'),
    );
  });

  it('answers an unreachable event store with 503 and Retry-After, without its connection details', () => {
    const mapped = toProblem(new EventStoreUnavailableError('EventStoreDB unavailable: connect ECONNREFUSED 10.0.0.7:2113'));
    expect(mapped).toMatchObject({
      problem: { type: problemType('event-store-unavailable'), status: 503 },
      headers: { 'Retry-After': '5' },
      unexpected: true,
    });
    expect(JSON.stringify(mapped.problem)).not.toContain('10.0.0.7');
  });

  it('answers anything else with a generic 500', () => {
    const mapped = toProblem(new TypeError("Cannot read properties of undefined (reading 'revision')"));
    expect(mapped).toEqual({
      problem: {
        type: problemType('internal-error'),
        title: 'Internal Server Error',
        status: 500,
        detail: expect.not.stringContaining('revision'),
      },
      headers: {},
      unexpected: true,
    });
  });
});

describe('flattenValidationErrors', () => {
  it('turns the error tree into paths', () => {
    expect(
      flattenValidationErrors([
        { property: 'headline', constraints: { isString: 'headline must be a string' }, children: [] },
        {
          property: 'body',
          children: [
            {
              property: '2',
              children: [{ property: 'text', constraints: { isString: 'text must be a string', isNotEmpty: 'text should not be empty' } }],
            },
          ],
        },
        {
          property: 'sources',
          children: [{ property: '0', children: [{ property: 'url', constraints: { isUrl: 'url must be a URL address' } }] }],
        },
      ]),
    ).toEqual([
      { field: 'headline', messages: ['headline must be a string'] },
      { field: 'body[2].text', messages: ['text must be a string', 'text should not be empty'] },
      { field: 'sources[0].url', messages: ['url must be a URL address'] },
    ]);
  });
});
