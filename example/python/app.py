"""The example contact-center app of example/app.ts (and its Global Resiliency stacks, example/global-resiliency.ts), in Python.

It declares the same constructs with the same props, so that its template must equal the TypeScript one
(`npx projen bindings:python` synthesizes it and compares the two).
"""
from aws_cdk import App, ArnFormat, CfnOutput, CfnParameter, Duration, Environment, RemovalPolicy, Stack, Tags
from aws_cdk import aws_connect as connect
from aws_cdk import aws_customerprofiles as customerprofiles
from aws_cdk import aws_kms as kms
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from cdk_contact_center_resources import (
    AgentConfig, Distribution, FieldContentType, InstanceReplica, ObjectTypeField, ObjectTypeKey, OutboundVoiceContact,
    ProfileObjectType, ProxyCapability, ProxySessionSettings, SignInConfig, SignInDistribution, StandardIdentifier,
    TelephonyConfig, TrafficDistribution, TrafficDistributionGroupUsers, VoiceConnectorProxy,
)


class ContactCenterStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        instance_arn = CfnParameter(self, "InstanceArn",
            description="ARN of the Amazon Connect instance, already replicated to us-west-2",
        ).value_as_string

        failover_group = connect.CfnTrafficDistributionGroup(self, "FailoverGroup",
            instance_arn=instance_arn,
            name="east-west-failover",
            description="Shifts calls and agents between us-east-1 and us-west-2",
        )

        # Normal operation: 90% of calls in the home Region, every agent there too.
        TrafficDistribution(self, "Normal",
            traffic_distribution_group=failover_group.attr_traffic_distribution_group_arn,
            telephony_config=TelephonyConfig(distributions=[
                Distribution(region="us-east-1", percentage=90), Distribution(region="us-west-2", percentage=10),
            ]),
            agent_config=AgentConfig(distributions=[
                Distribution(region="us-east-1", percentage=100), Distribution(region="us-west-2", percentage=0),
            ]),
            removal_policy=RemovalPolicy.DESTROY,
        )

        # Customer Profiles: orders from the web shop, encrypted with the team's key, kept for a year.
        profiles_key = kms.Key(self, "ProfilesKey", enable_key_rotation=True, description="Customer Profiles data")
        domain = customerprofiles.CfnDomain(self, "Profiles",
            domain_name="contact-center-prod",
            default_expiration_days=365,
            default_encryption_key=profiles_key.key_arn,
        )
        orders = ProfileObjectType(self, "Orders",
            domain_name=domain.ref,
            object_type_name="ShopifyOrder",
            description="Orders from the web shop",
            expiration=Duration.days(365),
            encryption_key=profiles_key,
            allow_profile_creation=True,
            max_profile_object_count=1000,
            fields={
                "orderId": ObjectTypeField(source="_source.id", target="_order.OrderId", content_type=FieldContentType.STRING),
                "email": ObjectTypeField(source="_source.email", target="_profile.EmailAddress", content_type=FieldContentType.EMAIL_ADDRESS),
            },
            keys={
                "orderId": [ObjectTypeKey(standard_identifiers=[StandardIdentifier.UNIQUE, StandardIdentifier.ORDER], field_names=["orderId"])],
                "email": [ObjectTypeKey(standard_identifiers=[StandardIdentifier.PROFILE], field_names=["email"])],
            },
        )
        Tags.of(orders).add("team", "cx")
        ProfileObjectType(self, "Accounts",
            domain_name=domain.ref,
            object_type_name="SalesforceAccount",
            description="Accounts synchronized from Salesforce",
            template_id="Salesforce-Account",
        )

        # Masked calling between customers and couriers through a Chime SDK voice connector.
        voice_connector_id = CfnParameter(self, "VoiceConnectorId",
            description="Chime SDK voice connector with proxy numbers",
        ).value_as_string
        proxy = VoiceConnectorProxy(self, "CourierProxy",
            voice_connector_id=voice_connector_id,
            default_session_expiry=Duration.hours(2),
            phone_number_pool_countries=["US"],
        )
        delivery_session = ProxySessionSettings(self, "DeliverySession",
            voice_connector_id=voice_connector_id,
            proxy_session_id=CfnParameter(self, "ProxySessionId",
                description="The open proxy session of the current delivery",
            ).value_as_string,
            capabilities=[ProxyCapability.VOICE, ProxyCapability.SMS],
            expiry=Duration.minutes(90),
        )
        delivery_session.node.add_dependency(proxy)

        # Once everything is live, call the on-call engineer through the new flow; the number stays out of the template.
        OutboundVoiceContact(self, "GoLiveCall",
            instance_id=Stack.of(self).split_arn(instance_arn, ArnFormat.SLASH_RESOURCE_NAME).resource_name,
            contact_flow_id=CfnParameter(self, "SmokeTestFlowId", description="ID of the smoke-test contact flow").value_as_string,
            destination_phone_number_parameter=ssm.StringParameter.from_secure_string_parameter_attributes(self, "OnCallNumber",
                parameter_name="/contact-center/on-call-number",
            ),
            queue_id=CfnParameter(self, "OutboundQueueId", description="ID of the outbound queue").value_as_string,
            attributes={"purpose": "go-live-check"},
            ring_timeout=Duration.seconds(30),
        )


