import { nextLink, scoresUrl } from './ags.client';
import { isGradable, retryDelayMs, timestampToSend } from './passback.policy';
import { retryAfterSeconds } from '../http/boundedBody';

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

describe('scoresUrl', () => {
  it('adds /scores to the path and keeps Moodle’s query string', () => {
    expect(scoresUrl('https://moodle.example.org/mod/lti/services.php/2/lineitems/2/lineitem?type_id=1')).toBe('https://moodle.example.org/mod/lti/services.php/2/lineitems/2/lineitem/scores?type_id=1');
  });
  it('handles a trailing slash and a URL without a query (Canvas)', () => {
    expect(scoresUrl('https://canvas.example.edu/api/lti/courses/1/line_items/7/')).toBe('https://canvas.example.edu/api/lti/courses/1/line_items/7/scores');
    expect(scoresUrl('https://canvas.example.edu/api/lti/courses/1/line_items/7')).toBe('https://canvas.example.edu/api/lti/courses/1/line_items/7/scores');
  });
});

describe('nextLink', () => {
  it('finds rel="next" among several links and ignores the others', () => {
    expect(nextLink('<https://lms/x?page=1>; rel="first", <https://lms/x?page=3>; rel="next"')).toBe('https://lms/x?page=3');
    expect(nextLink('<https://lms/x?page=1>; rel="prev"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});

describe('timestampToSend', () => {
  it('sends the time the score was made when it is in a later second than the last delivered one', () => {
    const at = new Date('2026-11-26T10:00:02.250Z');
    expect(timestampToSend(at, new Date('2026-11-26T10:00:01.900Z'))).toBe(at);
    expect(timestampToSend(at, null)).toBe(at);
  });
  it('moves a same-second correction to the next whole second (Moodle compares seconds)', () => {
    expect(timestampToSend(new Date('2026-11-26T10:00:01.950Z'), new Date('2026-11-26T10:00:01.100Z')).toISOString()).toBe('2026-11-26T10:00:02.000Z');
  });
});

describe('isGradable', () => {
  it('is true for an active learner in any role form (URI, short name, LTI 1.1 URN)', () => {
    expect(isGradable([`${M}Learner`], 'active')).toBe(true);
    expect(isGradable(['Learner'], 'active')).toBe(true);
    expect(isGradable(['urn:lti:role:ims/lis/Learner'], 'active')).toBe(true);
  });
  it('is false for instructors, Canvas’s test student, people who left, and unknown members', () => {
    expect(isGradable([`${M}Instructor`], 'active')).toBe(false);
    expect(isGradable([`${M}Learner`, 'http://purl.imsglobal.org/vocab/lti/system/person#TestUser'], 'active')).toBe(false);
    expect(isGradable([`${M}Learner`], 'inactive')).toBe(false);
    expect(isGradable(null, null)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('doubles the delay per attempt, with jitter between 1× and 2×', () => {
    const o = { delaySeconds: 10, backoff: true, retryAfterSeconds: null };
    expect([1, 2, 3].map((n) => retryDelayMs(n, o, () => 0))).toEqual([10_000, 20_000, 40_000]);
    expect(retryDelayMs(3, o, () => 0.999)).toBe(79_960);
  });
  it('waits at least as long as the platform’s Retry-After, and never more than six hours', () => {
    expect(retryDelayMs(1, { delaySeconds: 1, backoff: true, retryAfterSeconds: 120 }, () => 0)).toBe(120_000);
    expect(retryDelayMs(30, { delaySeconds: 10, backoff: true, retryAfterSeconds: null }, () => 0)).toBe(6 * 3600_000);
    expect(retryDelayMs(5, { delaySeconds: 2, backoff: false, retryAfterSeconds: null })).toBe(2000);
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds('Thu, 26 Nov 2026 10:01:00 GMT', Date.parse('2026-11-26T10:00:00Z'))).toBe(60);
    expect(retryAfterSeconds('soon')).toBeNull();
    expect(retryAfterSeconds(null)).toBeNull();
  });
});
