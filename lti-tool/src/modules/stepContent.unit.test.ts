import { prepareResponseBody } from './responseBody';
import { contentSource, prepareStepContent, responseRule } from './stepContent';

describe('prepareStepContent', () => {
  it('fills each kind’s defaults and renders its Markdown fields', () => {
    expect(prepareStepContent('checkpoint', {})).toEqual({ ok: true, content: { date: null, linkUrl: null, mode: 'live', agenda: '', agendaHtml: '' } });
    expect(prepareStepContent('inquiry', { question: 'How?' })).toEqual({ ok: true, content: { question: 'How?', questionHtml: '<p>How?</p>\n', visibility: 'cohort' } });
    expect(prepareStepContent('reflect', { prompt: 'Why?' })).toMatchObject({ ok: true, content: { visibility: 'choice', promptHtml: '<p>Why?</p>\n' } });
    expect(prepareStepContent('audition', {})).toMatchObject({ ok: true, content: { auditionId: null } });
  });

  it('names each wrong field under content.', () => {
    const result = prepareStepContent('checkpoint', { linkUrl: 'data:text/html,x', date: 'next tuesday', extra: 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.field).sort()).toEqual(['content', 'content.date', 'content.linkUrl']);
    expect(prepareStepContent('reflect', {})).toMatchObject({ ok: false, issues: [{ field: 'content.prompt' }] });
  });

  it('gives back editable source that prepares to the same content', () => {
    const prepared = prepareStepContent('read', { markdown: '**hi**', videos: ['https://youtu.be/dQw4w9WgXcQ'] });
    if (!prepared.ok) throw new Error('expected valid content');
    const source = contentSource('read', prepared.content);
    expect(source).toEqual({ markdown: '**hi**', videos: ['https://www.youtube.com/watch?v=dQw4w9WgXcQ'] });
    expect(prepareStepContent('read', source)).toEqual(prepared);
  });

  it('knows which kinds take personal responses and who sees them', () => {
    const reflect = prepareStepContent('reflect', { prompt: 'x', visibility: 'private' });
    const read = prepareStepContent('read', { markdown: 'x' });
    if (!reflect.ok || !read.ok) throw new Error('expected valid content');
    expect(responseRule('reflect', reflect.content)).toBe('private');
    expect(responseRule('read', read.content)).toBeNull();
  });
});

describe('prepareResponseBody', () => {
  it('keeps every inquiry stage (empty when not sent) with rendered HTML', () => {
    const result = prepareResponseBody('inquiry', { stages: { enquire: { text: 'asked *students*', evidenceUrl: 'https://x.example/e' } } });
    expect(result).toEqual({
      ok: true,
      body: {
        stages: {
          plan: { text: '', html: '', evidenceUrl: null },
          enquire: { text: 'asked *students*', html: '<p>asked <em>students</em></p>\n', evidenceUrl: 'https://x.example/e' },
          implement: { text: '', html: '', evidenceUrl: null },
          review: { text: '', html: '', evidenceUrl: null },
        },
      },
    });
  });

  it('refuses unknown stages and keys, naming them under body.', () => {
    expect(prepareResponseBody('inquiry', { stages: { reflect: { text: 'x' } } })).toMatchObject({ ok: false, issues: [{ field: 'body.stages' }] });
    expect(prepareResponseBody('reflect', { text: 'x', html: '<script>' })).toMatchObject({ ok: false, issues: [{ field: 'body' }] });
  });
});
