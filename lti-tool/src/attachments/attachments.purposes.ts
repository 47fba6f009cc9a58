import type { AttachmentPurpose } from './attachments.types';

const NAME = /^[a-z][a-z0-9-]{1,63}$/;

/**
 * The purposes features register at start-up (the `AttachmentAccessPolicy` registry): each one names the
 * kinds and size it takes and the policy that decides who, besides the owner, may read its files.
 */
export function createPurposeRegistry() {
  const purposes = new Map<string, AttachmentPurpose>();
  return {
    /** Adds a purpose; a second registration of the same name is a programming error. */
    register(purpose: AttachmentPurpose): void {
      if (!NAME.test(purpose.name)) throw new Error(`attachment purpose name ${JSON.stringify(purpose.name)} must match ${NAME}`);
      if (purposes.has(purpose.name)) throw new Error(`attachment purpose ${purpose.name} is already registered`);
      if (purpose.accept.length === 0) throw new Error(`attachment purpose ${purpose.name} accepts no kind of file`);
      purposes.set(purpose.name, purpose);
    },
    get(name: string): AttachmentPurpose | null {
      return purposes.get(name) ?? null;
    },
    names(): string[] {
      return [...purposes.keys()];
    },
  };
}

/** The registry of attachment purposes and their access policies. */
export type PurposeRegistry = ReturnType<typeof createPurposeRegistry>;
