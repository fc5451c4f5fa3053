// The example contact-center app of example/app.ts (and its Global Resiliency stacks, example/global-resiliency.ts),
// in Go. It declares the same constructs with the same props,
// so that its template must equal the TypeScript one (`npx projen bindings:go` compares the two).
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsconnect"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscustomerprofiles"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	ccr "github.com/cdk-contact-center-resources/cdk-contact-center-resources-go/cdkcontactcenterresources"
)

func newContactCenterStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, &id, props)

	instanceArn := awscdk.NewCfnParameter(stack, jsii.String("InstanceArn"), &awscdk.CfnParameterProps{
		Description: jsii.String("ARN of the Amazon Connect instance, already replicated to us-west-2"),
	}).ValueAsString()

	failoverGroup := awsconnect.NewCfnTrafficDistributionGroup(stack, jsii.String("FailoverGroup"), &awsconnect.CfnTrafficDistributionGroupProps{
		InstanceArn: instanceArn,
		Name:        jsii.String("east-west-failover"),
		Description: jsii.String("Shifts calls and agents between us-east-1 and us-west-2"),
	})

	// Normal operation: 90% of calls in the home Region, every agent there too.
	ccr.NewTrafficDistribution(stack, jsii.String("Normal"), &ccr.TrafficDistributionProps{
		TrafficDistributionGroup: failoverGroup.AttrTrafficDistributionGroupArn(),
		TelephonyConfig: &ccr.TelephonyConfig{Distributions: &[]*ccr.Distribution{
			{Region: jsii.String("us-east-1"), Percentage: jsii.Number(90)},
			{Region: jsii.String("us-west-2"), Percentage: jsii.Number(10)},
		}},
		AgentConfig: &ccr.AgentConfig{Distributions: &[]*ccr.Distribution{
			{Region: jsii.String("us-east-1"), Percentage: jsii.Number(100)},
			{Region: jsii.String("us-west-2"), Percentage: jsii.Number(0)},
		}},
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})

	// Customer Profiles: orders from the web shop, encrypted with the team's key, kept for a year.
	profilesKey := awskms.NewKey(stack, jsii.String("ProfilesKey"), &awskms.KeyProps{
		EnableKeyRotation: jsii.Bool(true),
		Description:       jsii.String("Customer Profiles data"),
	})
	domain := awscustomerprofiles.NewCfnDomain(stack, jsii.String("Profiles"), &awscustomerprofiles.CfnDomainProps{
		DomainName:            jsii.String("contact-center-prod"),
		DefaultExpirationDays: jsii.Number(365),
		DefaultEncryptionKey:  profilesKey.KeyArn(),
	})
	orders := ccr.NewProfileObjectType(stack, jsii.String("Orders"), &ccr.ProfileObjectTypeProps{
		DomainName:            domain.Ref(),
		ObjectTypeName:        jsii.String("ShopifyOrder"),
		Description:           jsii.String("Orders from the web shop"),
		Expiration:            awscdk.Duration_Days(jsii.Number(365)),
		EncryptionKey:         profilesKey,
		AllowProfileCreation:  jsii.Bool(true),
		MaxProfileObjectCount: jsii.Number(1000),
		Fields: &map[string]*ccr.ObjectTypeField{
			"orderId": {Source: jsii.String("_source.id"), Target: jsii.String("_order.OrderId"), ContentType: ccr.FieldContentType_STRING},
			"email":   {Source: jsii.String("_source.email"), Target: jsii.String("_profile.EmailAddress"), ContentType: ccr.FieldContentType_EMAIL_ADDRESS},
		},
		Keys: &map[string]*[]*ccr.ObjectTypeKey{
			"orderId": {{
				StandardIdentifiers: &[]ccr.StandardIdentifier{ccr.StandardIdentifier_UNIQUE, ccr.StandardIdentifier_ORDER},
				FieldNames:          jsii.Strings("orderId"),
			}},
			"email": {{
				StandardIdentifiers: &[]ccr.StandardIdentifier{ccr.StandardIdentifier_PROFILE},
				FieldNames:          jsii.Strings("email"),
			}},
		},
	})
	awscdk.Tags_Of(orders).Add(jsii.String("team"), jsii.String("cx"), nil)
	ccr.NewProfileObjectType(stack, jsii.String("Accounts"), &ccr.ProfileObjectTypeProps{
		DomainName:     domain.Ref(),
		ObjectTypeName: jsii.String("SalesforceAccount"),
		Description:    jsii.String("Accounts synchronized from Salesforce"),
		TemplateId:     jsii.String("Salesforce-Account"),
	})

	// Masked calling between customers and couriers through a Chime SDK voice connector.
	voiceConnectorId := awscdk.NewCfnParameter(stack, jsii.String("VoiceConnectorId"), &awscdk.CfnParameterProps{
		Description: jsii.String("Chime SDK voice connector with proxy numbers"),
	}).ValueAsString()
	proxy := ccr.NewVoiceConnectorProxy(stack, jsii.String("CourierProxy"), &ccr.VoiceConnectorProxyProps{
		VoiceConnectorId:         voiceConnectorId,
		DefaultSessionExpiry:     awscdk.Duration_Hours(jsii.Number(2)),
		PhoneNumberPoolCountries: jsii.Strings("US"),
	})
	deliverySession := ccr.NewProxySessionSettings(stack, jsii.String("DeliverySession"), &ccr.ProxySessionSettingsProps{
		VoiceConnectorId: voiceConnectorId,
		ProxySessionId: awscdk.NewCfnParameter(stack, jsii.String("ProxySessionId"), &awscdk.CfnParameterProps{
			Description: jsii.String("The open proxy session of the current delivery"),
		}).ValueAsString(),
		Capabilities: &[]ccr.ProxyCapability{ccr.ProxyCapability_VOICE, ccr.ProxyCapability_SMS},
		Expiry:       awscdk.Duration_Minutes(jsii.Number(90)),
	})
	deliverySession.Node().AddDependency(proxy)

	// Once everything is live, call the on-call engineer through the new flow; the number stays out of the template.
	ccr.NewOutboundVoiceContact(stack, jsii.String("GoLiveCall"), &ccr.OutboundVoiceContactProps{
		InstanceId: awscdk.Stack_Of(stack).SplitArn(instanceArn, awscdk.ArnFormat_SLASH_RESOURCE_NAME).ResourceName,
		ContactFlowId: awscdk.NewCfnParameter(stack, jsii.String("SmokeTestFlowId"), &awscdk.CfnParameterProps{
			Description: jsii.String("ID of the smoke-test contact flow"),
		}).ValueAsString(),
		DestinationPhoneNumberParameter: awsssm.StringParameter_FromSecureStringParameterAttributes(stack, jsii.String("OnCallNumber"), &awsssm.SecureStringParameterAttributes{
			ParameterName: jsii.String("/contact-center/on-call-number"),
		}),
		QueueId: awscdk.NewCfnParameter(stack, jsii.String("OutboundQueueId"), &awscdk.CfnParameterProps{
			Description: jsii.String("ID of the outbound queue"),
		}).ValueAsString(),
		Attributes:  &map[string]*string{"purpose": jsii.String("go-live-check")},
		RingTimeout: awscdk.Duration_Seconds(jsii.Number(30)),
	})
	return stack
}

