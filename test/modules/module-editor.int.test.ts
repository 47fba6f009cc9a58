import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';
import { call, courseWithCohort, launchInto, otherPlatform, person, publishModule, threeSteps, type Who } from './moduleFlow';

// The machine may be busy (several suites at once): start-up and launches get room, tests assert no timings.
jest.setTimeout(300_000);

describe('module editor API', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teacher: Who;
  let cohortId: string;
  const base = () => `/api/cohorts/${cohortId}/modules`;

  beforeAll(async () => {
    tool = await startTestTool();
    const course = await courseWithCohort(tool, 'editor-course');
    ({ admin, lead, cohortId } = course);
    teacher = course.teachers[0];
  });
  afterAll(async () => {
    await tool.stop();
  });

  it('creates an unpublished module with an empty draft (201) that participants do not see', async () => {
    const created = await call(tool, 'POST', base(), admin, { title: 'Getting started', summary: 'First steps', pdMinutes: 45 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Getting started', number: 1, hasUnpublishedChanges: true, basedOnVersion: null, pdMinutes: 45, unlockRule: 'open', steps: [] });
    const forAdmin = await call(tool, 'GET', base(), admin);
    expect(forAdmin.body.modules.map((m: { id: string }) => m.id)).toContain(created.body.moduleId);
    const forTeacher = await call(tool, 'GET', base(), teacher);
    expect(forTeacher.status).toBe(200);
    expect(forTeacher.body.modules.map((m: { id: string }) => m.id)).not.toContain(created.body.moduleId);
  });

  it('adds steps of every kind, renders their Markdown and answers 400 naming the field for bad content, changing nothing', async () => {
    const { body: m } = await call(tool, 'POST', base(), admin, { title: 'All kinds' });
    const url = `${base()}/${m.moduleId}/draft/steps`;
    const kinds = [
      { kind: 'read', title: 'Read', estimatedMinutes: 5, content: { markdown: '# Hello\n\nSee https://example.org', videos: ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://vimeo.com/76979871'] } },
      { kind: 'reflect', title: 'Reflect', estimatedMinutes: 10, content: { prompt: 'What *changed*?', visibility: 'private' } },
      { kind: 'audition', title: 'Audition', estimatedMinutes: 20, content: { auditionId: null } },
      { kind: 'checkpoint', title: 'Meet', estimatedMinutes: 30, content: { date: '2026-12-01T15:30:00+00:00', linkUrl: 'https://meet.example.org/x' } },
      { kind: 'inquiry', title: 'Inquiry', estimatedMinutes: 60, content: { question: 'How might we…?' } },
    ];
    for (const step of kinds) expect((await call(tool, 'POST', url, admin, step)).status).toBe(201);
    const draft = (await call(tool, 'GET', `${base()}/${m.moduleId}/draft`, admin)).body;
    expect(draft.steps.map((s: { kind: string }) => s.kind)).toEqual(['read', 'reflect', 'audition', 'checkpoint', 'inquiry']);
    expect(draft.estimatedMinutes).toBe(125);
    expect(draft.steps[0].display.html).toContain('<h1>Hello</h1>');
    expect(draft.steps[0].display.html).toContain('<a href="https://example.org" target="_blank" rel="noopener noreferrer nofollow">');
    expect(draft.steps[0].display.videos).toEqual([
      { provider: 'youtube', videoId: 'dQw4w9WgXcQ', watchUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', embedUrl: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' },
      { provider: 'vimeo', videoId: '76979871', watchUrl: 'https://vimeo.com/76979871', embedUrl: 'https://player.vimeo.com/video/76979871' },
    ]);
    expect(draft.steps[0].content).toEqual({ markdown: '# Hello\n\nSee https://example.org', videos: ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://vimeo.com/76979871'] });
    expect(draft.steps[4].display.stages).toEqual(['plan', 'enquire', 'implement', 'review']);

    const bad = [
      [{ kind: 'checkpoint', title: 'Meet', estimatedMinutes: 30, content: { linkUrl: 'javascript:alert(1)' } }, 'content.linkUrl'],
      [{ kind: 'read', title: 'Read', estimatedMinutes: 5, content: { markdown: 'x', videos: ['https://evil.example/video.mp4'] } }, 'content.videos.0'],
      [{ kind: 'read', title: 'Read', estimatedMinutes: 0, content: { markdown: 'x' } }, 'estimatedMinutes'],
      [{ kind: 'read', title: 'Read', estimatedMinutes: 601, content: { markdown: 'x' } }, 'estimatedMinutes'],
      [{ kind: 'reflect', title: 'R', estimatedMinutes: 5, content: { prompt: 'x', visibility: 'everyone' } }, 'content.visibility'],
      [{ kind: 'audition', title: 'A', estimatedMinutes: 5, content: { auditionId: 'not-a-uuid' } }, 'content.auditionId'],
      [{ kind: 'poll', title: 'P', estimatedMinutes: 5 }, 'kind'],
      [{ kind: 'read', title: '', estimatedMinutes: 5, content: { markdown: 'x' } }, 'title'],
    ] as const;
    for (const [step, field] of bad) {
      const answer = await call(tool, 'POST', url, admin, step);
      expect({ status: answer.status, id: answer.body.error.id }).toEqual({ status: 400, id: 'validation_failed' });
      expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await call(tool, 'GET', `${base()}/${m.moduleId}/draft`, admin)).body.steps).toHaveLength(5);
  });

  it('edits, reorders and removes draft steps; a wrong order is 422 and an unknown step 404', async () => {
    const { body: m } = await call(tool, 'POST', base(), admin, { title: 'Order' });
    const url = `${base()}/${m.moduleId}/draft/steps`;
    for (const s of threeSteps) await call(tool, 'POST', url, admin, s);
    const ids = (await call(tool, 'GET', `${base()}/${m.moduleId}/draft`, admin)).body.steps.map((s: { stepId: string }) => s.stepId);
    const reordered = await call(tool, 'PUT', `${url}/order`, admin, { stepIds: [ids[2], ids[0], ids[1]] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.steps.map((s: { stepId: string }) => s.stepId)).toEqual([ids[2], ids[0], ids[1]]);
    expect((await call(tool, 'PUT', `${url}/order`, admin, { stepIds: [ids[0], ids[1]] })).body.error.id).toBe('order_mismatch');
    const edited = await call(tool, 'PATCH', `${url}/${ids[0]}`, admin, { title: 'Read this first', content: { markdown: 'New **text**' } });
    expect(edited.status).toBe(200);
    expect(edited.body.steps.find((s: { stepId: string }) => s.stepId === ids[0])).toMatchObject({ title: 'Read this first', display: { html: '<p>New <strong>text</strong></p>\n' } });
    const inserted = await call(tool, 'POST', url, admin, { kind: 'read', title: 'Inserted', estimatedMinutes: 3, content: { markdown: 'x' }, position: 0 });
    expect(inserted.body.steps[0].title).toBe('Inserted');
    const removed = await call(tool, 'DELETE', `${url}/${ids[1]}`, admin);
    expect(removed.body.steps.map((s: { stepId: string }) => s.stepId)).not.toContain(ids[1]);
    expect(removed.body.steps.map((s: { position: number }) => s.position)).toEqual([0, 1, 2]);
    expect((await call(tool, 'DELETE', `${url}/${ids[1]}`, admin)).status).toBe(404);
    expect((await call(tool, 'PATCH', `${url}/not-a-uuid`, admin, { title: 'x' })).status).toBe(404);
  });

  it('publishes (version 1), refuses an empty module (422) and a publish with nothing new (409)', async () => {
    const { body: empty } = await call(tool, 'POST', base(), admin, { title: 'Empty' });
    expect((await call(tool, 'POST', `${base()}/${empty.moduleId}/publish`, admin)).body.error.id).toBe('module_empty');
    const { moduleId } = await publishModule(tool, admin, cohortId, { title: 'Published', steps: threeSteps });
    const again = await call(tool, 'POST', `${base()}/${moduleId}/publish`, admin);
    expect({ status: again.status, id: again.body.error.id }).toEqual({ status: 409, id: 'nothing_to_publish' });
    const outline = (await call(tool, 'GET', base(), teacher)).body.modules.find((m: { id: string }) => m.id === moduleId);
    expect(outline).toMatchObject({ title: 'Published', published: { number: 1 }, draft: null, canEdit: false });
  });

  it('keeps edits in a draft (version 2) that teachers do not see until it is published', async () => {
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Versioned', pdMinutes: 30, steps: threeSteps });
    await call(tool, 'PATCH', `${base()}/${moduleId}/draft`, admin, { title: 'Versioned (revised)', pdMinutes: 40 });
    await call(tool, 'DELETE', `${base()}/${moduleId}/draft/steps/${stepIds[1]}`, admin);
    const draft = (await call(tool, 'GET', `${base()}/${moduleId}/draft`, admin)).body;
    expect(draft).toMatchObject({ number: 2, basedOnVersion: 1, hasUnpublishedChanges: true, title: 'Versioned (revised)', pdMinutes: 40 });
    expect(draft.steps.map((s: { stepId: string }) => s.stepId)).toEqual([stepIds[0], stepIds[2]]); // step ids survive the copy

    const player = (await call(tool, 'GET', `${base()}/${moduleId}`, teacher)).body;
    expect(player.module).toMatchObject({ title: 'Versioned', pdMinutes: 30, versionNumber: 1 });
    expect(player.steps).toHaveLength(3);
    const preview = (await call(tool, 'GET', `${base()}/${moduleId}/draft/preview`, admin)).body;
    expect(preview).toMatchObject({ preview: true, module: { title: 'Versioned (revised)', versionNumber: 2 } });
    expect(preview.steps.map((s: { progress: { status: string } }) => s.progress.status)).toEqual(['not_started', 'not_started']);

    const published = await call(tool, 'POST', `${base()}/${moduleId}/publish`, admin);
    expect(published.body).toMatchObject({ hasUnpublishedChanges: false, basedOnVersion: 2, title: 'Versioned (revised)' });
    const after = (await call(tool, 'GET', `${base()}/${moduleId}`, teacher)).body;
    expect(after.module).toMatchObject({ title: 'Versioned (revised)', pdMinutes: 40, versionNumber: 2 });
    const versions = await tool.db('module_versions').where({ module_id: moduleId }).orderBy('number');
    expect(versions.map((v) => v.status)).toEqual(['superseded', 'published']);
  });

  it('discards a draft, leaving the published version as it was', async () => {
    const { moduleId } = await publishModule(tool, admin, cohortId, { title: 'Keep me', steps: threeSteps });
    await call(tool, 'PATCH', `${base()}/${moduleId}/draft`, admin, { title: 'Scrap this' });
    const discarded = await call(tool, 'DELETE', `${base()}/${moduleId}/draft`, admin);
    expect(discarded.body).toMatchObject({ hasUnpublishedChanges: false, title: 'Keep me' });
    expect((await call(tool, 'DELETE', `${base()}/${moduleId}/draft`, admin)).status).toBe(409);
  });

  it('reorders and archives modules; archived modules disappear for teachers and come back when restored', async () => {
    const c = await buildCohort(tool.db, admin.contextId);
    const a = await publishModule(tool, admin, c, { title: 'A', steps: threeSteps });
    const b = await publishModule(tool, admin, c, { title: 'B', steps: threeSteps });
    const order = await call(tool, 'PUT', `/api/cohorts/${c}/modules/order`, admin, { moduleIds: [b.moduleId, a.moduleId] });
    expect(order.status).toBe(200);
    expect((await call(tool, 'GET', `/api/cohorts/${c}/modules`, teacher)).body.modules.map((m: { title: string }) => m.title)).toEqual(['B', 'A']);
    expect((await call(tool, 'PUT', `/api/cohorts/${c}/modules/order`, admin, { moduleIds: [a.moduleId] })).status).toBe(422);
    const archived = await call(tool, 'PATCH', `/api/cohorts/${c}/modules/${b.moduleId}`, admin, { archived: true, reportsToGradebook: true });
    expect(archived.body).toMatchObject({ archived: true, reportsToGradebook: true });
    expect((await call(tool, 'GET', `/api/cohorts/${c}/modules`, teacher)).body.modules.map((m: { title: string }) => m.title)).toEqual(['A']);
    expect((await call(tool, 'GET', `/api/cohorts/${c}/modules/${b.moduleId}`, teacher)).status).toBe(404);
    await call(tool, 'PATCH', `/api/cohorts/${c}/modules/${b.moduleId}`, admin, { archived: false });
    expect((await call(tool, 'GET', `/api/cohorts/${c}/modules`, teacher)).body.modules.map((m: { title: string }) => m.title)).toEqual(['A', 'B']);
  });

  it('answers 409 cohort_archived to edits of an archived cohort’s modules, which stay readable', async () => {
    const c = await buildCohort(tool.db, admin.contextId);
    const { moduleId } = await publishModule(tool, admin, c, { title: 'Frozen', steps: threeSteps });
    await tool.db('cohorts').where({ id: c }).update({ status: 'archived' });
    const attempts = [
      await call(tool, 'POST', `/api/cohorts/${c}/modules`, admin, { title: 'New' }),
      await call(tool, 'PATCH', `/api/cohorts/${c}/modules/${moduleId}/draft`, admin, { title: 'Thawed' }),
      await call(tool, 'PATCH', `/api/cohorts/${c}/modules/${moduleId}`, admin, { archived: true }),
    ];
    expect(attempts.map((r) => [r.status, r.body.error.id])).toEqual([[409, 'cohort_archived'], [409, 'cohort_archived'], [409, 'cohort_archived']]);
    expect((await call(tool, 'GET', `/api/cohorts/${c}/modules/${moduleId}`, teacher)).body.module.title).toBe('Frozen');
  });

  describe('who may edit', () => {
    it('answers 403 when a participant or a lead tries to create, edit, preview or publish a module, and changes nothing', async () => {
      const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Guarded', steps: threeSteps });
      for (const who of [teacher, lead]) {
        const attempts = [
          await call(tool, 'POST', base(), who, { title: 'Mine' }),
          await call(tool, 'PUT', `${base()}/order`, who, { moduleIds: [moduleId] }),
          await call(tool, 'PATCH', `${base()}/${moduleId}`, who, { archived: true }),
          await call(tool, 'GET', `${base()}/${moduleId}/draft`, who),
          await call(tool, 'GET', `${base()}/${moduleId}/draft/preview`, who),
          await call(tool, 'PATCH', `${base()}/${moduleId}/draft`, who, { title: 'Hacked' }),
          await call(tool, 'POST', `${base()}/${moduleId}/draft/steps`, who, threeSteps[0]),
          await call(tool, 'PATCH', `${base()}/${moduleId}/draft/steps/${stepIds[0]}`, who, { title: 'Hacked' }),
          await call(tool, 'DELETE', `${base()}/${moduleId}/draft/steps/${stepIds[0]}`, who),
          await call(tool, 'POST', `${base()}/${moduleId}/publish`, who),
        ];
        expect(attempts.map((r) => [r.status, r.body.error.id])).toEqual(attempts.map(() => [403, 'forbidden']));
      }
      expect(await tool.db('module_versions').where({ module_id: moduleId, status: 'draft' })).toHaveLength(0);
      expect((await tool.db('modules').where({ id: moduleId }).first()).archived_at).toBeNull();
    });

    it('lets a facilitator edit and publish their own module only (403 for others and for creating modules)', async () => {
      const mine = await publishModule(tool, admin, cohortId, { title: 'Facilitated', steps: threeSteps });
      const other = await publishModule(tool, admin, cohortId, { title: 'Not facilitated', steps: threeSteps });
      await tool.db('cohort_facilitators').insert({ cohort_id: cohortId, user_id: teacher.userId, module_id: mine.moduleId });
      expect((await call(tool, 'PATCH', `${base()}/${mine.moduleId}/draft`, teacher, { summary: 'Hosted by Tess' })).status).toBe(200);
      expect((await call(tool, 'POST', `${base()}/${mine.moduleId}/publish`, teacher)).status).toBe(200);
      expect((await call(tool, 'PATCH', `${base()}/${other.moduleId}/draft`, teacher, { summary: 'x' })).status).toBe(403);
      expect((await call(tool, 'POST', base(), teacher, { title: 'New' })).status).toBe(403);
      const outline = (await call(tool, 'GET', base(), teacher)).body.modules;
      expect(outline.find((m: { id: string }) => m.id === mine.moduleId).canEdit).toBe(true);
      expect(outline.find((m: { id: string }) => m.id === other.moduleId).canEdit).toBe(false);
    });

    it('answers 404 to another course’s admin (same deployment) guessing the cohort id, and 404 for a module of another cohort', async () => {
      const { moduleId } = await publishModule(tool, admin, cohortId, { title: 'Private to the course', steps: threeSteps });
      const outsider = await launchInto(tool, person('outsider-admin', 'Olly Outsider', 'admin'), 'another-course');
      const attempts = [
        await call(tool, 'GET', base(), outsider),
        await call(tool, 'POST', base(), outsider, { title: 'Intrude' }),
        await call(tool, 'GET', `${base()}/${moduleId}/draft`, outsider),
        await call(tool, 'PATCH', `${base()}/${moduleId}/draft`, outsider, { title: 'Intrude' }),
        await call(tool, 'POST', `${base()}/${moduleId}/publish`, outsider),
      ];
      expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
      const theirs = await buildCohort(tool.db, outsider.contextId);
      expect((await call(tool, 'GET', `/api/cohorts/${theirs}/modules/${moduleId}/draft`, outsider)).status).toBe(404);
    });

    it('answers 404 to another LMS’s admin whose course has the same LMS course id, guessing the cohort and module ids', async () => {
      const { moduleId } = await publishModule(tool, admin, cohortId, { title: 'Not theirs', steps: threeSteps });
      const tenant = await otherPlatform(tool, 'other-lms.example.org');
      const stranger = await launchInto(tool, person('stranger-admin', 'Stella Stranger', 'admin'), 'editor-course', tenant);
      expect(stranger.contextId).not.toBe(admin.contextId);
      const attempts = [
        await call(tool, 'GET', base(), stranger),
        await call(tool, 'GET', `${base()}/${moduleId}`, stranger),
        await call(tool, 'POST', `${base()}/${moduleId}/publish`, stranger),
        await call(tool, 'GET', `/api/cohorts/${cohortId}/progress`, stranger),
      ];
      expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    });

    it('answers 403 to an admin of a partner course in a network cohort (modules belong to the holding course)', async () => {
      const partner = await launchInto(tool, person('partner-admin', 'Pat Partner', 'admin'), 'partner-course');
      const network = await buildCohort(tool.db, admin.contextId, { otherContextIds: [partner.contextId] });
      const { moduleId } = await publishModule(tool, admin, network, { title: 'Shared', steps: threeSteps });
      expect((await call(tool, 'GET', `/api/cohorts/${network}/modules`, partner)).status).toBe(200);
      expect((await call(tool, 'POST', `/api/cohorts/${network}/modules`, partner, { title: 'x' })).status).toBe(403);
      expect((await call(tool, 'PATCH', `/api/cohorts/${network}/modules/${moduleId}/draft`, partner, { title: 'x' })).status).toBe(403);
    });

    it('answers 401 without a session', async () => {
      expect((await call(tool, 'GET', base(), null)).status).toBe(401);
    });
  });
});
