import { describe, expect, it } from 'vitest';
import { loginPathFor, safeRedirectTarget } from './redirect';

describe('safeRedirectTarget', () => {
  it.each([
    ['ok/a console path', '/devices', '/devices'],
    ['ok/a path with a query', '/profiles?view=scep', '/profiles?view=scep'],
    ['fail/missing', null, '/'],
    ['fail/another site', 'https://evil.example/', '/'],
    ['fail/protocol-relative', '//evil.example/', '/'],
    ['fail/backslash trick', '/\\evil.example', '/'],
    ['fail/the sign-in page itself', '/login', '/'],
  ])('%s', (_name, value, expected) => {
    expect(safeRedirectTarget(value)).toBe(expected);
  });
});

describe('loginPathFor', () => {
  it('remembers the page that was asked for', () => {
    expect(loginPathFor({ pathname: '/audit', search: '?page=2', hash: '' })).toBe('/login?redirectTo=%2Faudit%3Fpage%3D2');
  });

  it('adds nothing for Home', () => {
    expect(loginPathFor({ pathname: '/', search: '', hash: '' })).toBe('/login');
  });
});