# Global Resiliency (example/global-resiliency.ts): a source-Region stack and a replica-Region stack.
SOURCE_REGION = "us-east-1"
REPLICA_REGION = "us-west-2"

# The agents who fail over with the contact center (an export of the instance's users, say).
AGENTS = [
    "a1b2c3d4-0001-4000-8000-000000000001",
    "a1b2c3d4-0002-4000-8000-000000000002",
    "a1b2c3d4-0003-4000-8000-000000000003",
]


class SourceRegionStack(Stack):
    """The source-Region stack: the replica and the agents' association with its default group."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        instance_arn = CfnParameter(self, "InstanceArn",
            description=f"ARN of the Amazon Connect instance in {SOURCE_REGION}",
        ).value_as_string

        # Replication takes minutes; the handler waits (up to 55 minutes) and answers CloudFormation once.
        self.replica = InstanceReplica(self, "Replica",
            instance=instance_arn,
            replica_region=REPLICA_REGION,
            replica_alias="acme-west",
            removal_policy=RemovalPolicy.RETAIN,
        )

        # Only agents associated with the group follow its agent distribution. The API is called in the group's Region.
        TrafficDistributionGroupUsers(self, "Agents",
            traffic_distribution_group=self.replica.default_traffic_distribution_group_arn,
            instance_id=self.split_arn(instance_arn, ArnFormat.SLASH_RESOURCE_NAME).resource_name,
            user_ids=AGENTS,
        )

        CfnOutput(self, "DefaultTrafficDistributionGroupArn",
            value=self.replica.default_traffic_distribution_group_arn,
            description="The default traffic distribution group: the DefaultTrafficDistributionGroupArn parameter of ContactCenterWest",
        )


class ReplicaRegionStack(Stack):
    """The replica-Region stack: where calls, agents and sign-in go."""

    def __init__(self, scope: Construct, construct_id: str, *, failover: bool, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        home = REPLICA_REGION if failover else SOURCE_REGION
        group_arn = CfnParameter(self, "DefaultTrafficDistributionGroupArn",
            description="ARN of the default traffic distribution group (the output of ContactCenterEast of the same name)",
        ).value_as_string

        def every_region() -> list:
            return [Distribution(region=region, percentage=100 if region == home else 0) for region in (SOURCE_REGION, REPLICA_REGION)]

        TrafficDistribution(self, "Distribution",
            traffic_distribution_group=group_arn,
            telephony_config=TelephonyConfig(distributions=every_region()),
            agent_config=AgentConfig(distributions=every_region()),
            sign_in_config=SignInConfig(distributions=[
                SignInDistribution(region=SOURCE_REGION, enabled=not failover),
                SignInDistribution(region=REPLICA_REGION, enabled=True),
            ]),
            removal_policy=RemovalPolicy.RETAIN,
        )


# The output directory comes from CDK_OUTDIR (the CDK CLI sets it; `npx projen bindings:python` too).
app = App()
ContactCenterStack(app, "ContactCenter", env=Environment(account="123456789012", region="us-east-1"))
SourceRegionStack(app, "ContactCenterEast", env=Environment(account="123456789012", region=SOURCE_REGION))
ReplicaRegionStack(app, "ContactCenterWest",
    env=Environment(account="123456789012", region=REPLICA_REGION),
    failover=app.node.try_get_context("failover") in (True, "true"),
)
app.synth()
