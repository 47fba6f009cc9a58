/** pg-boss 10's SQL texts (no types of its own): the adapter recognises the outcome writes by them. */
declare module 'pg-boss/src/plans' {
  export function completeJobs(schema: string): string;
  export function failJobsById(schema: string): string;
}
