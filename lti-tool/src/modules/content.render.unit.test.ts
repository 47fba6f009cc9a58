import { expectSafeHtml, XSS_PAYLOADS } from '../../../test/modules/xssPayloads';
import { isHttpUrl, renderMarkdown, sanitizeFragment, videoEmbedFor } from './content.render';

describe('renderMarkdown', () => {
  it.each(XSS_PAYLOADS)('renders %j to HTML with no script, handler, style or unsafe URL', (payload) => {
    expectSafeHtml(renderMarkdown(payload));
  });

  it('shows raw HTML as text rather than dropping what the author wrote', () => {
    expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });

  it('keeps ordinary Markdown: headings, emphasis, lists, tables, code and https images', () => {
    const html = renderMarkdown('## Plan\n\n- **one**\n- _two_\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```\ncode\n```\n\n![chart](https://example.org/c.png)');
    expect(html).toContain('<h2>Plan</h2>');
    expect(html).toContain('<li><strong>one</strong></li>');
    expect(html).toContain('<th style="text-align:left">a</th>');
    expect(html).toContain('<pre><code>code\n</code></pre>');
    expect(html).toContain('<img src="https://example.org/c.png" alt="chart" />');
  });

  it('turns bare URLs into links that open in a new tab without the opener', () => {
    expect(renderMarkdown('see https://example.org/a?b=1')).toBe(
      '<p>see <a href="https://example.org/a?b=1" target="_blank" rel="noopener noreferrer nofollow">https://example.org/a?b=1</a></p>\n',
    );
  });

  it('drops http (not https) images, so content cannot load mixed content into the LMS page', () => {
    expect(renderMarkdown('![x](http://example.org/a.png)')).not.toContain('src=');
  });
});

describe('sanitizeFragment (the second layer, on raw HTML)', () => {
  it.each(XSS_PAYLOADS)('sanitises %j', (payload) => {
    expectSafeHtml(sanitizeFragment(payload));
  });

  it('keeps safe links and text', () => {
    expect(sanitizeFragment('<p>Hi <a href="https://example.org">there</a></p>')).toBe('<p>Hi <a href="https://example.org" target="_blank" rel="noopener noreferrer nofollow">there</a></p>');
  });
});

describe('videoEmbedFor', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s', 'youtube', 'dQw4w9WgXcQ'],
    ['https://m.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://www.youtube.com/shorts/dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'vimeo', '76979871'],
    ['https://player.vimeo.com/video/76979871', 'vimeo', '76979871'],
  ])('recognises %s', (url, provider, videoId) => {
    const embed = videoEmbedFor(url)!;
    expect(embed).toMatchObject({ provider, videoId });
    expect(embed.embedUrl).toBe(provider === 'youtube' ? `https://www.youtube-nocookie.com/embed/${videoId}` : `https://player.vimeo.com/video/${videoId}`);
  });

  it.each([
    'javascript:alert(1)',
    'https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
    'https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ',
    'https://www.youtube.com/watch?v=%22%3E%3Cscript%3E',
    'https://www.youtube.com/watch?v=short',
    'https://vimeo.com/channels/staffpicks',
    'https://player.vimeo.com/video/1"onload="x',
    'data:text/html,<script>alert(1)</script>',
    'https://example.org/video.mp4',
  ])('refuses %s', (url) => {
    expect(videoEmbedFor(url)).toBeNull();
  });
});

describe('isHttpUrl', () => {
  it('accepts http and https only', () => {
    expect(['https://a.example/x', 'http://a.example'].map(isHttpUrl)).toEqual([true, true]);
    expect(['javascript:alert(1)', 'data:text/html,x', 'ftp://a.example', '//a.example', '/relative', 'mailto:a@b.c'].map(isHttpUrl)).toEqual([false, false, false, false, false, false]);
  });
});
