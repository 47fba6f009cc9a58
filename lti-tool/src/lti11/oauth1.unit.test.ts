import HmacSha1 from 'ims-lti/lib/hmac-sha1';
import { authorizationHeader, bodyHash, parseAuthorizationHeader, queryParams, signatureBaseString, signedBodyHeader, signForm, hmacSha1Signature } from './oauth1';

describe('OAuth 1.0a HMAC-SHA1 signing', () => {
  it('builds the signature base string of RFC 5849 section 3.4.1.1 exactly (encoded names sorted, then values)', () => {
    const url = 'http://EXAMPLE.COM:80/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b';
    const header = {
      oauth_consumer_key: '9djdj82h48djs9d2',
      oauth_token: 'kkk9d7dh3k39sjv7',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '137131201',
      oauth_nonce: '7d8f3e4a',
      oauth_signature: 'ignored',
      realm: 'Example',
    };
    const body = { c2: '', a3: '2 q' };
    expect(signatureBaseString('post', url, header, body, queryParams(url))).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26' +
        'oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('agrees with ims-lti on ordinary launches, and differs where ims-lti sorts "name=value" strings (custom_a before custom_a1)', () => {
    const url = 'https://tool.example/lti/1p1/launch';
    const ordinary = { user_id: '42', roles: 'Instructor', context_id: 'c-1', oauth_nonce: 'n', lis_person_name_full: "O'Brien (Ann)*" };
    expect(hmacSha1Signature(signatureBaseString('POST', url, ordinary), 's3cret')).toBe(new HmacSha1().build_signature_raw(url, { query: {} }, 'POST', ordinary, 's3cret'));
    const prefixed = { custom_a: 'x', custom_a1: 'y' };
    // RFC 5849 3.4.1.3.2 sorts by name: custom_a < custom_a1. Moodle (OAuthUtil::build_http_query) and Canvas (oauth gem) do so.
    expect(signatureBaseString('POST', url, prefixed)).toMatch(/&custom_a%3Dx%26custom_a1%3Dy$/);
    expect(hmacSha1Signature(signatureBaseString('POST', url, prefixed), 's3cret')).not.toBe(new HmacSha1().build_signature_raw(url, { query: {} }, 'POST', prefixed, 's3cret'));
  });

  it('signs a form that verifies with the same base string, and fails with another secret', () => {
    const url = 'https://tool.example/lti/1p1/launch';
    const signed = signForm(url, { user_id: '7', roles: 'Learner' }, { key: 'k', secret: 'right-secret' });
    const { oauth_signature: signature, ...rest } = signed;
    expect(signature).toBe(hmacSha1Signature(signatureBaseString('POST', url, rest), 'right-secret'));
    expect(signature).not.toBe(hmacSha1Signature(signatureBaseString('POST', url, rest), 'wrong-secret'));
  });

  it('round-trips an Authorization header with percent-encoded values, and rejects what is not one', () => {
    const params = { oauth_consumer_key: 'key with space', oauth_signature: 'a+b/c=' };
    expect(parseAuthorizationHeader(authorizationHeader(params))).toEqual({ realm: '', ...params });
    expect(parseAuthorizationHeader('Bearer abc')).toBeNull();
    expect(parseAuthorizationHeader(undefined)).toBeNull();
    expect(parseAuthorizationHeader('OAuth oauth_nonce="%E0%A4%A"')).toBeNull();
  });

  it('signs a body with oauth_body_hash (base64 SHA-1 of the bytes) covered by the signature', () => {
    const url = 'https://lms.example/mod/lti/service.php?type=1';
    const header = parseAuthorizationHeader(signedBodyHeader(url, '<xml>é</xml>', { key: 'k', secret: 'outcome-secret' }))!;
    expect(header.oauth_body_hash).toBe(bodyHash(Buffer.from('<xml>é</xml>', 'utf8')));
    expect(header.oauth_signature).toBe(hmacSha1Signature(signatureBaseString('POST', url, header, queryParams(url)), 'outcome-secret'));
  });
});
