/** File kinds (as the attachments API names them) in plain words, and the extensions a file picker may offer. */
export const FILE_KINDS: Record<string, { label: string; extensions: string[] }> = {
  pdf: { label: 'PDF', extensions: ['.pdf'] },
  png: { label: 'PNG image', extensions: ['.png'] },
  jpeg: { label: 'JPEG photo', extensions: ['.jpg', '.jpeg'] },
  gif: { label: 'GIF image', extensions: ['.gif'] },
  webp: { label: 'WebP image', extensions: ['.webp'] },
  docx: { label: 'Word document', extensions: ['.docx'] },
  xlsx: { label: 'Excel spreadsheet', extensions: ['.xlsx'] },
  pptx: { label: 'PowerPoint slides', extensions: ['.pptx'] },
  text: { label: 'plain text', extensions: ['.txt', '.md', '.csv'] },
  mp4: { label: 'MP4 video', extensions: ['.mp4', '.m4v'] }
}

/** "PDF, Word document or MP4 video": a purpose's accepted kinds as a sentence fragment. */
export function kindsInWords(kinds: readonly string[]): string {
  const words = kinds.map((k) => FILE_KINDS[k]?.label ?? k)
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
}

/** The extensions of the accepted kinds, for the file picker. */
export const extensionsOf = (kinds: readonly string[]): string[] => kinds.flatMap((k) => FILE_KINDS[k]?.extensions ?? [])
