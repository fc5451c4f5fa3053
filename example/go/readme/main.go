// The README's TypeScript examples, written in Go by hand: jsii-rosetta 6.0's Go translations of them do not
// compile (docs/languages.md says why). `npx projen bindings:go` builds, vets and runs this program, and
// test/bindings/readme-examples.ts checks that every README section with an example has its Go version here.
package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsconnect"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/jsii-runtime-go"
	ccr "github.com/cdk-contact-center-resources/cdk-contact-center-resources-go/cdkcontactcenterresources"
)

// readmeExamples are the README's examples by section, each declared in a stack of its own.
var readmeExamples = []struct {
	section string
	declare func(this awscdk.Stack)
}{
	{section: "TrafficDistribution", declare: trafficDistribution},
	{section: "Global Resiliency: InstanceReplica and TrafficDistributionGroupUsers", declare: globalResiliency},
	{section: "ProfileObjectType", declare: profileObjectType},
	{section: "VoiceConnectorProxy and ProxySessionSettings", declare: voiceConnectorProxyAndProxySessionSettings},
	{section: "OutboundVoiceContact", declare: outboundVoiceContact},
	{section: "Handler settings: VPC, encryption, concurrency, tracing, monitoring", declare: handlerSettings},
}

func trafficDistribution(this awscdk.Stack) {
	group := awsconnect.NewCfnTrafficDistributionGroup(this, jsii.String("Group"), &awsconnect.CfnTrafficDistributionGroupProps{
		InstanceArn: jsii.String("arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"),
		Name:        jsii.String("east-west-failover"),
	})

	ccr.NewTrafficDistribution(this, jsii.String("Failover"), &ccr.TrafficDistributionProps{
		TrafficDistributionGroup: group.AttrTrafficDistributionGroupArn(), // or the group's ARN or bare ID
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
}

func globalResiliency(this awscdk.Stack) {
	replica := ccr.NewInstanceReplica(this, jsii.String("Replica"), &ccr.InstanceReplicaProps{
		Instance:      jsii.String("arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"), // or an ID, or a token
		ReplicaRegion: jsii.String("us-west-2"),
		ReplicaAlias:  jsii.String("acme-west"),
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN, // the default; DESTROY deletes the replica
	})
	_ = replica.ReplicaInstanceArn()   // arn:aws:connect:us-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555
	_ = replica.GlobalSignInEndpoint() // the URL agents sign in through, in either Region

	ccr.NewTrafficDistributionGroupUsers(this, jsii.String("Agents"), &ccr.TrafficDistributionGroupUsersProps{
		TrafficDistributionGroup: replica.DefaultTrafficDistributionGroupArn(), // the default group Amazon Connect creates with the replica
		InstanceId:               jsii.String("11111111-2222-3333-4444-555555555555"),
		// User IDs or ARNs; tokens such as a CfnUser's AttrUserArn() are allowed.
		UserIds:       jsii.Strings("a1b2c3d4-0001-4000-8000-000000000001", "a1b2c3d4-0002-4000-8000-000000000002"),
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY, // the default: removing the resource disassociates its users
	})
}

func profileObjectType(this awscdk.Stack) {
	key := awskms.NewKey(this, jsii.String("ProfilesKey"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	ingestRole := awsiam.NewRole(this, jsii.String("Ingest"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
	})

	orders := ccr.NewProfileObjectType(this, jsii.String("Orders"), &ccr.ProfileObjectTypeProps{
		DomainName:            jsii.String("contact-center-prod"),
		ObjectTypeName:        jsii.String("ShopifyOrder"),
		Description:           jsii.String("Orders from the web shop"),
		Expiration:            awscdk.Duration_Days(jsii.Number(365)),
		EncryptionKey:         key,
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
			"email": {{StandardIdentifiers: &[]ccr.StandardIdentifier{ccr.StandardIdentifier_PROFILE}, FieldNames: jsii.Strings("email")}},
		},
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	awscdk.Tags_Of(orders).Add(jsii.String("team"), jsii.String("cx"), nil)
	orders.GrantPutProfileObject(ingestRole)

	// From a template: the template defines the fields and keys.
	ccr.NewProfileObjectType(this, jsii.String("Accounts"), &ccr.ProfileObjectTypeProps{
		DomainName:     jsii.String("contact-center-prod"),
		ObjectTypeName: jsii.String("SalesforceAccount"),
		Description:    jsii.String("Salesforce accounts"),
		TemplateId:     jsii.String("Salesforce-Account"),
	})
}

func voiceConnectorProxyAndProxySessionSettings(this awscdk.Stack) {
	voiceConnectorId := jsii.String("abcdef1ghij2klmno3pqr4")
	proxySessionId := jsii.String("f2b1e8a4-6c0d-4e3f-9a7b-5d8c1e2f3a4b") // from CreateProxySession

	proxy := ccr.NewVoiceConnectorProxy(this, jsii.String("Proxy"), &ccr.VoiceConnectorProxyProps{
		VoiceConnectorId:         voiceConnectorId,
		DefaultSessionExpiry:     awscdk.Duration_Hours(jsii.Number(1)),
		PhoneNumberPoolCountries: jsii.Strings("US", "CA"),
	})

	settings := ccr.NewProxySessionSettings(this, jsii.String("MaskedCalls"), &ccr.ProxySessionSettingsProps{
		VoiceConnectorId: voiceConnectorId,
		ProxySessionId:   proxySessionId,
		Capabilities:     &[]ccr.ProxyCapability{ccr.ProxyCapability_VOICE, ccr.ProxyCapability_SMS},
		Expiry:           awscdk.Duration_Minutes(jsii.Number(60)),
		RemovalPolicy:    awscdk.RemovalPolicy_DESTROY, // put the session's original settings back on delete
	})
	// The session's settings change only once the voice connector's proxy configuration is in place.
	settings.Node().AddDependency(proxy)
}

func outboundVoiceContact(this awscdk.Stack) {
	buildNumber := jsii.String("1024") // for example, your CI's build number

	call := ccr.NewOutboundVoiceContact(this, jsii.String("SmokeTest"), &ccr.OutboundVoiceContactProps{
		InstanceId:    jsii.String("11111111-2222-3333-4444-555555555555"),
		ContactFlowId: jsii.String("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
		// Resolved at deploy: the number never appears in the template.
		// Read by the handler at deploy: the number appears in no template, stack parameter, event or log.
		DestinationPhoneNumberParameter: awsssm.StringParameter_FromSecureStringParameterAttributes(this, jsii.String("OnCallNumber"), &awsssm.SecureStringParameterAttributes{
			ParameterName: jsii.String("/on-call/number"),
		}),
		SourcePhoneNumber: jsii.String("+12065550199"), // or QueueId: one of the two is required
		Attributes:        &map[string]*string{"greeting": jsii.String("deploy-check")},
		RingTimeout:       awscdk.Duration_Seconds(jsii.Number(30)),
		CallAgainToken:    buildNumber,                  // a new value places the call again
		RemovalPolicy:     awscdk.RemovalPolicy_DESTROY, // stop the call if it is still in progress on delete
	})
	_ = call.ContactId() // the contact that the call started
}

func handlerSettings(this awscdk.Stack) {
	vpc := awsec2.NewVpc(this, jsii.String("Vpc"), nil)
	handlerSecurityGroup := awsec2.NewSecurityGroup(this, jsii.String("Handlers"), &awsec2.SecurityGroupProps{Vpc: vpc})
	key := awskms.NewKey(this, jsii.String("LogsKey"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	onCall := awssns.NewTopic(this, jsii.String("OnCall"), nil)

	ccr.HandlerSettings_Of(this).Apply(&ccr.HandlerSettingsProps{
		Vpc:                          vpc,
		VpcSubnets:                   &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS},
		SecurityGroups:               &[]awsec2.ISecurityGroup{handlerSecurityGroup},
		LogGroupEncryptionKey:        key, // also encrypts the functions' environment
		LogRetention:                 awslogs.RetentionDays_ONE_YEAR,
		ReservedConcurrentExecutions: jsii.Number(5),
		Tracing:                      awslambda.Tracing_ACTIVE,
		RolePath:                     jsii.String("/contact-center/"),
		Alarms:                       &ccr.HandlerAlarmOptions{Actions: &[]awscloudwatch.IAlarmAction{awscloudwatchactions.NewSnsAction(onCall)}},
	})
	_ = ccr.HandlerSettings_Of(this).Functions() // every handler function of the stack

	dashboard := awscloudwatch.NewDashboard(this, jsii.String("Dashboard"), nil)
	for _, handler := range *ccr.HandlerSettings_Of(this).HandlerFunctions() {
		fn := handler.LambdaFunction
		dashboard.AddWidgets(awscloudwatch.NewGraphWidget(&awscloudwatch.GraphWidgetProps{
			Title: jsii.String("ccr-" + *handler.Kind),
			Left:  &[]awscloudwatch.IMetric{fn.MetricInvocations(nil), fn.MetricErrors(nil), fn.MetricThrottles(nil)},
		}))
		awslogs.NewMetricFilter(this, jsii.String("FailedEvents-"+*handler.Kind), &awslogs.MetricFilterProps{
			LogGroup:        handler.LogGroup,
			MetricNamespace: jsii.String("ContactCenter/Handlers"),
			MetricName:      jsii.String("FailedEvents"),
			Dimensions:      &map[string]*string{"resourceType": jsii.String("$.resourceType")},
			FilterPattern: awslogs.FilterPattern_All(
				awslogs.FilterPattern_StringValue(jsii.String("$.message"), jsii.String("="), jsii.String("result")),
				awslogs.FilterPattern_StringValue(jsii.String("$.status"), jsii.String("="), jsii.String("FAILED")),
			),
			MetricValue: jsii.String("1"),
		})
	}
}

// stackName is a section's title with only what a stack name may hold: letters, digits and dashes.
func stackName(section string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			return r
		}
		return -1
	}, section)
}

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	for _, example := range readmeExamples {
		example.declare(awscdk.NewStack(app, jsii.String(stackName(example.section)), nil))
	}
	for _, stack := range *app.Synth(nil).Stacks() {
		resources := stack.Template().(map[string]interface{})["Resources"].(map[string]interface{})
		var custom []string
		for _, r := range resources {
			if t := r.(map[string]interface{})["Type"].(string); strings.HasPrefix(t, "Custom::") {
				custom = append(custom, t)
			}
		}
		// An example synthesizes something: a construct's custom resource, or what the handler settings make.
		if len(resources) == 0 {
			panic(*stack.StackName() + ": the example synthesized nothing")
		}
		sort.Strings(custom)
		fmt.Printf("  %s: %d resources, %s\n", *stack.StackName(), len(resources), strings.Join(custom, ", "))
	}
	fmt.Printf("go: %d README examples ran (written in Go from the TypeScript ones)\n", len(readmeExamples))
}
