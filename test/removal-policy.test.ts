/**
 * The removal policy idioms of aws-cdk-lib, for every construct: applyRemovalPolicy() sets what the handler does on
 * delete and replacement; RemovalPolicies.of() and a DeletionPolicy set on the L1 resource that disagree with it
 * warn at synthesis, saying that RETAIN wins and why that is the safe side.
 */
import { App, CfnDeletionPolicy, CfnResource, RemovalPolicies, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { KINDS } from './support/kinds';

const WARNING = 'cdk-contact-center-resources:removalPolicyDisagrees';

describe.each(KINDS)('$name', ({ kind, lifecycle }) => {
  type Removable = Construct & { applyRemovalPolicy(p: RemovalPolicy): void };
  const synth = (policy: RemovalPolicy, change: (construct: Removable, stack: Stack) => void = () => undefined) => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const construct = lifecycle.add(stack, 'Target', 0, policy) as Removable;
    change(construct, stack);
    const template = Template.fromStack(stack);
    const [resource] = Object.values(template.findResources(kind.resourceType)) as any[];
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(WARNING)).map((w) => String(w.entry.data));
    return { resource, warnings, template };
  };
  /** The construct's custom resource (TrafficDistributionGroupUsers: its first chunk's). */
  const l1 = (construct: Construct) => construct.node.findAll()
    .find((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === kind.resourceType) as CfnResource;

  test.each([[RemovalPolicy.RETAIN, RemovalPolicy.DESTROY, 'destroy'], [RemovalPolicy.DESTROY, RemovalPolicy.RETAIN, 'retain']])(
    'applyRemovalPolicy() turns %s into %s: the handler follows it, CloudFormation\'s own policies stay', (from, to, expected) => {
      const { resource, warnings } = synth(from, (c) => c.applyRemovalPolicy(to));
      // The kind's default is left out of the template: the handler reads a missing RemovalPolicy as the default.
      expect(resource.Properties.RemovalPolicy).toBe(expected === kind.defaultRemovalPolicy ? undefined : expected);
      expect(resource.DeletionPolicy).toBeUndefined();
      expect(warnings).toEqual([]);
    });

  test('applyRemovalPolicy() rejects policies other than RETAIN and DESTROY, naming the construct', () => {
    expect(() => synth(RemovalPolicy.RETAIN, (c) => c.applyRemovalPolicy(RemovalPolicy.SNAPSHOT)))
      .toThrow('Stack/Target: removalPolicy: must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY, got "snapshot"');
  });

  test('RemovalPolicies.of(scope).retain() on a DESTROY construct warns: RETAIN wins, as CloudFormation never sends the Delete', () => {
    const { warnings, resource } = synth(RemovalPolicy.DESTROY, (_c, stack) => RemovalPolicies.of(stack).retain());
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(warnings).toEqual([expect.stringContaining('Stack/Target: removalPolicy: the resource\'s DeletionPolicy Retain and UpdateReplacePolicy Retain '
      + '(from RemovalPolicies.of() or the L1 resource) disagrees with the construct\'s removal policy DESTROY; RETAIN wins, because CloudFormation does '
      + 'not send the Delete of a resource it retains, so the handler never gets to destroy anything. That is the safe side: nothing is deleted unless both say so.')]);
  });

  test('RemovalPolicies.of(scope).destroy() on a RETAIN construct warns: RETAIN wins, as the handler deletes nothing', () => {
    const { warnings } = synth(RemovalPolicy.RETAIN, (_c, stack) => RemovalPolicies.of(stack).destroy());
    expect(warnings).toEqual([expect.stringContaining('disagrees with the construct\'s removal policy RETAIN; RETAIN wins, because the handler gets the Delete and, under RETAIN, deletes nothing')]);
  });

  test('a DeletionPolicy set on the L1 resource that disagrees warns too; one that agrees, or none, does not', () => {
    expect(synth(RemovalPolicy.DESTROY, (c) => { l1(c).cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE; }).warnings)
      .toEqual([expect.stringContaining('DeletionPolicy RetainExceptOnCreate (from RemovalPolicies.of() or the L1 resource) disagrees')]);
    expect(synth(RemovalPolicy.DESTROY, (c) => { l1(c).cfnOptions.deletionPolicy = CfnDeletionPolicy.DELETE; }).warnings).toEqual([]);
    expect(synth(RemovalPolicy.RETAIN, (_c, stack) => RemovalPolicies.of(stack).retain()).warnings).toEqual([]);
    expect(synth(RemovalPolicy.DESTROY, (_c, stack) => RemovalPolicies.of(stack).destroy()).warnings).toEqual([]);
    expect(synth(RemovalPolicy.RETAIN).warnings).toEqual([]);
  });
});
