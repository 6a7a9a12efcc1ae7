import { DomainErrorCode } from '@opiekun/domain';
import { fhirBaseUrl } from './fhir-base-url';

const from = (host: string | undefined, localAddress = '10.0.0.5', localPort = 3000) => fhirBaseUrl({ protocol: 'http', host, localAddress, localPort });

describe('the FHIR base URL', () => {
  it.each([
    ['api.example.org', 'http://api.example.org/fhir'],
    ['api.example.org:8443', 'http://api.example.org:8443/fhir'],
    ['127.0.0.1:3000', 'http://127.0.0.1:3000/fhir'],
    ['[::1]:3000', 'http://[::1]:3000/fhir'],
    ['opiekun_api', 'http://opiekun_api/fhir'],
  ])('takes the Host %s', (host, base) => {
    expect(from(host)).toBe(base);
  });

  it.each(['a b', 'example.org/x', 'user@example.org', 'example.org:0', 'example.org:65536', 'example.org:', '-bad.org', 'a..b', `${'a'.repeat(64)}.org`, '[::1'])(
    'refuses the Host %p naming it',
    (host) => {
      expect(() => from(host)).toThrow(expect.objectContaining({ code: DomainErrorCode.InvalidArgument, target: 'host', message: expect.stringMatching(/^Host: .* is not a host name or IP address/) }));
    },
  );

  it('without a Host (HTTP/1.0, or an empty one), names the address the request reached', () => {
    expect(from(undefined)).toBe('http://10.0.0.5:3000/fhir');
    expect(from('')).toBe('http://10.0.0.5:3000/fhir');
    expect(from(undefined, '::ffff:192.168.1.9', 8080)).toBe('http://192.168.1.9:8080/fhir');
    expect(from(undefined, 'fe80::1', 8080)).toBe('http://[fe80::1]:8080/fhir');
  });
});
