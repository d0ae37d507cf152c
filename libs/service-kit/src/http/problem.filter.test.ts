import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('ok/a 4xx AppError keeps its detail', () => {
    expect(toProblem(new AppError('x', 409, 'Conflict', 'the name is taken'))).toMatchObject({ status: 409, code: 'x', detail: 'the name is taken' });
  });

  it('ok/a 5xx AppError hides its detail unless written to expose it', () => {
    expect(toProblem(new AppError('up', 502, 'Upstream down', 'internal host db-7:5432'))).not.toHaveProperty('detail');
    expect(toProblem(new AppError('up', 503, 'Upstream refused us', 'delete /data/keys and re-enroll', { exposeDetail: true }))).toMatchObject({ status: 503, detail: 'delete /data/keys and re-enroll' });
  });

  it('ok/an unknown error is a 500 without detail', () => {
    expect(toProblem(new Error('secret stack'))).toEqual({ type: 'urn:certlab:problem:internal', title: 'Internal Server Error', status: 500, code: 'internal' });
  });
});
