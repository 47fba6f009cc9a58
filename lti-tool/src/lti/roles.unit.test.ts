import { mapRoles, parseRole } from './roles';

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

describe('parseRole', () => {
  it.each([
    [`${M}#Learner`, { scope: 'context', name: 'Learner' }],
    [`${M}/Instructor#TeachingAssistant`, { scope: 'context', name: 'TeachingAssistant', principal: 'Instructor' }],
    ['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator', { scope: 'institution', name: 'Administrator' }],
    ['http://purl.imsglobal.org/vocab/lis/v2/system/person#SysAdmin', { scope: 'system', name: 'SysAdmin' }],
    ['Instructor', { scope: 'context', name: 'Instructor' }],
    ['urn:lti:role:ims/lis/Learner', { scope: 'context', name: 'Learner' }],
    ['urn:lti:instrole:ims/lis/Administrator', { scope: 'institution', name: 'Administrator' }],
    ['urn:lti:role:ims/lis/Instructor/TeachingAssistant', { scope: 'context', name: 'TeachingAssistant', principal: 'Instructor' }],
  ])('parses %s', (raw, expected) => {
    expect(parseRole(raw)).toEqual(expected);
  });

  it('returns null for roles it does not understand', () => {
    expect(parseRole('http://example.com/roles#Wizard')).toBeNull();
    expect(parseRole('http://purl.imsglobal.org/vocab/lti/system/person#TestUser')).toBeNull();
    expect(parseRole('')).toBeNull();
  });
});

describe('mapRoles', () => {
  it.each([
    [[`${M}#Learner`], 'participant'],
    [['Learner'], 'participant'],
    [[`${M}#Instructor`], 'lead'],
    [['Instructor'], 'lead'],
    [[`${M}/Instructor#TeachingAssistant`], 'lead'],
    [[`${M}#Mentor`], 'lead'],
    [[`${M}/Instructor#PrimaryInstructor`], 'lead'],
    [['urn:lti:role:ims/lis/Instructor/PrimaryInstructor'], 'lead'],
    [[`${M}/Learner#GuestLearner`], 'participant'],
    [['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator', `${M}#Instructor`], 'admin'],
    [[`${M}#Administrator`], 'admin'],
    [['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor'], 'participant'],
    [['http://example.com/unknown#Role'], 'participant'],
    [[], 'participant'],
  ])('maps %j to %s', (roles, expected) => {
    expect(mapRoles(roles)).toBe(expected);
  });
});
