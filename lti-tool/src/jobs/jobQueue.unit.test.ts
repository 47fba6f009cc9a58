import { maintenanceIntervalFor, type QueueDefinition } from './jobQueue';

const queue = (expireInSeconds: number): QueueDefinition => ({ name: `q${expireInSeconds}`, retryLimit: 1, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds });

describe('how often the job queue looks for jobs of dead processes', () => {
  it('checks every quarter of the shortest expiry, so a job that died with its process is retried soon after it expires', () => {
    expect(maintenanceIntervalFor([queue(90), queue(1800)])).toBe(22);
    expect(maintenanceIntervalFor([queue(33)])).toBe(8);
  });

  it('never checks more often than every second nor less often than pg-boss’s default of two minutes', () => {
    expect(maintenanceIntervalFor([queue(2)])).toBe(1);
    expect(maintenanceIntervalFor([queue(3600)])).toBe(120);
    expect(maintenanceIntervalFor([])).toBe(120);
  });
});
