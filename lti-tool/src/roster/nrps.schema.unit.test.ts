import { nextLinkTarget, parseMembershipPage } from './nrps.schema';

describe('reading NRPS answers', () => {
  it.each([
    ['a Moodle-style next link', '<https://moodle.example.org/mod/lti/services.php/CourseSection/2/bindings/1/memberships?limit=50&from=50>; rel="next"', 'https://moodle.example.org/mod/lti/services.php/CourseSection/2/bindings/1/memberships?limit=50&from=50'],
    ['next among other relations, with a comma in a URL', '<https://lms.example/m?ids=1,2>; rel="differences", <https://lms.example/m?page=2>; rel=next', 'https://lms.example/m?page=2'],
    ['a relative next link', '</api/lti/courses/1/names_and_roles?page=2>; rel="next"', '/api/lti/courses/1/names_and_roles?page=2'],
    ['several relations in one rel value', '<https://lms.example/p2>; rel="last next"', 'https://lms.example/p2'],
  ])('finds %s', (_what, header, expected) => {
    expect(nextLinkTarget(header)).toBe(expected);
  });

  it.each([
    ['no Link header', null],
    ['only a differences link', '<https://lms.example/d>; rel="differences"'],
    ['garbage', 'not a link header'],
  ])('finds no next page in %s', (_what, header) => {
    expect(nextLinkTarget(header)).toBeNull();
  });

  it('keeps what the platform shares and treats wrongly typed or absent profile fields as not shared', () => {
    expect(parseMembershipPage({ members: [{ user_id: 'u1', roles: ['Learner', 42], name: 7, email: 'a@b.example', status: 'Inactive' }, { user_id: 'u2' }] })).toEqual({
      members: [
        { userId: 'u1', name: null, givenName: null, familyName: null, email: 'a@b.example', roles: ['Learner'], status: 'inactive' },
        { userId: 'u2', name: null, givenName: null, familyName: null, email: null, roles: [], status: 'active' },
      ],
    });
  });

  it('maps NRPS statuses, with Active as the default and Deleted kept apart', () => {
    const page = parseMembershipPage({ members: [{ user_id: 'a', status: 'Active' }, { user_id: 'b', status: 'Deleted' }, { user_id: 'c', status: 'whatever' }] });
    expect('members' in page && page.members.map((m) => m.status)).toEqual(['active', 'deleted', 'active']);
  });

  it.each([
    ['a body without members', { id: 'x' }, /not an NRPS membership container/],
    ['members that is not a list', { members: 'all' }, /not an NRPS membership container/],
    ['a member without user_id', { members: [{ user_id: 'a' }, { roles: ['Learner'] }] }, /member #2 has no valid user_id/],
    ['a member with an empty user_id', { members: [{ user_id: '' }] }, /member #1 has no valid user_id/],
    ['roles that are not a list', { members: [{ user_id: 'a', roles: 'Learner' }] }, /member #1 has an invalid roles/],
  ])('refuses %s (skipping a member would mark them as having left)', (_what, json, problem) => {
    const page = parseMembershipPage(json);
    expect('problem' in page && page.problem).toMatch(problem);
  });
});
