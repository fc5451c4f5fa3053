package example;

import io.github.cdkcontactcenterresources.AgentConfig;
import io.github.cdkcontactcenterresources.Distribution;
import io.github.cdkcontactcenterresources.FieldContentType;
import io.github.cdkcontactcenterresources.InstanceReplica;
import io.github.cdkcontactcenterresources.ObjectTypeField;
import io.github.cdkcontactcenterresources.ObjectTypeKey;
import io.github.cdkcontactcenterresources.OutboundVoiceContact;
import io.github.cdkcontactcenterresources.ProfileObjectType;
import io.github.cdkcontactcenterresources.ProxyCapability;
import io.github.cdkcontactcenterresources.ProxySessionSettings;
import io.github.cdkcontactcenterresources.SignInConfig;
import io.github.cdkcontactcenterresources.SignInDistribution;
import io.github.cdkcontactcenterresources.StandardIdentifier;
import io.github.cdkcontactcenterresources.TelephonyConfig;
import io.github.cdkcontactcenterresources.TrafficDistribution;
import io.github.cdkcontactcenterresources.TrafficDistributionGroupUsers;
import io.github.cdkcontactcenterresources.VoiceConnectorProxy;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.connect.CfnTrafficDistributionGroup;
import software.amazon.awscdk.services.customerprofiles.CfnDomain;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.ssm.SecureStringParameterAttributes;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The example contact-center app of example/app.ts (and its Global Resiliency stacks, example/global-resiliency.ts),
 * in Java. It declares the same constructs with the same props,
 * so that its template must equal the TypeScript one ({@code npx projen bindings:java} compares the two).
 */
public final class ContactCenterApp {
    static final class ContactCenterStack extends Stack {
        ContactCenterStack(final Construct scope, final String id, final StackProps props) {
            super(scope, id, props);

            String instanceArn = CfnParameter.Builder.create(this, "InstanceArn")
                    .description("ARN of the Amazon Connect instance, already replicated to us-west-2")
                    .build().getValueAsString();

            CfnTrafficDistributionGroup failoverGroup = CfnTrafficDistributionGroup.Builder.create(this, "FailoverGroup")
                    .instanceArn(instanceArn)
                    .name("east-west-failover")
                    .description("Shifts calls and agents between us-east-1 and us-west-2")
                    .build();

            // Normal operation: 90% of calls in the home Region, every agent there too.
            TrafficDistribution.Builder.create(this, "Normal")
                    .trafficDistributionGroup(failoverGroup.getAttrTrafficDistributionGroupArn())
                    .telephonyConfig(TelephonyConfig.builder().distributions(List.of(
                            Distribution.builder().region("us-east-1").percentage(90).build(),
                            Distribution.builder().region("us-west-2").percentage(10).build())).build())
                    .agentConfig(AgentConfig.builder().distributions(List.of(
                            Distribution.builder().region("us-east-1").percentage(100).build(),
                            Distribution.builder().region("us-west-2").percentage(0).build())).build())
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();

            // Customer Profiles: orders from the web shop, encrypted with the team's key, kept for a year.
            Key profilesKey = Key.Builder.create(this, "ProfilesKey")
                    .enableKeyRotation(true)
                    .description("Customer Profiles data")
                    .build();
            CfnDomain domain = CfnDomain.Builder.create(this, "Profiles")
                    .domainName("contact-center-prod")
                    .defaultExpirationDays(365)
                    .defaultEncryptionKey(profilesKey.getKeyArn())
                    .build();
            ProfileObjectType orders = ProfileObjectType.Builder.create(this, "Orders")
                    .domainName(domain.getRef())
                    .objectTypeName("ShopifyOrder")
                    .description("Orders from the web shop")
                    .expiration(Duration.days(365))
                    .encryptionKey(profilesKey)
                    .allowProfileCreation(true)
                    .maxProfileObjectCount(1000)
                    .fields(Map.of(
                            "orderId", ObjectTypeField.builder()
                                    .source("_source.id").target("_order.OrderId").contentType(FieldContentType.STRING).build(),
                            "email", ObjectTypeField.builder()
                                    .source("_source.email").target("_profile.EmailAddress").contentType(FieldContentType.EMAIL_ADDRESS).build()))
                    .keys(Map.of(
                            "orderId", List.of(ObjectTypeKey.builder()
                                    .standardIdentifiers(List.of(StandardIdentifier.UNIQUE, StandardIdentifier.ORDER))
                                    .fieldNames(List.of("orderId")).build()),
                            "email", List.of(ObjectTypeKey.builder()
                                    .standardIdentifiers(List.of(StandardIdentifier.PROFILE))
                                    .fieldNames(List.of("email")).build())))
                    .build();
            Tags.of(orders).add("team", "cx");
            ProfileObjectType.Builder.create(this, "Accounts")
                    .domainName(domain.getRef())
                    .objectTypeName("SalesforceAccount")
                    .description("Accounts synchronized from Salesforce")
                    .templateId("Salesforce-Account")
                    .build();

            // Masked calling between customers and couriers through a Chime SDK voice connector.
            String voiceConnectorId = CfnParameter.Builder.create(this, "VoiceConnectorId")
                    .description("Chime SDK voice connector with proxy numbers")
                    .build().getValueAsString();
            VoiceConnectorProxy proxy = VoiceConnectorProxy.Builder.create(this, "CourierProxy")
                    .voiceConnectorId(voiceConnectorId)
                    .defaultSessionExpiry(Duration.hours(2))
                    .phoneNumberPoolCountries(List.of("US"))
                    .build();
            ProxySessionSettings deliverySession = ProxySessionSettings.Builder.create(this, "DeliverySession")
                    .voiceConnectorId(voiceConnectorId)
                    .proxySessionId(CfnParameter.Builder.create(this, "ProxySessionId")
                            .description("The open proxy session of the current delivery")
                            .build().getValueAsString())
                    .capabilities(List.of(ProxyCapability.VOICE, ProxyCapability.SMS))
                    .expiry(Duration.minutes(90))
                    .build();
            deliverySession.getNode().addDependency(proxy);

            // Once everything is live, call the on-call engineer through the new flow; the number stays out of the template.
            OutboundVoiceContact.Builder.create(this, "GoLiveCall")
                    .instanceId(Stack.of(this).splitArn(instanceArn, ArnFormat.SLASH_RESOURCE_NAME).getResourceName())
                    .contactFlowId(CfnParameter.Builder.create(this, "SmokeTestFlowId")
                            .description("ID of the smoke-test contact flow").build().getValueAsString())
                    .destinationPhoneNumberParameter(StringParameter.fromSecureStringParameterAttributes(this, "OnCallNumber",
                            SecureStringParameterAttributes.builder().parameterName("/contact-center/on-call-number").build()))
                    .queueId(CfnParameter.Builder.create(this, "OutboundQueueId")
                            .description("ID of the outbound queue").build().getValueAsString())
                    .attributes(Map.of("purpose", "go-live-check"))
                    .ringTimeout(Duration.seconds(30))
                    .build();
        }
    }