const (
	sourceRegion  = "us-east-1"
	replicaRegion = "us-west-2"
)

// agents are the agents who fail over with the contact center (an export of the instance's users, say).
var agents = []string{
	"a1b2c3d4-0001-4000-8000-000000000001",
	"a1b2c3d4-0002-4000-8000-000000000002",
	"a1b2c3d4-0003-4000-8000-000000000003",
}

// newSourceRegionStack is the source-Region stack: the replica and the agents' association with its default group.
func newSourceRegionStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, &id, props)
	instanceArn := awscdk.NewCfnParameter(stack, jsii.String("InstanceArn"), &awscdk.CfnParameterProps{
		Description: jsii.String("ARN of the Amazon Connect instance in " + sourceRegion),
	}).ValueAsString()

	// Replication takes minutes; the handler waits (up to 55 minutes) and answers CloudFormation once.
	replica := ccr.NewInstanceReplica(stack, jsii.String("Replica"), &ccr.InstanceReplicaProps{
		Instance:      instanceArn,
		ReplicaRegion: jsii.String(replicaRegion),
		ReplicaAlias:  jsii.String("acme-west"),
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})

	// Only agents associated with the group follow its agent distribution. The API is called in the group's Region.
	ccr.NewTrafficDistributionGroupUsers(stack, jsii.String("Agents"), &ccr.TrafficDistributionGroupUsersProps{
		TrafficDistributionGroup: replica.DefaultTrafficDistributionGroupArn(),
		InstanceId:               stack.SplitArn(instanceArn, awscdk.ArnFormat_SLASH_RESOURCE_NAME).ResourceName,
		UserIds:                  jsii.Strings(agents...),
	})

	awscdk.NewCfnOutput(stack, jsii.String("DefaultTrafficDistributionGroupArn"), &awscdk.CfnOutputProps{
		Value:       replica.DefaultTrafficDistributionGroupArn(),
		Description: jsii.String("The default traffic distribution group: the DefaultTrafficDistributionGroupArn parameter of ContactCenterWest"),
	})
	return stack
}

// newReplicaRegionStack is the replica-Region stack: where calls, agents and sign-in go.
func newReplicaRegionStack(scope constructs.Construct, id string, props *awscdk.StackProps, failover bool) awscdk.Stack {
	stack := awscdk.NewStack(scope, &id, props)
	home := sourceRegion
	if failover {
		home = replicaRegion
	}
	groupArn := awscdk.NewCfnParameter(stack, jsii.String("DefaultTrafficDistributionGroupArn"), &awscdk.CfnParameterProps{
		Description: jsii.String("ARN of the default traffic distribution group (the output of ContactCenterEast of the same name)"),
	}).ValueAsString()
	var all []*ccr.Distribution
	for _, region := range []string{sourceRegion, replicaRegion} {
		percentage := 0.0
		if region == home {
			percentage = 100
		}
		all = append(all, &ccr.Distribution{Region: jsii.String(region), Percentage: jsii.Number(percentage)})
	}

	ccr.NewTrafficDistribution(stack, jsii.String("Distribution"), &ccr.TrafficDistributionProps{
		TrafficDistributionGroup: groupArn,
		TelephonyConfig:          &ccr.TelephonyConfig{Distributions: &all},
		AgentConfig:              &ccr.AgentConfig{Distributions: &all},
		SignInConfig: &ccr.SignInConfig{Distributions: &[]*ccr.SignInDistribution{
			{Region: jsii.String(sourceRegion), Enabled: jsii.Bool(!failover)},
			{Region: jsii.String(replicaRegion), Enabled: jsii.Bool(true)},
		}},
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	return stack
}

// The output directory comes from CDK_OUTDIR (the CDK CLI sets it; `npx projen bindings:go` too).
func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	newContactCenterStack(app, "ContactCenter", &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("us-east-1")},
	})
	newSourceRegionStack(app, "ContactCenterEast", &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String(sourceRegion)},
	})
	failover := app.Node().TryGetContext(jsii.String("failover"))
	newReplicaRegionStack(app, "ContactCenterWest", &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String(replicaRegion)},
	}, failover == "true" || failover == true)
	app.Synth(nil)
}
