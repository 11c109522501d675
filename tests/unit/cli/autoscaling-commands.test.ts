import { describe, expect, test } from 'vitest';
import { amazonLinux, newConsole } from './support.js';

/** A group of two on version 1 of a launch template, launched and running. */
function groupOnTemplate() {
  const c = newConsole();
  const image = amazonLinux(c);
  c.json(`aws ec2 create-launch-template --launch-template-name web --launch-template-data '{"ImageId":"${image}","InstanceType":"t3.micro"}'`);
  c.json(
    'aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web,Version=1 --min-size 2 --max-size 4 --desired-capacity 2 --availability-zones us-east-1a us-east-1b',
  );
  c.cloud.advance(5 * 60_000);
  return c;
}

describe('aws autoscaling: activities and rollback from the console', () => {
  test('describe-scaling-activities lists the launches that filled the group', () => {
    const c = groupOnTemplate();
    const { Activities } = c.json<{ Activities: { StatusCode: string; Description: string }[] }>('aws autoscaling describe-scaling-activities --auto-scaling-group-name web-asg');
    expect(Activities).toHaveLength(2);
    expect(Activities.every((a) => a.StatusCode === 'Successful' && a.Description.startsWith('Launching a new EC2 instance'))).toBe(true);
  });

  test('rollback-instance-refresh with nothing in progress answers ActiveInstanceRefreshNotFound with a tip', () => {
    const c = groupOnTemplate();
    const error = c.error('aws autoscaling rollback-instance-refresh --auto-scaling-group-name web-asg');
    expect(error).toContain('ActiveInstanceRefreshNotFound');
    expect(error).toContain('RollbackInstanceRefresh');
  });

  test('start-instance-refresh takes AutoRollback in --preferences, and a refresh to a numbered version can be rolled back', () => {
    const c = groupOnTemplate();
    const image = amazonLinux(c);
    c.json(`aws ec2 create-launch-template-version --launch-template-name web --source-version 1 --launch-template-data '{"ImageId":"${image}","InstanceType":"t3.small"}'`);
    c.json(
      'aws autoscaling start-instance-refresh --auto-scaling-group-name web-asg --desired-configuration LaunchTemplate={LaunchTemplateName=web,Version=2} --preferences MinHealthyPercentage=50,InstanceWarmup=60,AutoRollback=true',
    );
    c.cloud.advance(30_000);
    c.json('aws autoscaling rollback-instance-refresh --auto-scaling-group-name web-asg');
    const { InstanceRefreshes } = c.json<{ InstanceRefreshes: { Status: string }[] }>('aws autoscaling describe-instance-refreshes --auto-scaling-group-name web-asg');
    expect(InstanceRefreshes[0]?.Status).toMatch(/^Rollback/);
  });
});
