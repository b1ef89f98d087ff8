import { targetUrlProblem } from './target-url.js';

describe('webhook target URLs', () => {
  test.each(['https://hooks.example.com/redaksi', 'http://site.example.id:8080/hooks?source=redaksi', 'https://93.184.216.34/hook'])(
    'accepts %s',
    (url) => {
      expect(targetUrlProblem(url, false)).toBeUndefined();
    },
  );

  test.each([
    ['not a url', 'absolute'],
    ['ftp://example.com/hook', 'http or https'],
    ['https://user:pass@example.com/hook', 'credentials'],
    ['https://example.com/hook#part', 'fragment'],
    ['http://127.0.0.1:9000/hook', 'loopback'],
    ['http://localhost/hook', 'loopback'],
    ['http://10.1.2.3/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'private'],
    ['http://[::1]/hook', 'loopback'],
    ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['http://[fd00::1]/hook', 'private'],
  ])('rejects %s', (url, why) => {
    expect(targetUrlProblem(url, false)).toContain(why);
  });

  test('allows loopback and private targets when configured (tests, on-premises receivers)', () => {
    expect(targetUrlProblem('http://127.0.0.1:9000/hook', true)).toBeUndefined();
    expect(targetUrlProblem('ftp://127.0.0.1/hook', true)).toBeDefined();
  });
});
