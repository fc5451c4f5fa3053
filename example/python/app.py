"""The example contact-center app of example/app.ts, in Python.

It declares the same constructs with the same props, so that its template must equal the TypeScript one
(`npx projen bindings:python` synthesizes it and compares the two).
"""
from aws_cdk import App, ArnFormat, CfnParameter, Duration, Environment, RemovalPolicy, Stack, Tags
from aws_cdk import aws_connect as connect
from aws_cdk import aws_customerprofiles as customerprofiles
from aws_cdk import aws_kms as kms
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from cdk_contact_center_resources import (
    AgentConfig, Distribution, FieldContentType, ObjectTypeField, ObjectTypeKey, OutboundVoiceContact,
    ProfileObjectType, ProxyCapability, ProxySessionSettings, StandardIdentifier, TelephonyConfig,
    TrafficDistribution, VoiceConnectorProxy,
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


# The output directory comes from CDK_OUTDIR (the CDK CLI sets it; `npx projen bindings:python` too).
app = App()
ContactCenterStack(app, "ContactCenter", env=Environment(account="123456789012", region="us-east-1"))
app.synth()
