/** A console bound to a fresh world, for the CLI tests. */
import { ACCOUNTS, type Cloud, createCloud, REGIONS } from '../../../src/simulator/index.js';
import { type ConsoleOutcome, runConsoleLine } from '../../../src/simulator/cli/index.js';

export const ME = '111122223333';
export const PARTNER = '444455556666';

export interface TestConsole {
  readonly cloud: Cloud;
  run(line: string, options?: { region?: string; accountId?: string }): ConsoleOutcome;
  /** stdout of a line, parsed as JSON; fails on stderr. */
  json<T = Record<string, unknown>>(line: string, options?: { region?: string; accountId?: string }): T;
  /** stderr text of a line. */
  error(line: string, options?: { region?: string; accountId?: string }): string;
}

export function newConsole(seed = 7): TestConsole {
  const cloud = createCloud({ seed, now: Date.UTC(2025, 0, 6, 9, 0, 0) });
  const run = (line: string, options: { region?: string; accountId?: string } = {}) =>
    runConsoleLine(line, {
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? ME,
      accounts: ACCOUNTS,
      regions: REGIONS.map((r) => r.RegionName),
      send: (request) => cloud.send(request),
      advance: (ms) => cloud.advance(ms),
    });
  return {
    cloud,
    run,
    json: (line, options) => {
      const outcome = run(line, options);
      const err = outcome.output.find((o) => o.stream === 'stderr');
      if (err !== undefined) throw new Error(`expected output, got error: ${err.text}`);
      const text = outcome.output.map((o) => o.text).join('\n');
      return (text === '' ? {} : JSON.parse(text)) as never;
    },
    error: (line, options) => {
      const outcome = run(line, options);
      const err = outcome.output
        .filter((o) => o.stream === 'stderr')
        .map((o) => o.text)
        .join('\n');
      if (err === '') throw new Error(`expected an error, got: ${outcome.output.map((o) => o.text).join('\n')}`);
      return err;
    },
  };
}

/** The Amazon Linux 2023 x86_64 AMI of a Region, found through the console. */
export function amazonLinux(c: TestConsole, region = 'us-east-1'): string {
  const data = c.json<{ Images: { ImageId: string }[] }>(`aws ec2 describe-images --owners amazon --filters "Name=name,Values=al2023-ami-2023.6*-x86_64" --region ${region}`);
  const id = data.Images[0]?.ImageId;
  if (id === undefined) throw new Error('no Amazon Linux image');
  return id;
}

/** Launches an instance (optionally installing packages), lets it boot, returns its ID. */
export function launched(c: TestConsole, options: { region?: string; zone?: string; software?: string; accountId?: string; imageId?: string } = {}): string {
  const region = options.region ?? 'us-east-1';
  const image = options.imageId ?? amazonLinux(c, region);
  const placement = options.zone === undefined ? '' : ` --placement AvailabilityZone=${options.zone}`;
  const data = c.json<{ Instances: { InstanceId: string }[] }>(`aws ec2 run-instances --image-id ${image} --instance-type t3.micro${placement} --region ${region}`, {
    accountId: options.accountId,
  });
  const id = data.Instances[0]?.InstanceId as string;
  c.cloud.advance(60_000);
  if (options.software !== undefined) {
    c.json(`aws ssm send-command --document-name AWS-RunShellScript --instance-ids ${id} --parameters commands="dnf install -y ${options.software}" --region ${region}`, {
      accountId: options.accountId,
    });
    // Run Command takes simulated time: the packages are on the disk once the command succeeds.
    c.cloud.advance(60_000);
  }
  return id;
}
