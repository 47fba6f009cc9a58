import { formatScore, poxResponse, readPoxRequest, readPoxResponse, replaceResultRequest } from './pox';

describe('LTI 1.1 Basic Outcomes POX messages', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [0.85, '0.85'],
    [1 / 3, '0.333333'],
    [1e-7, '0'],
    [0.0000015, '0.000002'],
  ])('writes the score %p as the decimal %p (never exponent notation)', (score, text) => {
    expect(formatScore(score)).toBe(text);
  });

  it('builds a replaceResultRequest that reads back with its message id, sourcedId (escaped) and score', async () => {
    const sourcedId = '{"data":{"userid":"3"},"hash":"a<b&c"}';
    const xml = replaceResultRequest({ messageId: 'm-1', sourcedId, score: 0.5 });
    expect(xml).toContain('xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"');
    expect(await readPoxRequest(xml)).toEqual({ operation: 'replaceResultRequest', messageId: 'm-1', sourcedId, scoreText: '0.5' });
  });

  it('reads codeMajor and description from a response, with or without a namespace prefix', async () => {
    const plain = poxResponse({ codeMajor: 'failure', description: 'Invalid sourcedid', messageId: 'r', refMessageId: 'm', operation: 'replaceResultRequest' });
    expect(await readPoxResponse(plain)).toEqual({ codeMajor: 'failure', description: 'Invalid sourcedid' });
    const prefixed =
      '<?xml version="1.0"?><ims:imsx_POXEnvelopeResponse xmlns:ims="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"><ims:imsx_POXHeader>' +
      '<ims:imsx_POXResponseHeaderInfo><ims:imsx_statusInfo><ims:imsx_codeMajor> Success </ims:imsx_codeMajor></ims:imsx_statusInfo>' +
      '</ims:imsx_POXResponseHeaderInfo></ims:imsx_POXHeader></ims:imsx_POXEnvelopeResponse>';
    expect(await readPoxResponse(prefixed)).toEqual({ codeMajor: 'success', description: null });
  });

  it.each([
    ['an HTML page', '<!doctype html><html><body><h1>Log in</h1></body></html>'],
    ['JSON', '{"status":"ok"}'],
    ['an empty body', ''],
    ['XML of another kind', '<?xml version="1.0"?><error>nope</error>'],
    ['a request instead of a response', replaceResultRequest({ messageId: 'm', sourcedId: 's', score: 1 })],
  ])('does not mistake %s for an outcomes response', async (_what, body) => {
    expect(await readPoxResponse(body)).toBeNull();
  });
});
