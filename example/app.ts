/**
 * A realistic contact-center stack: an Amazon Connect instance replicated to a second Region with its
 * traffic split, a Customer Profiles domain with the object types of a web shop, the masked-calling
 * proxy of a Chime SDK voice connector, and a smoke-test call placed once the stack is live.
 */
import { App, ArnFormat, CfnParameter, Duration, RemovalPolicy, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as customerprofiles from 'aws-cdk-lib/aws-customerprofiles';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import {
  FieldContentType, OutboundVoiceContact, ProfileObjectType, ProxyCapability, ProxySessionSettings,
  StandardIdentifier, TrafficDistribution, VoiceConnectorProxy,
} from '../src';
import { addGlobalResiliency } from './global-resiliency';

export class ContactCenterStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const instanceArn = new CfnParameter(this, 'InstanceArn', {
      description: 'ARN of the Amazon Connect instance, already replicated to us-west-2',
    }).valueAsString;

    const failoverGroup = new connect.CfnTrafficDistributionGroup(this, 'FailoverGroup', {
      instanceArn,
      name: 'east-west-failover',
      description: 'Shifts calls and agents between us-east-1 and us-west-2',
    });

    // Normal operation: 90% of calls in the home Region, every agent there too.
    new TrafficDistribution(this, 'Normal', {
      trafficDistributionGroup: failoverGroup.attrTrafficDistributionGroupArn,
      telephonyConfig: { distributions: [{ region: 'us-east-1', percentage: 90 }, { region: 'us-west-2', percentage: 10 }] },
      agentConfig: { distributions: [{ region: 'us-east-1', percentage: 100 }, { region: 'us-west-2', percentage: 0 }] },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Customer Profiles: orders from the web shop, encrypted with the team's key, kept for a year.
    const profilesKey = new kms.Key(this, 'ProfilesKey', { enableKeyRotation: true, description: 'Customer Profiles data' });
    const domain = new customerprofiles.CfnDomain(this, 'Profiles', {
      domainName: 'contact-center-prod',
      defaultExpirationDays: 365,
      defaultEncryptionKey: profilesKey.keyArn,
    });
    const orders = new ProfileObjectType(this, 'Orders', {
      domainName: domain.ref,
      objectTypeName: 'ShopifyOrder',
      description: 'Orders from the web shop',
      expiration: Duration.days(365),
      encryptionKey: profilesKey,
      allowProfileCreation: true,
      maxProfileObjectCount: 1000,
      fields: {
        orderId: { source: '_source.id', target: '_order.OrderId', contentType: FieldContentType.STRING },
        email: { source: '_source.email', target: '_profile.EmailAddress', contentType: FieldContentType.EMAIL_ADDRESS },
      },
      keys: {
        orderId: [{ standardIdentifiers: [StandardIdentifier.UNIQUE, StandardIdentifier.ORDER], fieldNames: ['orderId'] }],
        email: [{ standardIdentifiers: [StandardIdentifier.PROFILE], fieldNames: ['email'] }],
      },
    });
    Tags.of(orders).add('team', 'cx');
    new ProfileObjectType(this, 'Accounts', {
      domainName: domain.ref,
      objectTypeName: 'SalesforceAccount',
      description: 'Accounts synchronized from Salesforce',
      templateId: 'Salesforce-Account',
    });

    // Masked calling between customers and couriers through a Chime SDK voice connector.
    const voiceConnectorId = new CfnParameter(this, 'VoiceConnectorId', { description: 'Chime SDK voice connector with proxy numbers' }).valueAsString;
    const proxy = new VoiceConnectorProxy(this, 'CourierProxy', {
      voiceConnectorId,
      defaultSessionExpiry: Duration.hours(2),
      phoneNumberPoolCountries: ['US'],
    });
    const deliverySession = new ProxySessionSettings(this, 'DeliverySession', {
      voiceConnectorId,
      proxySessionId: new CfnParameter(this, 'ProxySessionId', { description: 'The open proxy session of the current delivery' }).valueAsString,
      capabilities: [ProxyCapability.VOICE, ProxyCapability.SMS],
      expiry: Duration.minutes(90),
    });
    deliverySession.node.addDependency(proxy);

    // Once everything is live, call the on-call engineer through the new flow. The handler reads the number from the
    // parameter at deploy: it stays out of the template, the stack's parameters, its events and the logs.
    new OutboundVoiceContact(this, 'GoLiveCall', {
      instanceId: Stack.of(this).splitArn(instanceArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!,
      contactFlowId: new CfnParameter(this, 'SmokeTestFlowId', { description: 'ID of the smoke-test contact flow' }).valueAsString,
      destinationPhoneNumberParameter: ssm.StringParameter.fromSecureStringParameterAttributes(this, 'OnCallNumber', {
        parameterName: '/contact-center/on-call-number',
      }),
      queueId: new CfnParameter(this, 'OutboundQueueId', { description: 'ID of the outbound queue' }).valueAsString,
      attributes: { purpose: 'go-live-check' },
      ringTimeout: Duration.seconds(30),
    });
  }
}

export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  new ContactCenterStack(app, 'ContactCenter', { env: { account: '123456789012', region: 'us-east-1' } });
  // Global Resiliency: a source-Region stack and a replica-Region stack (example/global-resiliency.ts).
  addGlobalResiliency(app);
  return app;
}
