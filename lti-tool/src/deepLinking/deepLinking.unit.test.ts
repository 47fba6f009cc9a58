import { createItemCatalogue, createStaticItemProvider, type ItemScope, type StaffroomItemProvider } from './deepLinking.items';
import { buildContentItems } from './deepLinking.response';
import { readDeepLinkingSettings } from './deepLinking.schema';

const scope: ItemScope = { contextId: 'c', platformId: 'p', deploymentId: 'd', role: 'admin', contextTitle: 'Maths PLC' };
const RETURN = 'https://lms.example.org/deep-link-return';

describe('readDeepLinkingSettings', () => {
  it('reads Moodle-style settings: links accepted, several items, no data', () => {
    const s = readDeepLinkingSettings({ deep_link_return_url: RETURN, accept_types: ['ltiResourceLink'], accept_multiple: true, accept_presentation_document_targets: ['iframe'] });
    expect(s).toEqual({ returnUrl: RETURN, acceptsLinks: true, acceptMultiple: true, acceptLineItem: undefined, suggestedTitle: null, hasData: false, data: undefined });
  });

  it('treats a missing accept_multiple as one item, and "false"/"true" strings as booleans', () => {
    expect(readDeepLinkingSettings({ deep_link_return_url: RETURN, accept_types: ['ltiResourceLink'] })!.acceptMultiple).toBe(false);
    expect(readDeepLinkingSettings({ deep_link_return_url: RETURN, accept_types: [], accept_multiple: 'true', accept_lineitem: 'false' })).toMatchObject({ acceptMultiple: true, acceptLineItem: false });
  });

  it('keeps data exactly, including null and objects', () => {
    expect(readDeepLinkingSettings({ deep_link_return_url: RETURN, accept_types: [], data: null })).toMatchObject({ hasData: true, data: null });
    expect(readDeepLinkingSettings({ deep_link_return_url: RETURN, accept_types: [], data: { a: [1] } })).toMatchObject({ hasData: true, data: { a: [1] } });
  });

  it('ignores wrongly typed optional settings instead of trusting them', () => {
    expect(readDeepLinkingSettings({ deep_link_return_url: RETURN, accept_types: 'ltiResourceLink', accept_multiple: 7, title: 5 })).toMatchObject({ acceptsLinks: false, acceptMultiple: false, suggestedTitle: null });
  });

  it.each([null, {}, { deep_link_return_url: 'javascript:alert(1)' }, { deep_link_return_url: 'data:text/html,x' }, { deep_link_return_url: 'not a url' }])('refuses unusable settings %j', (raw) => {
    expect(readDeepLinkingSettings(raw)).toBeNull();
  });
});

describe('the item catalogue', () => {
  const cohorts: StaffroomItemProvider = {
    list: async () => [{ id: 'cohort:1', title: 'Cohort 1', description: 'd', custom: { staffroom_cohort_id: '1' }, lineItem: null }],
    find: async (_s, id) => (id === 'cohort:1' ? (await cohorts.list(scope))[0]! : null),
  };
  const catalogue = createItemCatalogue([createStaticItemProvider(), cohorts]);

  it('lists the static destinations first, then what later providers add', async () => {
    expect((await catalogue.list(scope)).map((i) => i.id)).toEqual(['home', 'my-learning', 'competencies', 'feedback-queue', 'cohort:1']);
  });

  it.each([
    [null, null],
    [{}, null],
    [{ staffroom_item: '' }, null],
    [{ staffroom_item: 42 }, null],
    [{ staffroom_item: 'my-learning' }, { item: 'my-learning' }],
    [{ staffroom_item: 'cohort:1' }, { item: 'cohort:1' }],
    [{ staffroom_item: 'module:gone' }, { item: 'home' }],
    [{ staffroom_item: 'x'.repeat(500) }, { item: 'home' }],
  ])('a launch with custom %j opens %j', async (custom, target) => {
    expect(await catalogue.target(scope, custom)).toEqual(target);
  });
});

describe('buildContentItems', () => {
  it('puts the provider’s custom parameters next to staffroom_item, which always wins', async () => {
    const item = { id: 'cohort:1', title: 'C', description: 'd', custom: { staffroom_cohort_id: '1', staffroom_item: 'forged' }, lineItem: null };
    expect(buildContentItems([{ item, title: 'C' }], { launchUrl: 'https://tool/lti/launch', acceptLineItem: undefined })[0]!.custom).toEqual({ staffroom_cohort_id: '1', staffroom_item: 'cohort:1' });
  });
});
