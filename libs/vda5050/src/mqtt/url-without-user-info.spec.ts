import { withoutUserInfo } from './url-without-user-info';

describe('a URL shown without its user info', () => {
  it.each([
    ['mqtt://user:s3cret@broker.local:1883', 'mqtt://broker.local:1883'],
    ['mqtts://opiekun:pa@ss/word@10.0.0.5:8883', 'mqtts://10.0.0.5:8883'],
    ['wss://only-user@broker/mqtt', 'wss://broker/mqtt'],
    ['user:s3cret@broker:1883', 'broker:1883'],
    ['mqtt://127.0.0.1:1883', 'mqtt://127.0.0.1:1883'],
    ['localhost', 'localhost'],
  ])('%s → %s', (url, shown) => {
    expect(withoutUserInfo(url)).toBe(shown);
    expect(withoutUserInfo(url)).not.toMatch(/s3cret|pa@ss|only-user/);
  });
});
