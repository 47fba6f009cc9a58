import { lmsCourseIdFromCustom, resolveCourseRef } from './courseRef';
import { parseLinkHeader } from './lmsHttp';
import { moodleUsername } from './moodle.adapter';

describe('the LMS course id of a context', () => {
  it.each([
    [{ canvas_course_id: '4242' }, '4242'],
    [{ lms_course_id: ' 17 ' }, '17'],
    [{ lms_course_id: 99 }, '99'],
    [{ canvas_course_id: '$Canvas.course.id' }, null], // an LMS that did not substitute the variable
    [{ canvas_course_id: '12; drop' }, null],
    [{ context_memberships_url: 'https://x' }, null],
    [null, null],
  ])('reads %j from the custom claim as %j', (custom, expected) => {
    expect(lmsCourseIdFromCustom(custom)).toBe(expected);
  });

  it('prefers the custom id, then a numeric context id, then (Canvas only) lti_context_id:', () => {
    expect(resolveCourseRef('canvas', { lmsCourseId: '5', ltiContextId: 'abc' })).toBe('5');
    expect(resolveCourseRef('moodle', { lmsCourseId: null, ltiContextId: '12' })).toBe('12');
    expect(resolveCourseRef('canvas', { lmsCourseId: null, ltiContextId: '4dde05e8ca1973bcca9bffc13e1548820eee93a3' })).toBe('lti_context_id:4dde05e8ca1973bcca9bffc13e1548820eee93a3');
    expect(resolveCourseRef('moodle', { lmsCourseId: null, ltiContextId: 'demo-pl-cohort' })).toBeNull();
  });
});

describe('LMS HTTP details', () => {
  it('parses Canvas Link headers into rel → URL', () => {
    const header = '<https://c.example/api/v1/x?page=2&per_page=10>; rel="next",<https://c.example/api/v1/x?page=1&per_page=10>; rel="current",<https://c.example/api/v1/x?page=5&per_page=10>; rel="last"';
    expect(parseLinkHeader(header)).toEqual({
      next: 'https://c.example/api/v1/x?page=2&per_page=10',
      current: 'https://c.example/api/v1/x?page=1&per_page=10',
      last: 'https://c.example/api/v1/x?page=5&per_page=10',
    });
    expect(parseLinkHeader(null)).toEqual({});
  });

  it('makes Moodle usernames from emails with Moodle’s default character rule', () => {
    expect(moodleUsername('Ana.Perez+PD@District.org')).toBe('ana.perez_pd@district.org');
  });
});
