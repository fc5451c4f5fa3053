module example.com/contact-center

go 1.25.0

require (
	github.com/aws/aws-cdk-go/awscdk/v2 v2.245.0
	github.com/aws/constructs-go/constructs/v10 v10.5.1
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk-contact-center-resources/cdk-contact-center-resources-go/cdkcontactcenterresources v0.0.0
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/cdklabs/awscdk-asset-awscli-go/awscliv1/v2 v2.2.273 // indirect
	github.com/cdklabs/awscdk-asset-node-proxy-agent-go/nodeproxyagentv6/v2 v2.1.3 // indirect
	github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v53 v53.28.0 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.39.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260811182544-a038080d80e5 // indirect
	golang.org/x/tools v0.49.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

// The module jsii-pacmak just built (dist/go), instead of a published version.
replace github.com/cdk-contact-center-resources/cdk-contact-center-resources-go/cdkcontactcenterresources => ../../dist/go/cdkcontactcenterresources

// The library's floor is awscdk v2.245.0 (required above, as in the library's own go.mod), but the Go module
// proxy this project's machines reach is a partial mirror: it refuses awscdk v2.245.0 to v2.247.0 and
// cloud-assembly-schema v53.28.0 (the version the library's go.mod names, from its npm lockfile) with
// "403 This module version is not available". The app therefore takes versions the proxy serves: awscdk
// v2.248.0, the nearest above the floor, and cloud-assembly-schema v53.25.0, the only v53 it lists (older than
// v53.28.0: it only carries the cloud assembly's schema). Drop this block on a machine whose proxy serves both.
replace (
	github.com/aws/aws-cdk-go/awscdk/v2 => github.com/aws/aws-cdk-go/awscdk/v2 v2.248.0
	github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v53 => github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v53 v53.25.0
)