    static final String SOURCE_REGION = "us-east-1";
    static final String REPLICA_REGION = "us-west-2";
    /** The agents who fail over with the contact center (an export of the instance's users, say). */
    static final List<String> AGENTS = List.of(
            "a1b2c3d4-0001-4000-8000-000000000001",
            "a1b2c3d4-0002-4000-8000-000000000002",
            "a1b2c3d4-0003-4000-8000-000000000003");

    /** The source-Region stack: the replica and the agents' association with its default group. */
    static final class SourceRegionStack extends Stack {
        SourceRegionStack(final Construct scope, final String id, final StackProps props) {
            super(scope, id, props);
            String instanceArn = CfnParameter.Builder.create(this, "InstanceArn")
                    .description("ARN of the Amazon Connect instance in " + SOURCE_REGION).build().getValueAsString();

            // Replication takes minutes; the handler waits (up to 55 minutes) and answers CloudFormation once.
            InstanceReplica replica = InstanceReplica.Builder.create(this, "Replica")
                    .instance(instanceArn)
                    .replicaRegion(REPLICA_REGION)
                    .replicaAlias("acme-west")
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();

            // Only agents associated with the group follow its agent distribution. The API is called in the group's Region.
            TrafficDistributionGroupUsers.Builder.create(this, "Agents")
                    .trafficDistributionGroup(replica.getDefaultTrafficDistributionGroupArn())
                    .instanceId(this.splitArn(instanceArn, ArnFormat.SLASH_RESOURCE_NAME).getResourceName())
                    .userIds(AGENTS)
                    .build();

            CfnOutput.Builder.create(this, "DefaultTrafficDistributionGroupArn")
                    .value(replica.getDefaultTrafficDistributionGroupArn())
                    .description("The default traffic distribution group: the DefaultTrafficDistributionGroupArn parameter of ContactCenterWest")
                    .build();
        }
    }

    /** The replica-Region stack: where calls, agents and sign-in go. */
    static final class ReplicaRegionStack extends Stack {
        ReplicaRegionStack(final Construct scope, final String id, final StackProps props, final boolean failover) {
            super(scope, id, props);
            String home = failover ? REPLICA_REGION : SOURCE_REGION;
            String groupArn = CfnParameter.Builder.create(this, "DefaultTrafficDistributionGroupArn")
                    .description("ARN of the default traffic distribution group (the output of ContactCenterEast of the same name)")
                    .build().getValueAsString();
            List<Distribution> all = List.of(
                    Distribution.builder().region(SOURCE_REGION).percentage(SOURCE_REGION.equals(home) ? 100 : 0).build(),
                    Distribution.builder().region(REPLICA_REGION).percentage(REPLICA_REGION.equals(home) ? 100 : 0).build());

            TrafficDistribution.Builder.create(this, "Distribution")
                    .trafficDistributionGroup(groupArn)
                    .telephonyConfig(TelephonyConfig.builder().distributions(all).build())
                    .agentConfig(AgentConfig.builder().distributions(all).build())
                    .signInConfig(SignInConfig.builder().distributions(List.of(
                            SignInDistribution.builder().region(SOURCE_REGION).enabled(!failover).build(),
                            SignInDistribution.builder().region(REPLICA_REGION).enabled(true).build())).build())
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
        }
    }

    private ContactCenterApp() {
    }

    /** The output directory comes from CDK_OUTDIR (the CDK CLI sets it; {@code npx projen bindings:java} too). */
    public static void main(final String[] args) {
        App app = new App();
        new ContactCenterStack(app, "ContactCenter", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("us-east-1").build())
                .build());
        new SourceRegionStack(app, "ContactCenterEast", StackProps.builder()
                .env(Environment.builder().account("123456789012").region(SOURCE_REGION).build())
                .build());
        Object failover = app.getNode().tryGetContext("failover");
        new ReplicaRegionStack(app, "ContactCenterWest", StackProps.builder()
                .env(Environment.builder().account("123456789012").region(REPLICA_REGION).build())
                .build(), "true".equals(String.valueOf(failover)));
        app.synth();
    }
}
