import { expect, test } from '@playwright/test';
import { LabPage } from './lab-pages';
import { axeViolations } from './pages';

/**
 * The console as every AWS tutorial uses it, on a desktop and on a phone: waiters on the simulated
 * clock, `--query` and `--output`, "did you mean" for a mistyped option with the CLI's own order of
 * usage and error, Run Command's statuses over time, and CreateImage's reboot.
 */

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const AL2023 = 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

for (const size of WIDTHS) {
  test.describe(`the lab console on a ${size.name} (${size.width} px)`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('waiters move the clock and say so; --query and --output print as the AWS CLI does', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();

      const instance = (await lab.run(`aws ec2 run-instances --image-id ${AL2023} --instance-type t3.micro --query "Instances[0].InstanceId" --output text`)).trim();
      expect(instance).toMatch(/^i-[0-9a-f]+$/);

      const waited = await lab.run(`aws ec2 wait instance-running --instance-ids ${instance}`);
      expect(waited).toMatch(/Waited .+ of simulated time for i-[0-9a-f]+ to be running\./);
      expect(await lab.run(`aws ec2 describe-instances --instance-ids ${instance} --query "Reservations[0].Instances[0].State.Name" --output text`)).toContain('running');

      const table = await lab.run(`aws ec2 describe-instances --instance-ids ${instance} --query "Reservations[0].Instances[0].{Id:InstanceId,State:State.Name}" --output table`);
      expect(table).toMatch(/DescribeInstances/);
      expect(table).toMatch(/\|\s+Id\s+\|\s+State\s+\|/);
      const yaml = await lab.run(`aws ec2 describe-instances --instance-ids ${instance} --query "Reservations[0].Instances[0].State" --output yaml`);
      expect(yaml).toMatch(/Name: running/);

      expect(await lab.horizontalOverflow()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    });

    test('a mistyped option gets the usage first, then the error, then "did you mean"', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/');

      const answer = await lab.run('aws ec2 describe-instances --instance-id i-0123456789abcdef0');
      const usage = answer.indexOf('usage:');
      const unknown = answer.indexOf('Unknown options: --instance-id');
      expect(usage).toBeGreaterThanOrEqual(0);
      expect(unknown).toBeGreaterThan(usage);
      expect(answer.slice(unknown)).toMatch(/did you mean --instance-ids\?/i);
      // The line the learner typed stays in the history, ready to fix.
      await lab.consoleInput.press('ArrowUp');
      await expect(lab.consoleInput).toHaveValue('aws ec2 describe-instances --instance-id i-0123456789abcdef0');
    });

    test('Run Command goes Pending, then InProgress, then Success; CreateImage reboots the instance unless told not to', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();

      const instance = (await lab.run(`aws ec2 run-instances --image-id ${AL2023} --instance-type t3.micro --query "Instances[0].InstanceId" --output text`)).trim();
      await lab.run(`aws ec2 wait instance-running --instance-ids ${instance}`);

      const command = (
        await lab.run(
          `aws ssm send-command --document-name AWS-RunShellScript --instance-ids ${instance} --parameters commands="dnf install -y nginx" --query "Command.CommandId" --output text`,
        )
      ).trim();
      expect(await lab.run(`aws ssm get-command-invocation --command-id ${command} --instance-id ${instance} --query Status --output text`)).toMatch(/Pending|InProgress/);
      expect(await lab.run(`aws ssm wait command-executed --command-id ${command} --instance-id ${instance}`)).toContain('of simulated time');
      expect(await lab.run(`aws ssm get-command-invocation --command-id ${command} --instance-id ${instance} --query Status --output text`)).toContain('Success');

      await lab.run(`aws ec2 create-image --instance-id ${instance} --name web-rebooted`);
      expect(await lab.run(`aws ec2 describe-instances --instance-ids ${instance} --query "Reservations[0].Instances[0].State.Name" --output text`)).toContain('stopping');
      expect(await lab.run('aws ec2 wait image-available --filters Name=name,Values=web-rebooted')).toContain('of simulated time');
      expect(await lab.run(`aws ec2 describe-instances --instance-ids ${instance} --query "Reservations[0].Instances[0].State.Name" --output text`)).toContain('running');
    });
  });
}
