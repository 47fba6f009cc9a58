import { errorDetail } from './platformHttp';

describe('errorDetail: what a platform said when it refused', () => {
  it('reads OAuth error bodies (error_description first)', () => {
    expect(errorDetail('{"error":"invalid_client_metadata","error_description":"domain is required"}')).toBe('domain is required: invalid_client_metadata');
  });

  it("reads Canvas's errors list", () => {
    expect(errorDetail('{"errors":[{"field":"scopes","message":"cannot contain openid"}]}')).toBe('{"field":"scopes","message":"cannot contain openid"}');
  });

  it("keeps Moodle's plain-text messages", () => {
    expect(errorDetail('missing required attribute domain')).toBe('missing required attribute domain');
  });

  it('keeps only the words of an HTML error page, cut to 300 characters', () => {
    expect(errorDetail('<html><body><h1>502</h1><p>Bad   gateway</p></body></html>')).toBe('502 Bad gateway');
    expect(errorDetail('x'.repeat(1000))).toHaveLength(301);
  });
});
